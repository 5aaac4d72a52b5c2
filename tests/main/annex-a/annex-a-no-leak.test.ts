import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { format } from 'node:util';
import Database from 'better-sqlite3';
import { strFromU8, unzipSync } from 'fflate';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { call, refused, useImportWorkspaces } from '../../fixtures/imports/api';
import {
  AS_OF,
  found,
  generateList,
  identifiersOf,
  listGrid,
  type GeneratedList,
} from '../../fixtures/annex-a/list-generator';
import { toCsv } from '../../fixtures/imports/csv-text';
import { buildXlsx, dateCell, type XCell } from '../../fixtures/imports/xlsx';
import { useTempDirs } from '../../helpers/temp-dir';
import { runCli } from '../../../main/cli/run-cli';
import { ANNEX_A_ITEM } from '../../../shared/domain/annex-a';

// Lists of every fault kind are checked through the real API (and the CLI) into a real workspace; then every file the
// workspace folder holds — the database, its -wal and -journal, every backup, the evidence files — and the search
// index are searched for every UPN, ULN and date of birth of the lists. Only counts may be there.

const tempDir = useTempDirs();
const workspace = useImportWorkspaces(tempDir);
const encode = (text: string) => new TextEncoder().encode(text);

function xlsxOf(generated: GeneratedList): Uint8Array {
  const dateKeys = new Set([
    'dateOfBirth',
    'dateInitialEhcPlanIssued',
    'dateUpdatedEhcPlanIssued',
    'dateEhcPlanLastReviewed',
  ]);
  const cell = (key: string, value: string): XCell => {
    if (dateKeys.has(key) && /^\d{4}-\d{2}-\d{2}$/.test(value)) return dateCell(value);
    if (key === 'uln' && /^\d{10}$/.test(value)) return Number(value);
    return value === '' ? null : value;
  };
  return buildXlsx([
    {
      name: 'List',
      rows: [generated.headers, ...generated.rows.map((r) => generated.keys.map((k) => cell(k, r[k] ?? '')))],
    },
  ]);
}

/** Every file under the workspace folder. */
function filesUnder(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name));
}

/** Every file's text inside a zip (a .docx, a share bundle), zips inside it opened too. */
function zipTexts(bytes: Uint8Array, name: string): [string, string][] {
  return Object.entries(unzipSync(bytes)).flatMap(([part, data]) =>
    data[0] === 0x50 && data[1] === 0x4b
      ? zipTexts(data, `${name}/${part}`)
      : [[`${name}/${part}`, strFromU8(data, true)]],
  );
}

/** What the process writes to its console (the app's log, crash reports and the CLI's stderr go there). */
function captureConsole(): () => string {
  const lines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const)
    vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void lines.push(format(...args)));
  return () => lines.join('\n');
}
const tmpBefore = process.env.TMPDIR;
afterEach(() => {
  vi.restoreAllMocks();
  if (tmpBefore === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = tmpBefore;
});

function expectNothingOf(folder: string, needles: readonly string[]) {
  const files = filesUnder(folder);
  expect(files.some((f) => f.endsWith('workspace.db'))).toBe(true);
  expect(files.filter((f) => f.includes('backups')).length, 'a backup made after the checks').toBeGreaterThan(0);
  for (const file of files) {
    const bytes = readFileSync(file);
    const text = bytes.toString('latin1');
    const wide = bytes.toString('utf16le');
    expect([...found(text, needles), ...found(wide, needles)], `${file} holds identifiers from the list`).toEqual([]);
  }
}

describe('checking Annex A lists keeps nothing but the result', () => {
  it('leaves no UPN, ULN or date of birth in the database, its WAL, backups, search index, files, temp files, logs, pack or bundle', async () => {
    // Temporary files of this process go to a folder of their own, searched at the end (os.tmpdir reads TMPDIR).
    const temp = tempDir();
    process.env.TMPDIR = temp;
    const logged = captureConsole();
    const ws = await workspace();
    const list1 = generateList(1_500, 1, 11);
    const list2 = generateList(1_200, 2, 12);
    const list1Xlsx = generateList(800, 1, 13);
    const needles = [...identifiersOf(list1), ...identifiersOf(list2), ...identifiersOf(list1Xlsx)];
    expect(needles.length).toBeGreaterThan(5_000);

    // As the screen sends a list: kept in memory, never written to the uploads folder.
    const upload = async (name: string, bytes: Uint8Array) => {
      const { handle } = await call(ws.backend, 'files.upload', { name, bytes, memoryOnly: true });
      const uploads = join(ws.dataDir, 'uploads');
      expect(existsSync(uploads) ? filesUnder(uploads) : [], 'a list written to the uploads folder').toEqual([]);
      return handle;
    };
    const first = await call(ws.backend, 'lists.check', {
      list: 1,
      file: { handle: await upload('List 1 EHCP.csv', encode(toCsv(listGrid(list1)))) },
      asOf: AS_OF,
    });
    expect(first.rows).toBe(1_500);
    expect(first.rules.filter((r) => r.count > 0).length).toBeGreaterThanOrEqual(18);
    // The answer itself holds row numbers and headers, never a value from the list.
    expect(found(JSON.stringify(first), needles)).toEqual([]);
    // Checked again with another mapping (the file held in memory), and its profile saved.
    const remapped = await call(ws.backend, 'lists.check', {
      list: 1,
      checkId: first.checkId,
      asOf: AS_OF,
      mapping: { ...first.mapping, uln: null },
    });
    expect(remapped.columns.uln).toBeNull();
    const profile = await call(ws.backend, 'lists.saveProfile', { checkId: remapped.checkId });
    expect(profile.rows).toBe(1_500);
    // The saved profile reaches the pack's local context section: aggregates only, in the pack and the bundle.
    const built = await call(ws.backend, 'pack.build', { bundle: true });
    const docx = zipTexts(readFileSync(built.docxPath), 'pack.docx');
    const packText = docx.map(([, t]) => t.replace(/<[^>]+>/g, '')).join('\n');
    expect(packText).toContain('Children and young people with an EHC plan (Annex A List 1)');
    expect(packText).toContain('1,500 on the list as at 7 Dec 2026');
    for (const [part, text] of [...docx, ...zipTexts(readFileSync(built.bundlePath!), 'bundle.zip')])
      expect(found(text, needles), `${part} holds identifiers from the list`).toEqual([]);
    await call(ws.backend, 'lists.check', {
      list: 2,
      file: { handle: await upload('List 2 SEN support.csv', encode(toCsv(listGrid(list2)))) },
      asOf: AS_OF,
    });
    await call(ws.backend, 'lists.check', {
      list: 1,
      file: { handle: await upload('List 1.xlsx', xlsxOf(list1Xlsx)) },
      asOf: AS_OF,
    });
    // An officer's search for a UPN finds nothing.
    const { hits } = await call(ws.backend, 'search.query', { query: list1.rows[40]!.upn! });
    expect(hits).toEqual([]);

    // Only counts are recorded, with the file's SHA-256, name and row count.
    const { checks } = await call(ws.backend, 'lists.checks', {});
    expect(checks.map((c) => [c.list, c.fileName, c.rows])).toEqual([
      [1, 'List 1.xlsx', 800],
      [2, 'List 2 SEN support.csv', 1_200],
      [1, 'List 1 EHCP.csv', 1_500],
      [1, 'List 1 EHCP.csv', 1_500],
    ]);
    expect(checks[3]!.ruleCounts.find((r) => r.id === '109')).toEqual({
      id: '109',
      count: list1.expected.get('109')!.length,
    });
    expect(checks[3]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const { events } = await call(ws.backend, 'audit.list', { itemId: ANNEX_A_ITEM[1] });
    expect(events.filter((e) => e.action === 'list-check')).toHaveLength(3);
    // The list's item follows the check: problems found, so in progress.
    const { items } = await call(ws.backend, 'checklist.list', {});
    expect(items.find((i) => i.id === ANNEX_A_ITEM[1])!.status).toBe('in-progress');

    await call(ws.backend, 'backups.create', {});
    expectNothingOf(ws.folder, needles);
    // The upload is not left behind in the data folder either.
    const uploads = join(ws.dataDir, 'uploads');
    expect(existsSync(uploads) ? filesUnder(uploads) : []).toEqual([]);
    ws.backend.close();
    expectNothingOf(ws.folder, needles);
    // The search index, read back as text (its documents and every word it holds, as written and in upper case),
    // holds none either.
    const db = new Database(ws.dbFile, { readonly: true });
    db.exec('CREATE VIRTUAL TABLE temp.words USING fts5vocab(main, search_index, row)');
    const terms = db.prepare('SELECT term FROM temp.words').pluck().all() as string[];
    const indexed = JSON.stringify([
      db.prepare('SELECT * FROM search_docs').all(),
      terms,
      terms.map((t) => t.toUpperCase()),
    ]);
    db.close();
    expect(found(indexed, needles)).toEqual([]);
    // Nothing in the temporary files this process wrote, nor in what it logged.
    for (const file of filesUnder(temp))
      expect(found(readFileSync(file).toString('latin1'), needles), `${file} (temporary)`).toEqual([]);
    expect(found(logged(), needles)).toEqual([]);
    // The search does find what it looks for: the lists themselves hold them.
    const raw = toCsv(listGrid(list1));
    const sample = list1.rows
      .slice(0, 50)
      .flatMap((r) => [r.upn!, r.uln!, r.dateOfBirth!])
      .filter((s) => s && !s.startsWith('UN') && s !== '31/02/2015');
    expect(sample.length).toBeGreaterThan(100);
    expect(found(raw, sample)).toEqual(sample);
  });

  it("previews the header without checking or recording anything, then checks the held file with the officer's columns", async () => {
    const ws = await workspace();
    const generated = generateList(600, 1, 23);
    // The export calls gender "Legal gender (as recorded)": no header rule finds it.
    const grid = listGrid(generated);
    const genderAt = generated.keys.indexOf('gender');
    grid[0]![genderAt] = 'Legal gender (as recorded)';
    const { handle } = await call(ws.backend, 'files.upload', {
      name: 'EHCP extract.csv',
      bytes: encode(toCsv(grid)),
      memoryOnly: true,
    });
    const preview = await call(ws.backend, 'lists.preview', { list: 1, file: { handle } });
    expect(preview).toMatchObject({ list: 1, fileName: 'EHCP extract.csv', headerRow: 1, sheet: null });
    expect(Object.entries(preview.columns).filter(([, h]) => h === null)).toEqual([['gender', null]]);
    expect(preview.fileColumns.find((c) => c.index === genderAt)).toEqual({
      index: genderAt,
      header: 'Legal gender (as recorded)',
    });
    expect(found(JSON.stringify(preview), identifiersOf(generated))).toEqual([]);
    // Nothing recorded, nothing moved, no file kept.
    expect((await call(ws.backend, 'lists.checks', {})).checks).toEqual([]);
    expect((await call(ws.backend, 'audit.list', { itemId: ANNEX_A_ITEM[1] })).events).toEqual([]);
    const uploads = join(ws.dataDir, 'uploads');
    expect(existsSync(uploads) ? filesUnder(uploads) : []).toEqual([]);

    const result = await call(ws.backend, 'lists.check', {
      list: 1,
      checkId: preview.checkId,
      mapping: { ...preview.mapping, gender: genderAt },
      asOf: AS_OF,
    });
    expect(result.columns.gender).toBe('Legal gender (as recorded)');
    expect(result.rules.find((r) => r.id === '101b')!.rows).toEqual(generated.expected.get('101b'));
    expect((await call(ws.backend, 'lists.checks', {})).checks).toHaveLength(1);
  });

  it('makes a clean list ready for review, and refuses a file that is not a list without recording anything', async () => {
    const ws = await workspace();
    const clean = generateList(300, 2, 21);
    const rows = clean.rows.filter((_, i) => ![...clean.expected.values()].some((hit) => hit.includes(i + 1)));
    const handle = (
      await call(ws.backend, 'files.upload', { name: 'clean.csv', bytes: encode(toCsv(listGrid({ ...clean, rows }))) })
    ).handle;
    const result = await call(ws.backend, 'lists.check', { list: 2, file: { handle }, asOf: AS_OF });
    expect(result.rules.every((r) => r.count === 0)).toBe(true);
    const { items } = await call(ws.backend, 'checklist.list', {});
    expect(items.find((i) => i.id === ANNEX_A_ITEM[2])!.status).toBe('ready-for-review');

    const bad = (
      await call(ws.backend, 'files.upload', { name: 'minutes.csv', bytes: encode('Meeting,Date\nBoard,01/01/2026\n') })
    ).handle;
    const error = await refused(ws.backend, 'lists.check', { list: 1, file: { handle: bad } });
    expect(error).toMatchObject({ code: 'refused', field: 'file' });
    expect(error.message).toMatch(/minutes\.csv has no header row/);
    expect((await call(ws.backend, 'lists.checks', { list: 1 })).checks).toEqual([]);
  });
});

describe('sendpack check-list', () => {
  let dataDir = '';
  const io = () => {
    const out = { stdout: '', stderr: '' };
    return {
      out,
      io: {
        stdout: (t: string) => {
          out.stdout += t;
        },
        stderr: (t: string) => {
          out.stderr += t;
        },
        env: { ...process.env, SENDPACK_DATA_DIR: dataDir || tempDir() },
      },
    };
  };

  it('prints the JSON of the issue and exits 1 when a rule fires, 0 when none does, 2 on a file it cannot read', async () => {
    const dir = tempDir();
    dataDir = tempDir();
    const db = join(dir, 'W.sendpack');
    const init = io();
    expect(
      await runCli(['init', '--db', db, '--area', 'Testshire', '--la-code', '841', '--user', 'Dana'], init.io),
    ).toBe(0);
    const generated = generateList(2_000, 1, 5);
    const file = join(dir, 'list1.csv');
    writeFileSync(file, toCsv(listGrid(generated)));

    const run = io();
    expect(await runCli(['check-list', '--db', db, '--list', '1', file, '--as-of', AS_OF, '--json'], run.io)).toBe(1);
    const json = JSON.parse(run.out.stdout) as {
      rows: number;
      rules: { id: string; count: number; rows: number[]; column?: string }[];
      columns: Record<string, string | null>;
    };
    expect(Object.keys(json)).toEqual(['rows', 'rules', 'columns']);
    expect(json.rows).toBe(2_000);
    expect(json.columns).toMatchObject({
      uniqueId: 'Unique ID',
      upn: 'UPN',
      uln: 'ULN',
      dateOfBirth: 'DOB',
      gender: 'Gender',
    });
    expect(Object.keys(json.columns)).toHaveLength(21);
    const byId = new Map<string, number[]>();
    for (const r of json.rules) {
      expect(Object.keys(r).sort()).toEqual(
        r.column !== undefined ? ['column', 'count', 'id', 'rows'] : ['count', 'id', 'rows'],
      );
      byId.set(r.column !== undefined ? `${r.id}:${r.column}` : r.id, r.rows);
    }
    expect(byId.get('109')).toEqual(generated.expected.get('109'));
    expect(byId.get('date-format:DOB')).toEqual(generated.expected.get('date-format:dateOfBirth'));

    const clean = join(dir, 'clean.csv');
    const rows = generated.rows.filter((_, i) => ![...generated.expected.values()].some((hit) => hit.includes(i + 1)));
    writeFileSync(clean, toCsv(listGrid({ ...generated, rows })));
    const ok = io();
    expect(await runCli(['check-list', '--db', db, '--list', '1', clean, '--as-of', AS_OF], ok.io)).toBe(0);
    expect(ok.out.stdout).toMatch(
      /^clean\.csv: List 1, [\d,]+ rows checked, reference date 7 Dec 2026\.\nNo rule fired\.\n$/,
    );

    const pdf = join(dir, 'list.pdf');
    writeFileSync(pdf, '%PDF-1.4\n');
    const unreadable = io();
    expect(await runCli(['check-list', '--db', db, '--list', '1', pdf], unreadable.io)).toBe(2);
    expect(unreadable.out.stderr).toMatch(/list\.pdf is not a CSV or Excel/);
    const missing = io();
    expect(await runCli(['check-list', '--db', db, '--list', '1', join(dir, 'nope.csv')], missing.io)).toBe(2);
    const badList = io();
    expect(await runCli(['check-list', '--db', db, '--list', '3', clean], badList.io)).toBe(2);
    const noWorkspace = io();
    expect(
      await runCli(['check-list', '--db', join(dir, 'Nowhere.sendpack'), '--list', '1', clean], noWorkspace.io),
    ).toBe(2);
    expect(noWorkspace.out.stderr).toMatch(/Nowhere\.sendpack/);

    // What it printed in words names rows, never a child; and nothing of the list is left in the workspace or the
    // data folder (the database, its WAL, backups, uploads).
    const words = io();
    expect(await runCli(['check-list', '--db', db, '--list', '1', file, '--as-of', AS_OF], words.io)).toBe(1);
    expect(words.out.stdout).toMatch(/^109 +\d+ +The same UPN on more than one row: rows \d/m);
    const needles = identifiersOf(generated);
    expect(found(words.out.stdout + words.out.stderr + run.out.stdout, needles)).toEqual([]);
    const kept = [...filesUnder(db), ...filesUnder(dataDir)];
    expect(kept.some((f) => f.endsWith('workspace.db'))).toBe(true);
    for (const f of kept) expect(found(readFileSync(f).toString('latin1'), needles), f).toEqual([]);
  });
});
