import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { importWorkspace } from '../../../main/workspace/workspace-archive';
import { LATEST_SCHEMA_VERSION } from '../../../main/store/migrations/index';
import { call, useBackends } from '../../helpers/api';
import { useTempDirs } from '../../helpers/temp-dir';

// tests/fixtures/workspaces/release-0.1.0-typed-figures.zip was exported by the 0.1.0 release's CLI from a workspace
// (Northshire, schema 5) where health's 2025 advice figures were typed in (40 requests, 31 within 6 weeks). That
// release wrote the schema's statements indented differently and recorded typed-in figures with an empty source hash;
// schemas and hash columns are checked since, so such a workspace must still import, open and keep its figures.
const FIXTURE = new URL('../../fixtures/workspaces/release-0.1.0-typed-figures.zip', import.meta.url);
const tempDir = useTempDirs();
const backends = useBackends();

describe('figures typed in with the 0.1.0 release', () => {
  it('import and open with their figures and their empty source hash', async () => {
    const dir = tempDir();
    const zip = join(dir, 'typed.zip');
    copyFileSync(FIXTURE, zip);
    const target = join(dir, 'Copy.sendpack');
    await importWorkspace(zip, target);

    const backend = backends.backend(join(dir, 'data'));
    await call(backend, 'settings.setUserName', { userName: 'Ben Officer' });
    expect(await call(backend, 'workspace.open', { path: target })).toMatchObject({
      areaName: 'Northshire',
      readOnly: false,
    });
    const rows = (await call(backend, 'datasets.rows', { dataset: 'advice-timeliness' })).rows;
    expect(rows.map((r) => [r.period, r.breakdown, r.values])).toEqual([
      ['2025', 'health', { advice_requests: 40, advice_within_6_weeks: 31 }],
    ]);
    backend.close();

    const db = new BetterSqlite3(join(target, 'workspace.db'), { readonly: true });
    expect(db.pragma('user_version', { simple: true })).toBe(LATEST_SCHEMA_VERSION);
    expect(db.prepare('SELECT source_name, source_sha256 FROM dataset_imports').all()).toEqual([
      { source_name: 'typed in', source_sha256: '' },
    ]);
    db.close();
  });

  it('typed in now are recorded with no source hash, and replace only their own breakdown', async () => {
    const dir = tempDir();
    const { backend, folder } = await backends.workspace(dir, {
      user: 'Ann Officer',
      area: 'Northshire',
      laCode: '841',
    });
    await call(backend, 'datasets.enter', {
      dataset: 'advice-timeliness',
      period: '2025',
      breakdown: 'ep',
      values: { advice_requests: 20, advice_within_6_weeks: 18 },
    });
    await call(backend, 'datasets.enter', {
      dataset: 'advice-timeliness',
      period: '2025',
      breakdown: 'health',
      values: { advice_requests: 40, advice_within_6_weeks: 31 },
    });
    const rows = (await call(backend, 'datasets.rows', { dataset: 'advice-timeliness' })).rows;
    expect(rows.map((r) => r.breakdown).sort()).toEqual(['ep', 'health']);
    backend.close();
    const db = new BetterSqlite3(join(folder, 'workspace.db'), { readonly: true });
    const hashes = db.prepare('SELECT source_sha256 FROM dataset_imports').pluck().all() as string[];
    db.close();
    expect(hashes).toHaveLength(2);
    expect(hashes).toEqual(['', '']);
  });
});
