import { getDocumentProxy } from 'unpdf';
import type { TextCollector } from './collector';
import { NotScanned } from './types';

export { looksLikePdf } from './detect';

function listPages(pages: number[]): string {
  const shown = pages.slice(0, 10).map(String);
  const more = pages.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

async function pageText(pdf: PdfDocument, n: number): Promise<string> {
  const page = await pdf.getPage(n);
  try {
    const content = await page.getTextContent();
    return content.items.map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : '')).join('')
      .replace(/\s+$/, '');
  } finally {
    page.cleanup();
  }
}

/**
 * Reads a PDF's text layer page by page ("page 3") with PDF.js (through unpdf's serverless build, which runs in
 * plain Node, in an esbuild CJS bundle and in Electron's utility process alike). Pages are read one at a time so
 * the text cap can stop a huge document early. Text on each page is joined as unpdf's extractText joins it.
 */
export async function extractPdf(bytes: Uint8Array, out: TextCollector): Promise<void> {
  let pdf: PdfDocument;
  try {
    // A copy: PDF.js may take over (detach) the buffer it is given, and the caller still owns `bytes`.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0, // errors only: no "Warning: …" lines in the backend's log
      isEvalSupported: false,
      disableFontFace: true, // set explicitly: in Electron, PDF.js does not think it runs in Node
      useSystemFonts: false,
      stopAtErrors: false,
    });
  } catch (error) {
    const name = error instanceof Error ? error.name : '';
    if (name === 'PasswordException') throw new NotScanned('pdf', 'The PDF is password-protected.');
    throw new NotScanned('pdf', 'The PDF is damaged and could not be read.');
  }
  try {
    const blank: number[] = [];
    const failed: number[] = [];
    let anyText = false;
    for (let n = 1; n <= pdf.numPages; n++) {
      let text: string;
      try {
        text = await pageText(pdf, n);
      } catch {
        failed.push(n);
        continue;
      }
      if (/\S/.test(text)) {
        anyText = true;
        if (!out.add(`page ${n}`, text)) return;
      } else {
        blank.push(n);
      }
    }
    if (!anyText && failed.length === pdf.numPages && failed.length > 0) {
      throw new NotScanned('pdf', 'The PDF is damaged and could not be read.');
    }
    if (!anyText) throw new NotScanned('pdf', 'This PDF has no text layer (it may be a scan); it could not be read.');
    if (failed.length > 0) {
      out.notes.push(`${failed.length === 1 ? 'Page' : 'Pages'} ${listPages(failed)} of ${pdf.numPages} `
        + `could not be read (the PDF may be damaged there).`);
    }
    if (blank.length > 0) {
      out.notes.push(`${blank.length === 1 ? 'Page' : 'Pages'} ${listPages(blank)} of ${pdf.numPages} `
        + `${blank.length === 1 ? 'has' : 'have'} no text (perhaps scanned images or blank pages) and `
        + `${blank.length === 1 ? 'was' : 'were'} not read.`);
    }
  } finally {
    await pdf.destroy();
  }
}
