import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const CANDIDATES: Record<string, string[]> = {
  win32: [
    'C:\\Program Files\\LibreOffice\\program\\soffice.exe',
    'C:\\Program Files (x86)\\LibreOffice\\program\\soffice.exe',
  ],
  darwin: ['/Applications/LibreOffice.app/Contents/MacOS/soffice'],
  linux: [
    '/usr/bin/soffice',
    '/usr/local/bin/soffice',
    '/usr/lib/libreoffice/program/soffice',
    '/snap/bin/libreoffice',
  ],
};

/** LibreOffice's command, if it is installed where it usually is (SENDPACK_SOFFICE overrides). */
export function findLibreOffice(env = process.env, platform = process.platform): string | null {
  if (env.SENDPACK_SOFFICE) return existsSync(env.SENDPACK_SOFFICE) ? env.SENDPACK_SOFFICE : null;
  return (CANDIDATES[platform] ?? CANDIDATES.linux!).find((path) => existsSync(path)) ?? null;
}

/**
 * A PDF copy of the pack made by LibreOffice, with a throwaway profile so it never touches the officer's own
 * LibreOffice settings; null when LibreOffice is not installed. Throws if the conversion itself fails.
 */
export async function pdfCopy(docx: Uint8Array, soffice = findLibreOffice()): Promise<Uint8Array | null> {
  if (!soffice) return null;
  const work = mkdtempSync(join(tmpdir(), 'sendpack-pdf-'));
  try {
    writeFileSync(join(work, 'pack.docx'), docx);
    await new Promise<void>((resolve, reject) => {
      execFile(
        soffice,
        [
          `-env:UserInstallation=file://${join(work, 'profile').replace(/\\/g, '/')}`,
          '--headless',
          '--convert-to',
          'pdf',
          '--outdir',
          work,
          join(work, 'pack.docx'),
        ],
        { timeout: 120_000 },
        (error) => (error ? reject(error) : resolve()),
      );
    });
    const pdf = join(work, 'pack.pdf');
    if (!existsSync(pdf)) throw new Error('LibreOffice did not write a PDF');
    return new Uint8Array(readFileSync(pdf));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
