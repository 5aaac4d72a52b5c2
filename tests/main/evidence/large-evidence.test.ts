/**
 * Evidence past every 32-bit limit: a 4.3 GB file (sparse, so the test needs no 4.3 GB of input) is attached without
 * being read whole, exported into a ZIP64 archive that `unzip -t` accepts, imported back with every hash checked,
 * and the imported workspace holds the same file. A crafted archive that would inflate past its manifest, or write
 * outside its folder, is refused with nothing written.
 */
import { execFileSync } from 'node:child_process';
import {
  closeSync,
  existsSync,
  ftruncateSync,
  openSync,
  readdirSync,
  statSync,
  writeSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { attachFiles, listAttachments } from '../../../main/evidence/attachments-repository';
import { blobPath, sha256OfFile } from '../../../main/store/blob-store';
import { extractText } from '../../../main/formats/extract-text';
import { Workspace } from '../../../main/workspace/workspace';
import { exportWorkspace, importWorkspace } from '../../../main/workspace/workspace-archive';
import { craftZip } from '../../fixtures/zip-craft';
import { useTempDirs } from '../../helpers/temp-dir';
import { makeWorkspace } from '../../helpers/workspace';

const tempDir = useTempDirs();
const SIZE = 4.3e9;

describe('evidence over 4 GB', { timeout: 1_200_000 }, () => {
  it('attaches, exports, imports back and verifies a 4.3 GB file with flat memory', async () => {
    const dir = tempDir();
    const source = join(dir, 'board-meeting-recording.mp4');
    const fd = openSync(source, 'w');
    writeSync(fd, Buffer.from('ftypmp42 recorded board meeting'), 0, 31, 0);
    ftruncateSync(fd, SIZE);
    writeSync(fd, Buffer.from('end of recording'), 0, 16, SIZE - 16);
    closeSync(fd);

    const folder = makeWorkspace(dir, { area: 'Bigshire' }).folder;
    const workspace = Workspace.open(folder, { user: 'A' });
    let peak = 0;
    const sample = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 200);
    const baseline = process.memoryUsage().rss;
    try {
      const [attachment] = await attachFiles(
        workspace,
        'send-strategy',
        [{ name: 'board-meeting-recording.mp4', path: source }],
        {},
        'A',
        extractText,
      );
      expect(attachment).toMatchObject({ bytes: SIZE, textStatus: 'not-scanned' });
      expect(attachment!.notScannedReason).toMatch(/4\.0 GB, too large to read/);
      const sha256 = attachment!.sha256!;
      expect(statSync(blobPath(folder, sha256)).size).toBe(SIZE);

      const zip = join(dir, 'Bigshire.zip');
      const exported = await exportWorkspace(workspace.db, folder, 'Bigshire', zip);
      expect(exported.bytes).toBeGreaterThan(SIZE);
      // Another tool reads it: Info-ZIP's unzip tests every entry's CRC through the ZIP64 records.
      expect(execFileSync('unzip', ['-tqq', zip], { encoding: 'utf8', maxBuffer: 1 << 20 })).toBe('');
      workspace.close();
      rmSync(blobPath(folder, sha256), { force: true }); // room on the disk for the import

      const imported = await importWorkspace(zip, join(dir, 'Copy.sendpack'));
      rmSync(zip, { force: true });
      const copy = Workspace.open(imported.folder, { user: 'B' });
      try {
        expect(listAttachments(copy.db).map((a) => [a.fileName, a.bytes, a.sha256])).toEqual([
          ['board-meeting-recording.mp4', SIZE, sha256],
        ]);
        expect(sha256OfFile(blobPath(imported.folder, sha256))).toBe(sha256);
      } finally {
        copy.close();
      }
    } finally {
      clearInterval(sample);
    }
    // Memory stayed flat: far less than the file, whatever the machine.
    expect(peak - baseline).toBeLessThan(400 * 1024 * 1024);
  });

  it('refuses an archive that would inflate past its manifest, or write outside its folder, with nothing written', async () => {
    const dir = tempDir();
    const hash = 'a'.repeat(64);
    const manifest = (files: Record<string, { bytes: number; sha256: string }>) =>
      new TextEncoder().encode(
        JSON.stringify({
          format: 'sendpack-workspace',
          version: 1,
          exportedAt: '2026-11-13T16:45:30Z',
          areaName: 'X',
          files,
        }),
      );
    // A deflated entry that inflates to 64 MB while its manifest (and header) say 1 KB.
    const bomb = deflateRawSync(Buffer.alloc(64 * 1024 * 1024));
    const bombZip = join(dir, 'bomb.zip');
    writeFileSync(
      bombZip,
      craftZip([
        { name: 'manifest.json', data: manifest({ [`files/aa/${hash}`]: { bytes: 1024, sha256: hash } }) },
        { name: `files/aa/${hash}`, data: bomb, deflated: { size: 1024, crc: 0 } },
      ]),
    );
    const outside = join(dir, 'outside.zip');
    writeFileSync(
      outside,
      craftZip([
        { name: 'manifest.json', data: manifest({}) },
        { name: '../../evil.txt', data: new TextEncoder().encode('x') },
      ]),
    );
    for (const [file, why] of [
      [bombZip, /inflates past the 1,024 bytes its manifest records/],
      [outside, /unexpected entry/],
    ] as const) {
      const target = join(dir, 'Target.sendpack');
      await expect(importWorkspace(file, target)).rejects.toThrow(why);
      expect(existsSync(target)).toBe(false);
      expect(readdirSync(dir).filter((n) => n.startsWith('.importing-'))).toEqual([]);
      expect(existsSync(join(dir, '..', 'evil.txt'))).toBe(false);
    }
  });
});
