import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../..');
const doc = readFileSync(join(ROOT, 'docs/ARCHITECTURE.md'), 'utf8');
const folders = doc.slice(doc.indexOf('## Folders'), doc.indexOf('## One request'));

const subfolders = (top: string): string[] =>
  readdirSync(join(ROOT, top))
    .filter((name) => statSync(join(ROOT, top, name)).isDirectory() && readdirSync(join(ROOT, top, name)).length > 0)
    .map((name) => `${top}/${name}/`);

describe('docs/ARCHITECTURE.md', () => {
  it('names every top-level folder of main/, renderer/ and shared/', () => {
    const missing = ['main', 'renderer', 'shared']
      .flatMap(subfolders)
      .filter((folder) => !folders.includes(`\`${folder}\``));
    expect(missing).toEqual([]);
  });

  it('names no folder of main/ or shared/ that is not there', () => {
    const named = [...folders.matchAll(/`((?:main|shared)\/[a-z-]+\/)[^`]*`/g)].map((m) => m[1]!);
    expect(named.filter((folder) => !statSync(join(ROOT, folder), { throwIfNoEntry: false })?.isDirectory())).toEqual(
      [],
    );
  });

  it('is where the README sends a newcomer for the layout', () => {
    expect(readFileSync(join(ROOT, 'README.md'), 'utf8')).toContain('docs/ARCHITECTURE.md');
  });
});
