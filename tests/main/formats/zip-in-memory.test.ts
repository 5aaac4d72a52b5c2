import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { unzipAll, ZipReader } from '../../../main/formats/zip';
import { utf8Bytes, zipToBytes } from '../../../main/formats/zip-writer';
import { useTempDirs } from '../../helpers/temp-dir';

const tempDir = useTempDirs();

/** Python's zipfile, an independent reader: each entry's name, method, size, and whether every CRC checks. */
function pythonReads(file: string): { entries: [string, number, number][]; bad: string | null } {
  const script = `import json,sys,zipfile
z=zipfile.ZipFile(sys.argv[1])
print(json.dumps({"entries":[[i.filename,i.compress_type,i.file_size] for i in z.infolist()],"bad":z.testzip()}))`;
  const run = spawnSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
}

describe('the zip writer, in memory', () => {
  it('writes entries in the order given, deflated unless stored or no smaller, that another reader and ours read back', () => {
    const xml = utf8Bytes(`<?xml version="1.0"?><w:document>${'<w:p>Café – naïve</w:p>'.repeat(500)}</w:document>`);
    const png = new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 73) % 256));
    const zip = zipToBytes(
      { '[Content_Types].xml': utf8Bytes('<Types/>'), 'word/document.xml': xml, 'word/media/ünïcode.png': png },
      { mtime: new Date(2026, 11, 6, 17, 30, 0), stored: (name) => name.endsWith('.png') },
    );
    const file = join(tempDir(), 'made.docx');
    writeFileSync(file, zip);
    const read = pythonReads(file);
    expect(read.bad).toBeNull();
    expect(read.entries).toEqual([
      ['[Content_Types].xml', 0, 8],
      ['word/document.xml', 8, xml.length],
      ['word/media/ünïcode.png', 0, 300],
    ]);
    expect(new ZipReader(zip, 10_000_000, 10).originalNames).toEqual([
      '[Content_Types].xml',
      'word/document.xml',
      'word/media/ünïcode.png',
    ]);
    const back = unzipAll(zip);
    expect(Buffer.from(back['word/document.xml']!).equals(Buffer.from(xml))).toBe(true);
    expect([...back['word/media/ünïcode.png']!]).toEqual([...png]);
  });

  it('gives the same bytes for the same entries and time', () => {
    const files = { 'a.xml': utf8Bytes('<a/>'.repeat(100)), 'b.xml': utf8Bytes('<b/>') };
    const when = new Date(2026, 0, 2, 3, 4, 6);
    expect(
      Buffer.from(zipToBytes(files, { mtime: when })).equals(Buffer.from(zipToBytes(files, { mtime: when }))),
    ).toBe(true);
  });

  it('reads only the entries asked for, and refuses one that inflates past its limit', () => {
    const zip = zipToBytes({ 'small.xml': utf8Bytes('<s/>'), 'big.xml': new Uint8Array(2_000_000) });
    expect(Object.keys(unzipAll(zip, { only: (name) => name === 'small.xml' }))).toEqual(['small.xml']);
    expect(() => unzipAll(zip, { maxBytes: 1_000_000 })).toThrow(/big\.xml/);
  });
});
