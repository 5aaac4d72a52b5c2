import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { strFromU8, unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** Each machine has its own data folder; nothing passes between them but the contribution files. */
function sendpack(args: string[], dataDir: string) {
  const run = spawnSync(process.execPath, ['bin/sendpack.mjs', ...args], {
    encoding: 'utf8',
    env: { ...process.env, SENDPACK_DATA_DIR: dataDir },
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}
const ok = (run: ReturnType<typeof sendpack>) => {
  expect(run.code, run.stderr + run.stdout).toBe(0);
  return run;
};
type Item = { id: string; status: string; note: string; attachments: number };
const items = (db: string, dir: string) =>
  new Map(
    (JSON.parse(ok(sendpack(['status', '--db', db, '--json'], dir)).stdout) as { items: Item[] }).items.map((i) => [
      i.id,
      i,
    ]),
  );

/** Rewrites one part of a zip (python's zipfile), keeping the manifest as it was: what an alteration on the way looks like. */
function alterPart(zip: string, out: string, part: string, from: string, to: string): void {
  const script = `import zipfile,sys
src=zipfile.ZipFile(sys.argv[1]); dst=zipfile.ZipFile(sys.argv[2],'w')
for info in src.infolist():
    data=src.read(info.filename)
    if info.filename.startswith(sys.argv[3]): data=data.replace(sys.argv[4].encode(), sys.argv[5].encode())
    dst.writestr(info.filename, data)
dst.close()`;
  const run = spawnSync('/usr/bin/python3', ['-c', script, zip, out, part, from, to], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
}

describe('a contribution between two machines with no shared server', () => {
  it("goes out with only the assigned items, comes back merged with the coordinator's own edits, and an altered file is refused naming what failed", () => {
    const council = tempDir();
    const icb = tempDir();
    const w = join(council, 'Northshire.sendpack');
    ok(sendpack(['init', '--db', w, '--area', 'Northshire', '--user', 'Cora Hale'], council));
    ok(
      sendpack(
        [
          'set',
          '--db',
          w,
          '--item',
          'jsna-send',
          '--note',
          'The JSNA chapter was refreshed.',
          '--status',
          'in-progress',
          '--user',
          'Cora Hale',
        ],
        council,
      ),
    );
    ok(
      sendpack(
        [
          'set',
          '--db',
          w,
          '--item',
          'send-strategy',
          '--note',
          'Confidential draft strategy wording.',
          '--user',
          'Cora Hale',
        ],
        council,
      ),
    );
    // A private note on an item that goes out: it belongs to Cora and stays on her machine.
    ok(
      sendpack(
        [
          'set',
          '--db',
          w,
          '--item',
          'jsna-send',
          '--private-note',
          'Chase Sam for the EP figures',
          '--user',
          'Cora Hale',
        ],
        council,
      ),
    );
    const out = join(council, 'for-ben.sendpack-contribution');
    ok(
      sendpack(
        [
          'contribution',
          'export',
          '--db',
          w,
          '--for',
          'Ben Okafor (ICB)',
          '--items',
          'jsna-send,local-offer',
          '--out',
          out,
          '--user',
          'Cora Hale',
        ],
        council,
      ),
    );
    // Nothing else of the workspace is in the file, nor the private note: every part read as it is unpacked.
    const parts = unzipSync(readFileSync(out));
    expect(Object.keys(parts).length).toBeGreaterThan(1);
    for (const [name, bytes] of Object.entries(parts)) {
      expect(strFromU8(bytes, true), name).not.toContain('Confidential draft');
      expect(strFromU8(bytes, true), name).not.toContain('Chase Sam');
    }
    expect(strFromU8(parts['document.yjs']!, true)).toContain('The JSNA chapter was refreshed.');

    // Ben works on his own machine.
    const mine = join(icb, 'From-council.sendpack');
    const received = join(icb, 'for-ben.sendpack-contribution');
    writeFileSync(received, readFileSync(out));
    ok(sendpack(['contribution', 'open', '--db', mine, received, '--user', 'Ben Okafor'], icb));
    expect(items(mine, icb).get('jsna-send')!.note).toBe('The JSNA chapter was refreshed.');
    ok(
      sendpack(
        [
          'set',
          '--db',
          mine,
          '--item',
          'jsna-send',
          '--note',
          'The JSNA chapter was refreshed. Health prevalence added by the ICB.',
          '--user',
          'Ben Okafor',
        ],
        icb,
      ),
    );
    const evidence = join(icb, 'ICB-health-needs-2026.txt');
    writeFileSync(
      evidence,
      'Health needs of children with SEND, 2026 refresh. Left in by mistake: NHS number 943 476 5919.',
    );
    ok(sendpack(['attach', '--db', mine, '--item', 'local-offer', evidence, '--user', 'Ben Okafor'], icb));
    ok(sendpack(['set', '--db', mine, '--item', 'local-offer', '--status', 'approved', '--user', 'Ben Okafor'], icb));
    const back = join(icb, 'back-to-council.sendpack-contribution');
    ok(sendpack(['contribution', 'export', '--db', mine, '--out', back, '--user', 'Ben Okafor'], icb));

    // Meanwhile the coordinator edits the same narrative.
    ok(
      sendpack(
        [
          'set',
          '--db',
          w,
          '--item',
          'jsna-send',
          '--note',
          'Updated May 2026. The JSNA chapter was refreshed.',
          '--user',
          'Cora Hale',
        ],
        council,
      ),
    );

    // Altered on the way: refused, naming the part, and nothing changes.
    const arrived = join(council, 'back.sendpack-contribution');
    alterPart(back, arrived, 'files/', 'Health needs', 'Wealth needs');
    const tampered = sendpack(['contribution', 'import', '--db', w, arrived, '--user', 'Cora Hale'], council);
    expect(tampered.code).toBe(1);
    expect(tampered.stderr).toMatch(/refused: files\/[0-9a-f]{64} was altered \(its SHA-256 is/);
    alterPart(back, arrived, 'document.yjs', 'ICB', 'XYZ');
    const tamperedDoc = sendpack(['contribution', 'import', '--db', w, arrived, '--user', 'Cora Hale'], council);
    expect(tamperedDoc.code).toBe(1);
    expect(tamperedDoc.stderr).toMatch(/document\.yjs was altered/);
    expect(items(w, council).get('local-offer')!.attachments).toBe(0);

    // The file as Ben sent it.
    writeFileSync(arrived, readFileSync(back));
    const imported = ok(
      sendpack(['contribution', 'import', '--db', w, arrived, '--json', '--user', 'Cora Hale'], council),
    );
    const report = JSON.parse(imported.stdout) as {
      for: string;
      files: number;
      privacy: { itemId: string; masked: string }[];
    };
    expect(report).toMatchObject({ for: 'Ben Okafor (ICB)', files: 1 });
    // The privacy check ran on what arrived: the file's stored text, named by its file name.
    expect(
      report.privacy.some((f) => f.itemId === 'local-offer' && f.masked.startsWith('ICB-health-needs-2026.txt:')),
    ).toBe(true);
    const after = items(w, council);
    // Both edits kept: the engine merged them.
    expect(after.get('jsna-send')!.note).toBe(
      'Updated May 2026. The JSNA chapter was refreshed. Health prevalence added by the ICB.',
    );
    expect(after.get('local-offer')!.attachments).toBe(1);
    // His approval does not count: he is a contributor.
    expect(after.get('local-offer')!.status).toBe('not-started');
    const log = JSON.parse(ok(sendpack(['log', '--db', w, '--item', 'local-offer', '--json'], council)).stdout) as {
      events: { who: string; action: string }[];
    };
    expect(log.events.some((e) => e.action === 'approval-not-counted' && e.who === 'Ben Okafor (ICB)')).toBe(true);
    expect(log.events.some((e) => e.action === 'attach' && e.who === 'Ben Okafor (ICB)')).toBe(true);
    // Importing it twice changes nothing more.
    ok(sendpack(['contribution', 'import', '--db', w, arrived, '--user', 'Cora Hale'], council));
    expect(items(w, council).get('jsna-send')!.note).toBe(after.get('jsna-send')!.note);
    expect(existsSync(mine)).toBe(true);
  }, 120_000);

  it('refuses a file that is not a contribution, and opening one leaves no half-made folder', () => {
    const dir = tempDir();
    const bogus = join(dir, 'not-a-contribution.zip');
    writeFileSync(bogus, 'PK\u0003\u0004 this is not a zip');
    const run = sendpack(['contribution', 'open', '--db', join(dir, 'X.sendpack'), bogus], dir);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/was refused: it is not a contribution file/);
    expect(existsSync(join(dir, 'X.sendpack'))).toBe(false);
  });
});
