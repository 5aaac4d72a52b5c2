/**
 * Building the pack and its bundle right after a privacy check does not scan the files' text again: the check's
 * findings for each stored file are reused (privacy_text_scans), and the bundle's verdict is the check's.
 */
import { describe, expect, it, vi } from 'vitest';
import { call, useBackends } from '../../../helpers/api';
import { useTempDirs } from '../../../helpers/temp-dir';

const scanned = vi.hoisted(() => ({ texts: [] as string[] }));
vi.mock('../../../../main/privacy/scan-text', async (original) => {
  const real = await original<typeof import('../../../../main/privacy/scan-text')>();
  return {
    ...real,
    scanText: (text: string, options?: Parameters<typeof real.scanText>[1]) => {
      scanned.texts.push(text);
      return real.scanText(text, options);
    },
  };
});

const tempDir = useTempDirs();
const { workspace } = useBackends();

describe('the bundle after a check', () => {
  it("scans no file text again, and builds with the check's findings", async () => {
    const { backend } = await workspace(tempDir(), { user: 'Ann', area: 'Northshire', laCode: '841' });
    const upload = async (name: string, text: string) => ({
      handle: (await call(backend, 'files.upload', { name, bytes: new TextEncoder().encode(text) })).handle,
    });
    const files = [
      await upload('waits.txt', 'Speech and language therapy waits fell by four weeks (Quenby clinic).'),
      await upload('forum.txt', 'Attendance at the Marrick parent carer forum rose to 42 families.'),
    ];
    await call(backend, 'attachments.add', { itemId: 'send-strategy', files, metadata: {} });
    const check = await call(backend, 'privacy.check', {});
    expect(check.blocking).toBe(0);
    expect(scanned.texts.filter((t) => /Quenby|Marrick/.test(t))).toHaveLength(2);

    scanned.texts.length = 0;
    const build = await call(backend, 'pack.build', { bundle: true });
    expect(build.bundlePath).toBeTruthy();
    expect(build.evidenceFiles).toBe(2);
    expect(scanned.texts.length).toBeGreaterThan(0); // narratives and names are still scanned, as they are cheap
    expect(scanned.texts.filter((t) => /Quenby|Marrick/.test(t) && !/\.txt/.test(t))).toEqual([]);
  });
});
