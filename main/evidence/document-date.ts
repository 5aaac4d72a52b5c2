import { open } from 'node:fs/promises';
import { extname } from 'node:path';
import { entryContent, readCentralDirectory } from '../formats/zip-reader';

const OFFICE = new Set(['.docx', '.docm', '.xlsx', '.xlsm', '.pptx', '.pptm', '.dotx', '.xltx']);
/** core.xml is a few hundred bytes; anything larger is not read (a hostile file cannot make this slow). */
const MAX_CORE_BYTES = 64 * 1024;
const PDF_WINDOW = 64 * 1024;

const plausible = (iso: string, today: string) => iso >= '1990-01-01' && iso <= today;

/**
 * The date a document says it was last saved, where the file records one: Office files' core properties
 * (dcterms:modified, else created) and PDFs' /ModDate (else /CreationDate). Offered as the default when the officer
 * dates the evidence on attaching it; null when the file says nothing readable. Never throws.
 */
export async function documentDateOf(
  path: string,
  fileName: string,
  today = new Date().toISOString().slice(0, 10),
): Promise<string | null> {
  const ext = extname(fileName).toLowerCase();
  try {
    const handle = await open(path, 'r');
    try {
      const { size } = await handle.stat();
      if (OFFICE.has(ext)) {
        const entry = (await readCentralDirectory(handle, size)).find((e) => e.name === 'docProps/core.xml');
        if (!entry || entry.size > MAX_CORE_BYTES) return null;
        let xml = '';
        for await (const chunk of entryContent(handle, entry, size)) {
          xml += Buffer.from(chunk).toString('utf8');
          if (xml.length > MAX_CORE_BYTES) return null;
        }
        for (const tag of ['dcterms:modified', 'dcterms:created']) {
          const at = xml.indexOf(`<${tag}`);
          const m = at < 0 ? null : /^[^>]{0,200}>\s*(\d{4}-\d{2}-\d{2})/.exec(xml.slice(at, at + 260));
          if (m && plausible(m[1]!, today)) return m[1]!;
        }
        return null;
      }
      if (ext === '.pdf') {
        const windows = [
          [0, Math.min(size, PDF_WINDOW)],
          [Math.max(0, size - PDF_WINDOW), Math.min(size, PDF_WINDOW)],
        ] as const;
        for (const key of ['/ModDate', '/CreationDate']) {
          for (const [position, length] of windows) {
            const buffer = Buffer.alloc(length);
            await handle.read(buffer, 0, length, position);
            const text = buffer.toString('latin1');
            const at = text.lastIndexOf(key);
            const m =
              at < 0 ? null : /^\s*\(D:(\d{4})(\d{2})(\d{2})/.exec(text.slice(at + key.length, at + key.length + 24));
            const iso = m ? `${m[1]}-${m[2]}-${m[3]}` : null;
            if (iso && plausible(iso, today) && !Number.isNaN(Date.parse(iso))) return iso;
          }
        }
      }
      return null;
    } finally {
      await handle.close();
    }
  } catch {
    return null;
  }
}
