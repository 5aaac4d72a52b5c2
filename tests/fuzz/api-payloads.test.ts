import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Backend } from '../../main/api/backend';
import { dispatch } from '../../main/api/dispatch';
import { startHttpHost, type HttpHost } from '../../main/browser-host/http-host';
import { contract } from '../../shared/api/contract';
import { OPERATION_NAMES, type OperationName } from '../../shared/api/operation-names';
import type { ApiResult } from '../../shared/api/result';
import { anyValue, mutatePayload, oddValue, payloadMutation, VALID } from '../fixtures/fuzz/payloads';
import { FuzzTally, fuzzParameters, fuzzRuns, fuzzTimeout } from '../fixtures/fuzz/runs';

// The API contract under fuzzing: every operation refuses a payload that does not match its schema — random
// values of every kind a host can deliver, and mutations of a valid request — with 'invalid-request' naming the
// field, never throwing and touching nothing (the workspace database, the settings and the data folder are
// unchanged). Valid but odd payloads for the operations that are safe to repeat never crash and answer what the
// contract says. The browser host refuses every operation without the token, with a wrong one, and from other
// origins or host names, before anything runs. FUZZ_RUNS sets the number of cases.

const tally = new FuzzTally('api', 'API payload schemas');

/** Operations a generated valid payload may run: not those that open or create folders at a given path, restore,
 * close the workspace, build for minutes, or open a desktop viewer. */
const SAFE_TO_RUN: ReadonlySet<OperationName> = new Set<OperationName>([
  'app.info',
  'settings.get',
  'settings.setUserName',
  'localAuthorities.list',
  'workspace.recent',
  'workspace.current',
  'checklist.list',
  'checklist.update',
  'checklist.addItem',
  'files.upload',
  'attachments.list',
  'attachments.add',
  'attachments.replace',
  'attachments.update',
  'attachments.remove',
  'attachments.restore',
  'audit.list',
  'audit.exportCsv',
  'search.query',
  'inspection.get',
  'inspection.record',
  'inspection.setMilestone',
  'calendar.get',
  'calendar.setOverrides',
  'dashboard.get',
  'datasets.list',
  'datasets.template',
  'datasets.rows',
  'datasets.enter',
  'imports.preview',
  'imports.commit',
  'imports.list',
  'metrics.list',
  'metrics.chart',
  'pack.builds',
  'pack.file',
  'privacy.check',
  'privacy.markFalsePositive',
  'privacy.decideFile',
  'privacy.settings',
  'privacy.saveSettings',
  'work.cancel',
  'benchmarks.neighbours',
  'benchmarks.setNeighbours',
]);

let dir = '';
let backend: Backend;
let dbFile = '';

/** Everything a refused call must leave alone: every table of the workspace, the settings, the data folder's files. */
function stateDigest(): string {
  const hash = createHash('sha256');
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").all() as {
      name: string;
    }[];
    for (const { name } of tables)
      hash.update(name).update(JSON.stringify(db.prepare(`SELECT * FROM "${name}"`).all()));
  } finally {
    db.close();
  }
  const walk = (folder: string): void => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      const stat = statSync(path);
      if (stat.isDirectory()) walk(path);
      // The database's own -wal and -shm change as connections come and go; its content is hashed above.
      else if (!/\.db-(wal|shm)$/.test(name))
        hash.update(`${path}:${stat.size}:${name === 'workspace.db' ? '' : stat.mtimeMs}`);
    }
  };
  walk(dir);
  return hash.digest('hex');
}

const schemaOf = (operation: OperationName) => contract[operation].request;
/** dispatch's own reading of a payload: a missing payload is {}. */
const accepts = (operation: OperationName, payload: unknown) => schemaOf(operation).safeParse(payload ?? {}).success;

/** The field dispatch must name: the path of the schema's first issue. */
function expectedField(operation: OperationName, payload: unknown): string {
  const parsed = schemaOf(operation).safeParse(payload ?? {});
  if (parsed.success) throw new Error('the payload matches the schema');
  return parsed.error.issues[0]?.path.map(String).join('.') ?? '';
}

/** Dispatches a payload the schema refuses and checks the refusal; a throw or an 'internal' answer is a crash. */
async function expectRefused(operation: OperationName, payload: unknown): Promise<void> {
  tally.cases++;
  const before = stateDigest();
  let result: ApiResult<unknown>;
  try {
    result = await dispatch(backend, operation, payload);
  } catch (error) {
    tally.crashes++;
    throw error;
  }
  if (!result.ok && result.error.code === 'internal') tally.crashes++;
  expect(result.ok, `${operation} accepted a payload its schema refuses`).toBe(false);
  if (result.ok) return;
  const field = expectedField(operation, payload);
  expect(result.error).toMatchObject({ code: 'invalid-request', field });
  expect(
    result.error.message.startsWith(`${operation}: ${field ? `${field} ` : 'the request '}`),
    result.error.message,
  ).toBe(true);
  expect(result.error.message).not.toMatch(/\[object Object\]/);
  expect(stateDigest(), `${operation}: a refused payload changed something`).toBe(before);
  tally.count('refused');
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sendpack-fuzz-api-'));
  backend = new Backend({ dataDir: join(dir, 'data'), host: 'browser' });
  expect(await dispatch(backend, 'settings.setUserName', { userName: 'Fuzz Tester' })).toMatchObject({ ok: true });
  const created = await dispatch(backend, 'workspace.create', {
    areaName: 'Darlington',
    laCode: '841',
    parentDir: dir,
  });
  if (!created.ok) throw new Error(JSON.stringify(created.error));
  dbFile = join((created.value as { session: { path: string } }).session.path, 'workspace.db');
});
afterAll(() => {
  backend?.close();
  rmSync(dir, { recursive: true, force: true });
  tally.write();
  console.log(tally.describe());
});

describe('API payload schemas', () => {
  it('the valid examples are valid, one for every operation', () => {
    for (const operation of OPERATION_NAMES) expect(accepts(operation, VALID[operation]), operation).toBe(true);
  });

  it('every operation refuses, naming the field, each field removed, mistyped and an unknown field added', async () => {
    for (const operation of OPERATION_NAMES) {
      const valid = VALID[operation] as Record<string, unknown>;
      const payloads: unknown[] = ['a string', 42, [valid], { ...valid, unexpectedField: 1 }, new Map([['a', 1]])];
      for (const key of Object.keys(valid)) {
        const { [key]: _removed, ...without } = valid;
        payloads.push(
          without,
          { ...valid, [key]: { nested: [] } },
          { ...valid, [key]: 12n },
          { ...valid, [key]: 'x'.repeat(5_000) },
        );
      }
      let refusedOne = false;
      for (const payload of payloads) {
        if (accepts(operation, payload)) continue; // an optional field removed is still valid
        await expectRefused(operation, payload);
        refusedOne = true;
      }
      expect(refusedOne, operation).toBe(true);
    }
  });

  it(
    `${fuzzRuns()} generated payloads that do not match: refused with the field named, nothing touched`,
    async () => {
      const operation = fc.constantFrom(...OPERATION_NAMES);
      const invalid = operation.chain((op) =>
        fc
          .oneof(
            { weight: 1, arbitrary: anyValue },
            {
              weight: 3,
              arbitrary: fc
                .array(payloadMutation, { minLength: 1, maxLength: 3 })
                .map((m) => mutatePayload(VALID[op], m)),
            },
          )
          .filter((payload) => !accepts(op, payload))
          .map((payload) => [op, payload] as const),
      );
      await fc.assert(
        fc.asyncProperty(invalid, async ([op, payload]) => {
          await expectRefused(op, payload);
        }),
        fuzzParameters(),
      );
      expect(tally.crashes).toBe(0);
    },
    fuzzTimeout(20),
  );

  it(
    `${Math.ceil(fuzzRuns() / 2)} generated payloads that match, for the operations safe to repeat: never a crash, answers as the contract says`,
    async () => {
      const safe = OPERATION_NAMES.filter((op) => SAFE_TO_RUN.has(op));
      // Valid requests with odd values: text of any script and length, numbers at the edges, nulls where allowed.
      const replaceLeaf = fc.record({
        kind: fc.constant('replace' as const),
        at: fc.nat(1_000),
        key: fc.constant(''),
        value: fc.oneof(
          oddValue,
          fc.string({ unit: 'grapheme', maxLength: 300 }),
          fc.integer({ min: -2, max: 1_000_000 }),
        ),
      });
      const valid = fc.constantFrom(...safe).chain((op) =>
        fc
          .array(replaceLeaf, { maxLength: 3 })
          .map((m) => mutatePayload(VALID[op], m))
          .filter((payload) => accepts(op, payload))
          .map((payload) => [op, payload] as const),
      );
      await fc.assert(
        fc.asyncProperty(valid, async ([op, payload]) => {
          tally.cases++;
          let result: ApiResult<unknown>;
          try {
            result = await dispatch(backend, op, payload);
          } catch (error) {
            tally.crashes++;
            throw error;
          }
          if (!result.ok && result.error.code === 'internal') {
            tally.crashes++;
            expect.fail(`${op} crashed on ${String(JSON.stringify(payload))?.slice(0, 300)}: ${result.error.message}`);
          }
          tally.count(result.ok ? 'ran' : `refused ${result.error.code}`);
          if (result.ok) {
            const answer = contract[op].response.safeParse(result.value);
            expect(
              answer.success,
              `${op} answered outside its contract: ${answer.success ? '' : answer.error.message}`,
            ).toBe(true);
          }
        }),
        fuzzParameters(Math.ceil(fuzzRuns() / 2)),
      );
      const db = new Database(dbFile, { readonly: true, fileMustExist: true });
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      } finally {
        db.close();
      }
      expect(tally.crashes).toBe(0);
    },
    fuzzTimeout(30),
  );
});

/** Raw HTTP, so Host and Origin can be set as another site's page or a rebinding DNS name would. */
function raw(h: HttpHost, path: string, headers: Record<string, string>, body: string) {
  const url = new URL(h.origin);
  return new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request({ host: url.hostname, port: url.port, path, method: 'POST', headers }, (res) => {
      let text = '';
      res.on('data', (c) => {
        text += c;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('browser host: the token and the origin', () => {
  let hostDir = '';
  let host: HttpHost;
  beforeAll(async () => {
    hostDir = mkdtempSync(join(tmpdir(), 'sendpack-fuzz-host-'));
    mkdirSync(join(hostDir, 'dist'));
    writeFileSync(join(hostDir, 'dist', 'index.html'), '<!doctype html><title>t</title>');
    host = await startHttpHost({ dataDir: join(hostDir, 'data'), distDir: join(hostDir, 'dist') });
  });
  afterAll(async () => {
    await host?.close();
    rmSync(hostDir, { recursive: true, force: true });
  });

  const settingsFile = () => join(hostDir, 'data', 'settings.json');
  const settingsText = () => {
    try {
      return readFileSync(settingsFile(), 'utf8');
    } catch {
      return null;
    }
  };

  it('refuses every operation, with a valid payload, without the token, with a wrong one, and from another origin or host name', async () => {
    const own = new URL(host.origin).host;
    const before = settingsText();
    for (const operation of OPERATION_NAMES) {
      const body = operation === 'files.upload' ? 'a,b\n' : JSON.stringify(VALID[operation]);
      const path = `/api/${operation}`;
      const wrong = `${host.token.slice(0, -1)}${host.token.endsWith('0') ? '1' : '0'}`;
      const noToken: Record<string, string>[] = [
        { host: own },
        { host: own, 'x-sendpack-token': wrong },
        { host: own, 'x-sendpack-token': host.token.slice(0, 24) },
        { host: own, 'x-sendpack-token': `${host.token}0` },
        { host: own, 'x-sendpack-token': host.token.toUpperCase() },
      ];
      for (const headers of noToken) {
        expect(
          (await raw(host, `${path}?token=${host.token}`, headers, body)).status,
          `${operation} ${JSON.stringify(headers)}`,
        ).toBe(401);
      }
      const port = new URL(host.origin).port;
      const otherOrigin: Record<string, string>[] = [
        { host: own, origin: 'http://evil.example' },
        { host: own, origin: 'null' },
        { host: own, origin: `https://${own}` },
        { host: own, origin: `http://localhost:${port}` },
        { host: `evil.example:${port}` },
        { host: `localhost:${port}` },
      ];
      for (const headers of otherOrigin) {
        const answer = await raw(host, path, { ...headers, 'x-sendpack-token': host.token }, body);
        expect(answer.status, `${operation} ${JSON.stringify(headers)}`).toBe(403);
      }
    }
    // Nothing ran: no name was set, no workspace created.
    expect(settingsText()).toBe(before);
    expect(host.backend.workspace).toBeNull();
  }, 120_000);

  it(`${Math.min(200, fuzzRuns())} generated tokens and origins: refused unless both are right`, async () => {
    const own = new URL(host.origin).host;
    const headers = fc.record({
      token: fc.oneof(
        fc.constant(host.token),
        fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 48, maxLength: 48 }),
        fc.string({ maxLength: 60 }).map((s) => s.replace(/[^\x21-\x7e]/g, 'a')),
      ),
      origin: fc.option(
        fc.oneof(
          fc.constant(host.origin),
          fc.webUrl().map((u) => new URL(u).origin),
        ),
        { nil: undefined },
      ),
      host: fc.oneof(fc.constant(own), fc.domain()),
    });
    await fc.assert(
      fc.asyncProperty(headers, async (h) => {
        const sent: Record<string, string> = {
          host: h.host,
          'x-sendpack-token': h.token,
          ...(h.origin ? { origin: h.origin } : {}),
        };
        const answer = await raw(host, '/api/settings.setUserName', sent, JSON.stringify({ userName: 'Mallory' }));
        const tokenOk = h.token === host.token;
        const originOk = (h.origin === undefined || h.origin === host.origin) && h.host === own;
        expect(answer.status).toBe(!tokenOk ? 401 : !originOk ? 403 : 200);
        if (answer.status !== 200)
          expect(JSON.parse(answer.body)).toMatchObject({ ok: false, error: { code: 'refused' } });
      }),
      fuzzParameters(Math.min(200, fuzzRuns())),
    );
  }, 120_000);
});
