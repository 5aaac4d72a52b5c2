import { decodeStoredText } from '../../../main/store/stored-text';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DATASETS, validateRow } from '../../../shared/domain/datasets/index';
import { METRICS } from '../../../shared/domain/metrics/definitions';
import { SHIPPED_CATALOGUE } from '../../../main/catalogue/shipped-catalogue';
import { LOCAL_AUTHORITIES } from '../../../main/catalogue/local-authorities';
import { sameAuthorityName } from '../../../main/datasets/import/authority';
import { listItems } from '../../../main/checklist/checklist-repository';
import { listImports, listRows } from '../../../main/datasets/dataset-store';
import { listAttachments } from '../../../main/evidence/attachments-repository';
import { getInspection, timeline } from '../../../main/inspection/inspection-repository';
import { todayIso } from '../../../main/inspection/calendar-settings';
import { computeMetrics, SHIPPED_COMPARATORS } from '../../../main/datasets/metrics/index';
import { search } from '../../../main/search/search-index';
import { Workspace } from '../../../main/workspace/workspace';
import { createSampleWorkspace } from '../../../main/sample/create-sample-workspace';
import { findSampleDir, loadSampleContent } from '../../../main/sample/sample-content';

/** A Wednesday: the sample's notification falls two working days earlier, on the Monday. */
const NOW = new Date('2026-03-04T09:15:00Z');
const USER = 'Sample data (fictional)';

let parent: string;
let folder: string;
let workspace: Workspace;

beforeAll(async () => {
  parent = mkdtempSync(join(tmpdir(), 'sendpack-sample-'));
  folder = (await createSampleWorkspace(join(parent, 'Kestrelmouth.sendpack'), { now: NOW })).folder;
  workspace = Workspace.open(folder, { user: 'Test Officer' });
});

afterAll(() => {
  workspace?.close();
  rmSync(parent, { recursive: true, force: true });
});

/** NHS number: 10 digits (often 3-3-4) whose check digit holds (weights 10…2, mod 11; 10 is never valid). */
function isNhsNumber(digits: string): boolean {
  const sum = [...digits.slice(0, 9)].reduce((total, d, i) => total + Number(d) * (10 - i), 0);
  const check = (11 - (sum % 11)) % 11;
  return check !== 10 && check === Number(digits[9]);
}

/** What the privacy scanner will block, as the docs/domain §6 defines it; emails at example.org are allowed. */
function personalDataIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(/(?<![\d.])\d{3}[ -]?\d{3}[ -]?\d{4}(?![\d.])/g)) {
    if (isNhsNumber(m[0].replace(/\D/g, ''))) found.push(`NHS number ${m[0]}`);
  }
  for (const m of text.matchAll(/\b[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]\b/g)) found.push(`UPN ${m[0]}`);
  for (const m of text.matchAll(/\b[A-Z]{1,2}[0-9][A-Z0-9]? ?[0-9][A-Z]{2}\b/gi)) found.push(`postcode ${m[0]}`);
  for (const m of text.matchAll(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g))
    if (!m[0].toLowerCase().endsWith('@example.org')) found.push(`email ${m[0]}`);
  return found;
}

const catalogueById = new Map(SHIPPED_CATALOGUE.items.map((i) => [i.id, i]));

describe('the sample area', () => {
  it('is a fictional area that no real authority is mistaken for', () => {
    const content = loadSampleContent();
    expect(content.area.description).toMatch(/fictional/);
    expect(content.area.areaName).toMatch(/fictional/i);
    expect(LOCAL_AUTHORITIES.some((la) => la.oldCode === content.area.authority.oldCode)).toBe(false);
    expect(LOCAL_AUTHORITIES.some((la) => la.newCode === content.area.authority.newCode)).toBe(false);
    for (const la of LOCAL_AUTHORITIES) {
      expect(sameAuthorityName(la.name, content.area.authority.name), la.name).toBe(false);
      expect(la.name.toLowerCase()).not.toContain(content.area.authority.name.toLowerCase());
    }
    expect(LOCAL_AUTHORITIES.filter((la) => la.region === content.area.authority.region)[0]?.regionCode).toBe(
      content.area.authority.regionCode,
    );
  });

  it('covers every catalogue item once, and every dataset with one CSV file', () => {
    const content = loadSampleContent();
    expect(content.items.map((i) => i.id).sort()).toEqual(SHIPPED_CATALOGUE.items.map((i) => i.id).sort());
    expect([...content.dataFiles.keys()].sort()).toEqual(DATASETS.map((d) => d.id).sort());
    for (const item of content.items) {
      if (catalogueById.get(item.id)!.personLevel) expect(item.narrative, item.id).toEqual([]);
    }
  });

  it('is found in the repository without configuration', () => {
    expect(existsSync(join(findSampleDir(), 'area.json'))).toBe(true);
  });
});

describe('the personal-data check used on the sample', () => {
  it('finds what it is meant to find', () => {
    expect(personalDataIn('NHS number 943 476 5919 and 9434765919')).toHaveLength(2);
    expect(personalDataIn('943 476 5918, 01632 960 123, 40,150 pupils, 2423926201 sessions')).toEqual([]);
    expect(personalDataIn('UPN B801200005001')).toEqual(['UPN B801200005001']);
    expect(personalDataIn('lives at SW1A 1AA and at M1 1AE')).toHaveLength(2);
    expect(personalDataIn('mum@gmail.com, sendiass@example.org')).toEqual(['email mum@gmail.com']);
  });
});

describe('createSampleWorkspace', () => {
  it('creates a workspace that opens, for the sample area', () => {
    const session = workspace.session();
    expect(session.readOnly).toBe(false);
    expect(session.areaName).toBe('Kestrelmouth (fictional sample)');
    expect(session.laCode).toBe('999');
    expect(session.catalogueVersion).toBe(SHIPPED_CATALOGUE.catalogueVersion);
  });

  it("gives all 78 catalogue items a status, with a realistic spread, plus an item of the area's own", () => {
    const items = listItems(workspace.db);
    const catalogue = items.filter((i) => i.origin === 'catalogue');
    expect(catalogue).toHaveLength(78);
    expect(catalogue.map((i) => i.id).sort()).toEqual(SHIPPED_CATALOGUE.items.map((i) => i.id).sort());
    const count = (status: string) => catalogue.filter((i) => i.status === status).length;
    expect(count('approved')).toBeGreaterThan(catalogue.length / 2);
    for (const status of ['ready-for-review', 'in-progress', 'not-started', 'not-applicable'])
      expect(count(status), status).toBeGreaterThan(0);
    expect(count('not-started')).toBeLessThanOrEqual(3);
    for (const item of items) expect(item.owner, item.id).not.toBe('');
    const custom = items.filter((i) => i.origin === 'custom');
    expect(custom.length).toBeGreaterThan(0);
    expect(custom.every((i) => i.note.length > 0)).toBe(true);
  });

  it('writes a narrative of 2–5 paragraphs for every approved or ready item that is not person-level', () => {
    const items = listItems(workspace.db).filter((i) => !i.personLevel);
    const done = items.filter((i) => i.status === 'approved' || i.status === 'ready-for-review');
    expect(done.length).toBeGreaterThan(40);
    for (const item of done) {
      const paragraphs = item.note.split('\n\n');
      expect(paragraphs.length, item.id).toBeGreaterThanOrEqual(2);
      expect(paragraphs.length, item.id).toBeLessThanOrEqual(5);
      expect(
        paragraphs.every((p) => p.trim() === p && p.length > 0),
        item.id,
      ).toBe(true);
    }
    const bulleted = done.filter((i) => i.note.split('\n').some((line) => line.startsWith('- ')));
    expect(bulleted.length).toBeGreaterThanOrEqual(10);
    for (const item of items.filter((i) => i.status === 'not-applicable')) expect(item.note, item.id).not.toBe('');
    // The app is for English councils: British spellings, not American ones.
    const all = items.map((i) => i.note).join('\n');
    expect(all).not.toMatch(/\b(?:organization|program(?!me)|center|behavior|analyze|prioritize)\b/i);
  });

  it('keeps person-level items to a status: no note, no files', () => {
    const personLevel = listItems(workspace.db).filter((i) => i.personLevel);
    expect(personLevel.map((i) => i.id).sort()).toEqual([
      'annex-a-list-1-ehcp',
      'annex-a-list-2-sen-support',
      'tracking-cases',
    ]);
    for (const item of personLevel) {
      expect(item.note).toBe('');
      expect(item.attachments).toBe(0);
      expect(listAttachments(workspace.db, item.id)).toEqual([]);
    }
  });

  it('imports every dataset for the sample area and England, with South West rows where DfE publishes them', () => {
    const rows = listRows(workspace.db);
    for (const def of DATASETS) {
      const own = rows.filter((r) => r.dataset === def.id);
      const local = own.filter((r) => r.geography === 'local' && r.areaCode === '999');
      const national = own.filter(
        (r) => r.geography === 'national' && r.areaCode === 'E92000001' && r.areaName === 'England',
      );
      const periods = new Set(local.map((r) => r.period));
      expect(periods.size, def.id).toBeGreaterThanOrEqual(3);
      expect(periods.size, def.id).toBeLessThanOrEqual(5);
      expect(new Set(national.map((r) => r.period)), def.id).toEqual(periods);
      for (const value of def.breakdown?.values ?? []) {
        expect(
          local.some((r) => r.breakdown === value.id),
          `${def.id} ${value.id}`,
        ).toBe(true);
      }
      for (const row of own)
        expect(validateRow(def, row), `${def.id} ${row.geography} ${row.period} ${row.breakdown}`).toEqual([]);
    }
    const healthServices = new Set(
      rows.filter((r) => r.dataset === 'health-waits' && r.geography === 'local').map((r) => r.breakdown),
    );
    expect(healthServices.size).toBe(6);
    expect(rows.some((r) => r.geography === 'regional' && r.areaName === 'South West')).toBe(true);
    const imports = listImports(workspace.db);
    expect(imports).toHaveLength(DATASETS.length);
    expect(new Set(imports.map((i) => i.layout))).toEqual(new Set(['template', 'dfe-tidy', 'year-columns-table']));
    expect(imports.every((i) => i.importedBy === USER)).toBe(true);
  });

  it('computes every metric for the sample area, none of them invalid, most with a national comparator', () => {
    const results = computeMetrics(listRows(workspace.db), { comparators: SHIPPED_COMPARATORS, areaCode: '999' });
    expect(
      results.filter((r) => r.status === 'invalid').map((r) => `${r.id} ${r.period}: ${r.problems.join('; ')}`),
    ).toEqual([]);
    const computed = new Set(results.filter((r) => r.status === 'ok').map((r) => r.id));
    expect(METRICS.filter((m) => !computed.has(m.id)).map((m) => m.id)).toEqual([]);
    expect(results.filter((r) => r.comparator !== null).length).toBeGreaterThan(results.length * 0.75);
  });

  it('attaches at least 15 evidence files across formats, all read for search, some of them stale', () => {
    const attachments = listAttachments(workspace.db);
    expect(attachments.length).toBeGreaterThanOrEqual(15);
    expect(new Set(attachments.map((a) => a.itemId)).size).toBeGreaterThanOrEqual(15);
    const blobs = workspace.db.prepare('SELECT sha256, text_status, text_kind, text FROM blobs').all() as {
      sha256: string;
      text_status: string;
      text_kind: string;
      text: unknown;
    }[];
    const bySha = new Map(blobs.map((b) => [b.sha256, b]));
    for (const a of attachments) {
      const blob = bySha.get(a.sha256!)!;
      expect(blob.text_status, a.fileName).toBe('ok');
      const text = decodeStoredText(blob.text);
      expect(text.length, a.fileName).toBeGreaterThan(200);
      expect(text, a.fileName).not.toContain('{{');
      expect(a.title).not.toBe('');
      expect(a.author).not.toBe('');
      expect(a.versionLabel).not.toBe('');
      expect(a.documentDate! <= todayIso(NOW)).toBe(true);
      expect(a.addedBy).toBe(USER);
    }
    expect(new Set(blobs.map((b) => b.text_kind))).toEqual(new Set(['txt', 'csv', 'docx', 'pdf']));
    const jsna = attachments.find((a) => a.itemId === 'jsna-send')!;
    expect(jsna.fileName).toMatch(/\.pdf$/);
    expect(jsna.documentDate! < '2022-01-01').toBe(true);
    const hits = search(workspace.db, 'neurodevelopmental recovery trajectory');
    expect(hits.some((h) => h.kind === 'attachment')).toBe(true);
  });

  it('flags the out-of-date documents as stale and the current ones as fresh', () => {
    const items = new Map(listItems(workspace.db).map((i) => [i.id, i]));
    expect(items.get('jsna-send')!.expires! < todayIso(NOW)).toBe(true);
    expect(items.get('ehcp-quality-audit')!.expires! < todayIso(NOW)).toBe(true);
    for (const id of ['send-strategy', 'strategy-action-plan', 'governance-map', 'ap-oversight']) {
      expect(items.get(id)!.expires! >= todayIso(NOW), id).toBe(true);
    }
  });

  it('records the notification a few working days before now, so the pack deadline is still ahead', () => {
    const inspection = getInspection(workspace.db)!;
    expect(inspection).toMatchObject({
      notifiedDate: '2026-03-02',
      notifiedTime: '10:30',
      preset: 'full',
      recordedBy: USER,
    });
    expect(inspection.leadOfficer).toMatch(/LANO/);
    const line = timeline(workspace.db, todayIso(NOW))!;
    expect(line.packDue).toBe('2026-03-09');
    expect(line.workingDayToday).toBe(2);
    expect(line.workingDaysLeft).toBe(3);
  });

  it('records every change as the sample user', () => {
    const who = workspace.db.prepare('SELECT DISTINCT who FROM events').pluck().all();
    expect(who).toEqual([USER]);
    // Workspace.create stamps its own two events (creation, catalogue) with the real time; the sample's are at `now`.
    const at = workspace.db
      .prepare("SELECT DISTINCT at FROM events WHERE action NOT IN ('create-workspace', 'catalogue-load')")
      .pluck()
      .all();
    expect(at).toEqual([NOW.toISOString()]);
  });

  it('holds no personal data anywhere: not in the workspace, its file names or the shipped sample files', () => {
    const texts: { where: string; text: string }[] = [];
    const tables = workspace.db
      .prepare(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'search_index_%'",
      )
      .pluck()
      .all() as string[];
    for (const table of tables) {
      for (const row of workspace.db.prepare(`SELECT * FROM "${table}"`).all() as Record<string, unknown>[]) {
        for (const [column, value] of Object.entries(row))
          if (typeof value === 'string') texts.push({ where: `${table}.${column}`, text: value });
      }
    }
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((name) => {
        const path = join(dir, name);
        return statSync(path).isDirectory() ? walk(path) : [path];
      });
    const sampleDir = findSampleDir();
    for (const path of walk(sampleDir)) {
      texts.push({ where: `file name ${relative(sampleDir, path)}`, text: relative(sampleDir, path) });
      texts.push({ where: relative(sampleDir, path), text: readFileSync(path, 'utf8') });
    }
    for (const path of walk(folder))
      texts.push({ where: `workspace file ${relative(folder, path)}`, text: relative(folder, path) });
    expect(texts.length).toBeGreaterThan(500);
    const findings = texts.flatMap(({ where, text }) => personalDataIn(text).map((f) => `${where}: ${f}`));
    expect(findings).toEqual([]);
  });

  it('refuses a folder that exists, leaving it as it was', async () => {
    const taken = join(parent, 'Taken.sendpack');
    mkdirSync(taken);
    writeFileSync(join(taken, 'keep.txt'), 'mine');
    await expect(createSampleWorkspace(taken, { now: NOW })).rejects.toThrow(/already exists/);
    expect(readdirSync(taken)).toEqual(['keep.txt']);
  });

  it('keeps the deadline ahead over a bank-holiday weekend, and records a given user', async () => {
    // Easter Saturday 2026: Good Friday (3 April) and Easter Monday (6 April) are not working days.
    const easter = new Date('2026-04-04T11:00:00Z');
    const { folder: other } = await createSampleWorkspace(join(parent, 'Easter.sendpack'), {
      now: easter,
      user: 'Demo Officer',
    });
    const opened = Workspace.open(other, { user: 'Test Officer' });
    try {
      const line = timeline(opened.db, todayIso(easter))!;
      expect(line.inspection.notifiedDate).toBe('2026-03-31');
      expect(line.packDue).toBe('2026-04-09');
      expect(line.packDue >= todayIso(easter)).toBe(true);
      expect(opened.db.prepare('SELECT DISTINCT who FROM events').pluck().all()).toEqual(['Demo Officer']);
    } finally {
      opened.close();
    }
  });
});
