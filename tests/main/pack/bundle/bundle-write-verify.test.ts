import { spawnSync } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strToU8, unzipSync, zipSync, type Zippable } from 'fflate';
import { afterEach, describe, expect, it } from 'vitest';
import { verifyBundle } from '../../../../main/pack/bundle/verify-bundle';
import { writeBundle, type BundleInput } from '../../../../main/pack/bundle/write-bundle';
import type { BundleManifest } from '../../../../main/pack/bundle/bundle-manifest';
import { runCli } from '../../../../main/cli/run-cli';
import { blobPath, writeBlob } from '../../../../main/store/blob-store';
import type { PackEvidence } from '../../../../main/pack/pack-input';
import { Workspace } from '../../../../main/workspace/workspace';
import type { AreaGroupId } from '../../../../shared/domain/evaluation-areas';
import { useTempDirs } from '../../../helpers/temp-dir';
import { makeWorkspace } from '../../../helpers/workspace';
import { parseCsvText } from '../../../fixtures/imports/csv-text';

const tempDir = useTempDirs();
const opened: Workspace[] = [];
afterEach(() => {
  for (const w of opened.splice(0)) w.close();
});

const sha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
/** A small real Office-style zip: a file that holds zip signatures of its own, as every .docx and .xlsx does. */
const officeZip = (text: string) =>
  zipSync({
    '[Content_Types].xml': strToU8('<Types/>'),
    'word/document.xml': strToU8(`<w:document>${text}</w:document>`),
  });

interface Fixture {
  dir: string;
  folder: string;
  input: BundleInput;
  contents: Map<string, Uint8Array>;
}

/** A real workspace with real stored files, and the pack's evidence list written by hand (in no particular order). */
function fixture(): Fixture {
  const dir = tempDir();
  const folder = makeWorkspace(dir, { area: 'Northshire' }).folder;
  opened.push(Workspace.open(folder, { user: 'Test Officer' }));
  const contents = new Map<string, Uint8Array>();
  const evidence: PackEvidence[] = [];
  const add = (
    ref: string,
    group: AreaGroupId,
    title: string,
    fileName: string,
    bytes: Uint8Array,
    itemId = 'jsna-send',
    itemTitle = 'JSNA SEND chapter',
  ) => {
    const { sha256 } = writeBlob(folder, bytes);
    contents.set(ref, bytes);
    evidence.push({
      ref,
      title,
      itemId,
      itemTitle,
      group,
      documentDate: '2025-06-30',
      version: '1',
      owner: 'Public health',
      fileName,
      bytes: bytes.length,
      sha256,
    });
  };
  add('E010', 'EC1', 'Scanned letters', 'letters.bin', new Uint8Array(randomBytes(3 * 1024 * 1024 + 17)));
  add(
    'E002',
    'L',
    'Partnership board minutes',
    'minutes.docx',
    officeZip('Board minutes'),
    'board-minutes',
    'Partnership board minutes',
  );
  add(
    'E001',
    'EC1',
    'JSNA SEND chapter 2025',
    'jsna-final.pdf',
    strToU8(`%PDF-1.7\n${'JSNA text '.repeat(500)}\n%%EOF\n`),
  );
  add(
    'E004',
    'other',
    'Inspection rooms: "base" room',
    'rooms.txt',
    strToU8('Room 4, Town Hall'),
    'logistics-rooms',
    'Inspection base room',
  );
  add(
    'E003',
    'EC3',
    'Waiting times, 2024/25',
    'waits.csv',
    strToU8('month,weeks\n2025-01,14\n'),
    'waits',
    'Waiting times',
  );
  add('E005', 'AP', 'AP register', 'register.xlsx', officeZip('AP register'), 'ap-register', 'AP register');
  const input: BundleInput = {
    workspaceFolder: folder,
    packDocx: officeZip('The evidence pack'),
    packPdf: strToU8('%PDF-1.7 pack copy'),
    evidence,
    area: 'Northshire',
    builtAt: '2026-11-13T16:45:31.000Z',
    version: 3,
  };
  return { dir, folder, input, contents };
}

const EXPECTED_PATHS = [
  'README.txt',
  'manifest.json',
  'manifest.csv',
  'pack.docx',
  'pack.pdf',
  'EC1 Identification and assessment/E001 JSNA SEND chapter 2025.pdf',
  'EC1 Identification and assessment/E010 Scanned letters.bin',
  'EC3 Right help at the right time/E003 Waiting times, 2024-25.csv',
  'L Leadership and strategy/E002 Partnership board minutes.docx',
  'AP Alternative provision/E005 AP register.xlsx',
  "Other/E004 Inspection rooms - 'base' room.txt",
];

/** Unzips a bundle, lets the test change its files, and zips it again (fflate zipSync), keeping the manifest. */
function rezip(from: string, to: string, change: (files: Record<string, Uint8Array>) => void): void {
  const files = unzipSync(readFileSync(from));
  change(files);
  writeFileSync(to, zipSync(files as Zippable));
}

async function cli(args: string[]) {
  let stdout = '';
  let stderr = '';
  const code = await runCli(args, {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: process.env,
  });
  return { code, stdout, stderr };
}

const leftovers = (dir: string) => readdirSync(dir).filter((n) => n.endsWith('.partial'));

describe('share bundle', { timeout: 60_000 }, () => {
  it('holds the pack, the evidence in one folder per area group, both manifests and a README', async () => {
    const { dir, input, contents } = fixture();
    const out = join(dir, 'out', 'bundle.zip');
    const result = await writeBundle(input, out);
    expect(result.path).toBe(out);
    expect(result.evidenceFiles).toBe(6);
    const zipBytes = readFileSync(out);
    expect(result.bytes).toBe(zipBytes.length);
    expect(result.sha256).toBe(sha(zipBytes));
    expect(leftovers(join(dir, 'out'))).toEqual([]);

    const files = unzipSync(zipBytes);
    expect(Object.keys(files)).toEqual(EXPECTED_PATHS);
    expect(sha(files['pack.docx']!)).toBe(sha(input.packDocx));

    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json'])) as BundleManifest;
    expect(manifest).toMatchObject({
      format: 'sendpack-bundle',
      formatVersion: 1,
      area: 'Northshire',
      packVersion: 3,
      builtAt: input.builtAt,
      excluded: [],
    });
    expect(manifest.files.map((f) => f.path)).toEqual(EXPECTED_PATHS.slice(3));
    for (const record of manifest.files) {
      const bytes = files[record.path]!;
      expect(record.bytes).toBe(bytes.length);
      expect(record.sha256).toBe(sha(bytes));
      if (record.reference) expect(sha(bytes)).toBe(sha(contents.get(record.reference)!));
    }
    expect(manifest.files.find((f) => f.reference === 'E003')).toEqual({
      reference: 'E003',
      title: 'Waiting times, 2024/25',
      item: 'waits',
      itemTitle: 'Waiting times',
      path: 'EC3 Right help at the right time/E003 Waiting times, 2024-25.csv',
      bytes: contents.get('E003')!.length,
      sha256: sha(contents.get('E003')!),
    });

    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(files['manifest.csv']);
    expect(csvText.startsWith('\uFEFF')).toBe(true);
    const [header, ...rows] = parseCsvText(csvText.slice(1));
    expect(header).toEqual([
      'Reference',
      'Title',
      'Item',
      'Item title',
      'Path',
      'Bytes',
      'SHA-256',
      'Clean copy',
      'Original SHA-256',
    ]);
    expect(rows).toEqual(
      manifest.files.map((f) => [
        f.reference ?? '',
        f.title,
        f.item ?? '',
        f.itemTitle ?? '',
        f.path,
        String(f.bytes),
        f.sha256,
        '',
        '',
      ]),
    );

    const readme = new TextDecoder().decode(files['README.txt']);
    expect(readme).toContain('Northshire');
    expect(readme).toContain('Evidence pack version 3, built 13 November 2026 at 16:45 (2026-11-13T16:45:31.000Z)');
    expect(readme).toContain('sendpack verify-bundle FILE.zip');
    expect(readme).toMatch(
      /OFFICIAL-SENSITIVE\. Do not forward this bundle or any file in it beyond the inspection team and the local area\r\npartners/,
    );
    expect(readme).toContain('  EC1 Identification and assessment/\r\n');
    expect(readme).toContain('  Other/\r\n');
    expect(readme).not.toContain('Not included');

    // The pack and the stored evidence zips are stored as they are; text is compressed.
    expect(zipBytes.includes(Buffer.from(input.packDocx))).toBe(true);
    expect(zipBytes.includes(Buffer.from('month,weeks'))).toBe(false);
  });

  it('passes verify-bundle, on the API and on the command line', async () => {
    const { dir, input } = fixture();
    const out = join(dir, 'bundle.zip');
    await writeBundle(input, out);
    expect(await verifyBundle(out)).toEqual({ ok: true, checked: 8, problems: [] });
    expect(await cli(['verify-bundle', out])).toEqual({
      code: 0,
      stdout: 'OK: 8 files match the manifest.\n',
      stderr: '',
    });
    const json = await cli(['verify-bundle', out, '--json']);
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toEqual({ ok: true, checked: 8, problems: [] });
  });

  it('names exactly the one altered file, and the CLI exits 1 printing it', async () => {
    const { dir, input } = fixture();
    const out = join(dir, 'bundle.zip');
    await writeBundle(input, out);
    const altered = join(dir, 'altered.zip');
    const target = 'L Leadership and strategy/E002 Partnership board minutes.docx';
    rezip(out, altered, (files) => {
      files[target] = officeZip('Board minutes, quietly edited');
    });
    const result = await verifyBundle(altered);
    expect(result.ok).toBe(false);
    expect(result.checked).toBe(8);
    expect(result.problems.map(({ path, problem }) => ({ path, problem }))).toEqual([
      { path: target, problem: 'differs' },
    ]);

    const run = await cli(['verify-bundle', altered]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`differs: ${target}\n`);
    expect(run.stderr).toContain('does not match its manifest: 1 problem');
    const json = await cli(['verify-bundle', altered, '--json']);
    expect(json.code).toBe(1);
    expect(JSON.parse(json.stdout)).toEqual({
      ok: false,
      checked: 8,
      problems: [{ path: target, problem: 'differs' }],
    });

    // The installed command, as an officer runs it.
    const real = spawnSync(process.execPath, ['bin/sendpack.mjs', 'verify-bundle', altered], { encoding: 'utf8' });
    expect(real.status).toBe(1);
    expect(real.stdout).toBe(`differs: ${target}\n`);
  });

  it('finds a file changed in place, without unzipping and zipping again', async () => {
    const { dir, input, contents } = fixture();
    const out = join(dir, 'bundle.zip');
    await writeBundle(input, out);
    const bytes = readFileSync(out);
    // E005 is an .xlsx, stored as it is: flip one byte in the middle of it.
    const at = bytes.indexOf(Buffer.from(contents.get('E005')!)) + 40;
    expect(at).toBeGreaterThan(40);
    bytes[at] = bytes[at]! ^ 0xff;
    writeFileSync(out, bytes);
    // The zip's own CRC-32 catches it as the entry is read, before its SHA-256 is compared.
    expect((await verifyBundle(out)).problems).toEqual([
      {
        path: 'AP Alternative provision/E005 AP register.xlsx',
        problem: 'differs',
        detail: 'it cannot be read: its checksum (CRC-32) does not match its content',
      },
    ]);
  });

  it('reports a removed file as missing and an added one as not in the manifest', async () => {
    const { dir, input } = fixture();
    const out = join(dir, 'bundle.zip');
    await writeBundle(input, out);
    const removed = join(dir, 'removed.zip');
    rezip(out, removed, (files) => {
      delete files['EC1 Identification and assessment/E010 Scanned letters.bin'];
    });
    expect((await verifyBundle(removed)).problems.map(({ path, problem }) => ({ path, problem }))).toEqual([
      { path: 'EC1 Identification and assessment/E010 Scanned letters.bin', problem: 'missing' },
    ]);

    const added = join(dir, 'added.zip');
    rezip(out, added, (files) => {
      files['Other/E099 Something else.txt'] = strToU8('not from the pack');
    });
    const result = await verifyBundle(added);
    expect(result).toMatchObject({ ok: false, checked: 8 });
    expect(result.problems.map(({ path, problem }) => ({ path, problem }))).toEqual([
      { path: 'Other/E099 Something else.txt', problem: 'not in manifest' },
    ]);
    const run = await cli(['verify-bundle', added]);
    expect(run).toMatchObject({ code: 1, stdout: 'not in manifest: Other/E099 Something else.txt\n' });
  });

  it('refuses a stored file changed on disk, naming its reference, and leaves nothing at the output path', async () => {
    const { dir, folder, input } = fixture();
    const e003 = input.evidence.find((e) => e.ref === 'E003')!;
    const stored = blobPath(folder, e003.sha256);
    chmodSync(stored, 0o644);
    writeFileSync(stored, 'month,weeks\n2025-01,4\n');
    const out = join(dir, 'bundle.zip');
    await expect(writeBundle(input, out)).rejects.toThrow(
      /^Evidence E003 \("waits\.csv", Waiting times\) cannot go in the bundle: its stored file has been changed on disk/,
    );
    expect(existsSync(out)).toBe(false);
    expect(leftovers(dir)).toEqual([]);

    // A bundle already there is left as it was.
    writeFileSync(out, 'the earlier bundle');
    await expect(writeBundle(input, out)).rejects.toThrow(/E003/);
    expect(readFileSync(out, 'utf8')).toBe('the earlier bundle');

    // A stored file that has gone missing is refused the same way.
    const { dir: dir2, folder: folder2, input: input2 } = fixture();
    const e002 = input2.evidence.find((e) => e.ref === 'E002')!;
    chmodSync(blobPath(folder2, e002.sha256), 0o644);
    writeFileSync(blobPath(folder2, e002.sha256), '');
    await expect(writeBundle(input2, join(dir2, 'b.zip'))).rejects.toThrow(/Evidence E002 \("minutes\.docx"/);
    expect(readdirSync(dir2).filter((n) => n.includes('b.zip'))).toEqual([]);
  });

  it('copies a large file stored as it is over several reads, whole, and refuses one changed byte in its middle', async () => {
    const { dir, folder, input } = fixture();
    // A scan stored as it is (not recompressed), read in 1 MB chunks, each read ahead of the one being written.
    const scan = new Uint8Array(randomBytes(3 * 1024 * 1024 + 5));
    const { sha256 } = writeBlob(folder, scan);
    input.evidence.push({
      ref: 'E020',
      title: 'Scanned consent forms',
      itemId: 'jsna-send',
      itemTitle: 'JSNA SEND chapter',
      group: 'EC1',
      documentDate: '2025-06-30',
      version: '1',
      owner: 'Public health',
      fileName: 'consent.jpg',
      bytes: scan.length,
      sha256,
    });
    const out = join(dir, 'bundle.zip');
    const written = await writeBundle(input, out);
    const path = written.files.find((f) => f.reference === 'E020')!.path;
    expect(Buffer.from(unzipSync(readFileSync(out))[path]!).equals(Buffer.from(scan))).toBe(true);
    expect((await verifyBundle(out)).ok).toBe(true);

    const stored = blobPath(folder, sha256);
    chmodSync(stored, 0o644);
    const changed = Buffer.from(scan);
    changed[2 * 1024 * 1024 + 3] = 255 - changed[2 * 1024 * 1024 + 3]!;
    writeFileSync(stored, changed);
    await expect(writeBundle(input, join(dir, 'again.zip'))).rejects.toThrow(
      /^Evidence E020 \("consent\.jpg", JSNA SEND chapter\) cannot go in the bundle: its stored file has been changed on disk/,
    );
    expect(readdirSync(dir).filter((n) => n.includes('again.zip'))).toEqual([]);
  });

  it('reports a damaged or foreign file as a problem, never by throwing', async () => {
    const { dir, input } = fixture();
    const out = join(dir, 'bundle.zip');
    await writeBundle(input, out);
    const bytes = readFileSync(out);
    const cases: Record<string, Uint8Array> = {
      'truncated.zip': bytes.subarray(0, Math.floor(bytes.length * 0.6)),
      'cut-at-the-end.zip': bytes.subarray(0, bytes.length - 10),
      'garbage.zip': new Uint8Array(randomBytes(5000)),
      'empty.zip': new Uint8Array(0),
      'not-a-bundle.zip': zipSync({ 'notes.txt': strToU8('hello') }),
      'bad-manifest.zip': zipSync({ 'manifest.json': strToU8('{"format":"something-else","files":[]}') }),
    };
    for (const [name, content] of Object.entries(cases)) {
      const file = join(dir, name);
      writeFileSync(file, content);
      const result = await verifyBundle(file);
      expect(result, name).toMatchObject({
        ok: false,
        checked: 0,
        problems: [{ path: 'manifest.json', problem: 'manifest unreadable' }],
      });
      const run = await cli(['verify-bundle', file]);
      expect(run.code, name).toBe(1);
      expect(run.stderr, name).toMatch(/is not a bundle that can be checked: /);
    }
    expect((await verifyBundle(join(dir, 'no-such.zip'))).problems[0]).toMatchObject({
      problem: 'manifest unreadable',
    });
    expect((await cli(['verify-bundle', join(dir, 'no-such.zip')])).code).toBe(1);

    // Damage inside one compressed entry is that file's problem; the rest is still checked.
    const csv = 'EC3 Right help at the right time/E003 Waiting times, 2024-25.csv';
    const files = unzipSync(bytes);
    const damaged = zipSync(files as Zippable, { level: 6 });
    // Its name's first appearance is in its local header (the manifests are compressed); the data follows the name.
    const dataAt = Buffer.from(damaged).indexOf(Buffer.from(csv)) + csv.length;
    expect(dataAt).toBeGreaterThan(csv.length);
    for (let i = 0; i < 6; i++) damaged[dataAt + i] = 0xff;
    const damagedFile = join(dir, 'damaged-entry.zip');
    writeFileSync(damagedFile, damaged);
    const result = await verifyBundle(damagedFile);
    expect(result.checked).toBe(8);
    expect(result.problems.map((p) => [p.path, p.problem])).toEqual([[csv, 'differs']]);
  });

  it('lists left-out evidence in README.txt by reference only', async () => {
    const { dir, input } = fixture();
    const out = join(dir, 'bundle.zip');
    const result = await writeBundle({ ...input, excluded: new Set(['E004', 'E010']) }, out);
    expect(result.excluded).toEqual(['E004', 'E010']);
    const files = unzipSync(readFileSync(out));
    expect(Object.keys(files).filter((p) => p.includes('/'))).toHaveLength(4);
    const readme = new TextDecoder().decode(files['README.txt']);
    expect(readme).toContain('Not included: E004, E010.');
    expect(readme).not.toContain('rooms');
    expect(readme).not.toContain('Scanned');
    expect(readme).not.toContain('  Other/');
    expect((JSON.parse(new TextDecoder().decode(files['manifest.json'])) as BundleManifest).excluded).toEqual([
      'E004',
      'E010',
    ]);
    expect(await verifyBundle(out)).toEqual({ ok: true, checked: 6, problems: [] });
  });

  it('gives the same bytes for the same inputs, in any order and any time zone', async () => {
    const { dir, input } = fixture();
    const zone = process.env.TZ;
    const offsets: number[] = [];
    try {
      process.env.TZ = 'America/New_York';
      offsets.push(new Date(input.builtAt).getTimezoneOffset());
      await writeBundle(input, join(dir, 'a.zip'));
      process.env.TZ = 'Asia/Kolkata';
      offsets.push(new Date(input.builtAt).getTimezoneOffset());
      await writeBundle({ ...input, evidence: [...input.evidence].reverse() }, join(dir, 'b.zip'));
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
    expect(offsets).toEqual([300, -330]); // the zones really changed
    const a = readFileSync(join(dir, 'a.zip'));
    expect(sha(readFileSync(join(dir, 'b.zip')))).toBe(sha(a));
    // Every entry's stored time is builtAt (UTC), to zip's two-second precision: 2026-11-13 16:45:30.
    const dosTime = (16 << 11) | (45 << 5) | (30 >> 1);
    const dosDate = ((2026 - 1980) << 9) | (11 << 5) | 13;
    let entries = 0;
    for (
      let at = a.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]));
      at >= 0;
      at = a.indexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02]), at + 4)
    ) {
      if (a.readUInt16LE(at + 12) === dosTime && a.readUInt16LE(at + 14) === dosDate) entries++;
    }
    expect(entries).toBe(EXPECTED_PATHS.length);
  });

  it('answers usage errors with exit 2', async () => {
    expect((await cli(['verify-bundle'])).code).toBe(2);
    expect((await cli(['verify-bundle', 'a.zip', 'b.zip'])).code).toBe(2);
    expect((await cli(['verify-bundle', 'a.zip', '--nope'])).code).toBe(2);
    const help = await cli(['verify-bundle', '--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('sendpack verify-bundle FILE.zip');
  });
});
