/**
 * verify-bundle is as strict as the writer: an entry the writer would never make is a problem, named, whatever the
 * manifest says; and a crafted archive costs time in proportion to its size.
 */
import { createHash } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUNDLE_FORMAT } from '../../../../main/pack/bundle/bundle-manifest';
import { verifyBundle } from '../../../../main/pack/bundle/verify-bundle';
import { craftZip, type CraftedEntry } from '../../../fixtures/zip-craft';
import { useTempDirs } from '../../../helpers/temp-dir';

const tempDir = useTempDirs();
const text = (s: string) => new TextEncoder().encode(s);
const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

/** A bundle whose manifest lists every given entry honestly (path, size, SHA-256). */
function bundle(entries: CraftedEntry[], options: { directoryRepeats?: number; listed?: CraftedEntry[] } = {}): string {
  const files = (options.listed ?? entries).map((e) => ({
    reference: null,
    title: e.name,
    item: null,
    itemTitle: null,
    path: e.name,
    bytes: e.data.length,
    sha256: sha(e.data),
  }));
  const manifest = text(
    JSON.stringify({
      format: BUNDLE_FORMAT,
      formatVersion: 1,
      area: 'X',
      packVersion: 1,
      builtAt: '2026-11-13T16:45:30.000Z',
      files,
      excluded: [],
    }),
  );
  const file = join(tempDir(), 'crafted.zip');
  writeFileSync(file, craftZip([{ name: 'manifest.json', data: manifest }, ...entries], options));
  return file;
}

const problems = async (file: string) =>
  (await verifyBundle(file)).problems.map(({ path, problem }) => [path, problem]);

describe('verify-bundle refuses what the writer never makes', () => {
  it('an honest crafted bundle verifies (the baseline)', async () => {
    expect(await verifyBundle(bundle([{ name: 'pack.docx', data: text('pack') }]))).toEqual({
      ok: true,
      checked: 1,
      problems: [],
    });
  });

  it('names with "..", absolute paths, drive letters and backslashes', async () => {
    for (const name of [
      '../../evil.txt',
      'EC1/../../evil.txt',
      '/etc/evil.txt',
      'C:/Windows/evil.txt',
      'EC1\\..\\evil.txt',
    ]) {
      const result = await verifyBundle(bundle([{ name, data: text('x') }]));
      expect(result.ok, name).toBe(false);
      expect(
        result.problems.map((p) => p.problem),
        name,
      ).toEqual(['unsafe name']);
    }
  });

  it('symbolic links, even when the manifest lists them', async () => {
    expect(
      await problems(
        bundle([{ name: 'EC1/E001 link.txt', data: text('/home/officer/.ssh/id_rsa'), unixMode: 0o120777 }]),
      ),
    ).toEqual([['EC1/E001 link.txt', 'symlink']]);
  });

  it('the same name twice, and names that differ only by case', async () => {
    const a = { name: 'EC1/E001 Plan.txt', data: text('first') };
    expect(await problems(bundle([a, { name: a.name, data: text('second') }], { listed: [a] }))).toEqual([
      [a.name, 'duplicate name'],
    ]);
    const upper = { name: 'EC1/E001 PLAN.txt', data: text('other') };
    expect(await problems(bundle([a, upper]))).toEqual([[upper.name, 'names differ only by case']]);
  });

  it('a size that disagrees with the manifest, without reading the entry', async () => {
    const e = { name: 'EC1/E001 Plan.txt', data: text('the real content') };
    const listed = [{ ...e, data: text('short') }];
    const result = await verifyBundle(bundle([e], { listed }));
    expect(result.problems).toEqual([
      { path: e.name, problem: 'differs', detail: '16 bytes, not the 5 in the manifest' },
    ]);
  });

  it(
    'a directory listing one entry thousands of times is refused, in time that grows with the archive only',
    { timeout: 120_000 },
    async () => {
      const entry = { name: 'EC1/E001 Plan.txt', data: new Uint8Array(64 * 1024) };
      const result = await verifyBundle(bundle([entry], { directoryRepeats: 20_000 }));
      expect(result.ok).toBe(false);
      expect(result.problems[0]?.detail).toMatch(/overlaps another entry/);
      // Many distinct names, all honest: the check grows linearly (time ratio for 4 times the entries under 8).
      const many = (n: number) =>
        bundle(Array.from({ length: n }, (_, i) => ({ name: `EC1/E${i} file.txt`, data: text(`file ${i}`) })));
      const small = many(1000);
      const large = many(4000);
      // CPU time of this process (not the wall clock, which other processes on a busy machine stretch), measured in
      // turns (small, large, small…), the least of each.
      let small1 = Infinity;
      let large4 = Infinity;
      for (let i = 0; i < 5; i++) {
        for (const [file, isLarge] of [
          [small, false],
          [large, true],
        ] as const) {
          const before = process.cpuUsage();
          await verifyBundle(file);
          const used = process.cpuUsage(before);
          const took = used.user + used.system;
          if (isLarge) large4 = Math.min(large4, took);
          else small1 = Math.min(small1, took);
        }
      }
      expect((await verifyBundle(large)).ok).toBe(true);
      expect(large4 / small1).toBeLessThan(8);
    },
  );
});
