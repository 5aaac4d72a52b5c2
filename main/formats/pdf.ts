import { definePDFJSModule, getDocumentProxy } from 'unpdf';
import type { TextCollector } from './collector';
import { NotScanned, type ExtractLimits } from './types';

export { looksLikePdf } from './detect';

function listPages(pages: number[]): string {
  const shown = pages.slice(0, 10).map(String);
  const more = pages.length - shown.length;
  if (more > 0) return `${shown.join(', ')} and ${more} more`;
  if (shown.length === 1) return shown[0]!;
  return `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]!}`;
}

type PdfDocument = Awaited<ReturnType<typeof getDocumentProxy>>;

let pdfjsReady: Promise<void> | null = null;

/**
 * PDF.js is a direct dependency (pdfjs-dist, pinned, so `npm audit` sees the version that reads officers' PDFs), handed
 * to unpdf through definePDFJSModule instead of the copy unpdf bundles. Its legacy build runs in Node; there PDF.js
 * never starts a worker of its own but runs its "fake worker" in the calling thread, which is already our extraction
 * worker (worker-extractor.ts: time budget, memory cap). The fake worker's code is loaded here and handed over as
 * globalThis.pdfjsWorker, which PDF.js looks for before trying to import pdf.worker.mjs by a path relative to
 * itself, a path that does not exist once esbuild has bundled both into extract-worker.cjs. Loaded on first use:
 * the two modules are about 3 MB of code. While PDF.js loads it warns that it cannot load the
 * optional @napi-rs/canvas or polyfill DOMMatrix and Path2D, needed only to draw pages, which the app never does;
 * those lines (console.warn, "Warning: …") are kept out of the log.
 */
function loadPdfjs(): Promise<void> {
  pdfjsReady ??= (async () => {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
      if (!(typeof args[0] === 'string' && args[0].startsWith('Warning: '))) warn(...args);
    };
    try {
      (globalThis as { pdfjsWorker?: unknown }).pdfjsWorker = await import('pdfjs-dist/legacy/build/pdf.worker.mjs');
      await definePDFJSModule(() => import('pdfjs-dist/legacy/build/pdf.mjs'));
    } finally {
      console.warn = warn;
    }
  })();
  return pdfjsReady;
}

/** Text a recipient can read in an annotation: its contents, author, form value, alternative text. */
function annotationTexts(annotation: Record<string, unknown>): { what: string; text: string }[] {
  const str = (v: unknown): string =>
    typeof v === 'string'
      ? v
      : Array.isArray(v)
        ? v.filter((x) => typeof x === 'string').join('\t')
        : v && typeof v === 'object' && typeof (v as { str?: unknown }).str === 'string'
          ? (v as { str: string }).str
          : '';
  const subtype = typeof annotation.subtype === 'string' ? annotation.subtype : '';
  // A popup shows its parent annotation's text, which is read with the parent.
  if (subtype === 'Popup') return [];
  const form = subtype === 'Widget';
  const name = str(annotation.fieldName);
  const what = form ? `form field${name ? ` ${name}` : ''}` : `${subtype ? `${subtype.toLowerCase()} ` : ''}annotation`;
  const out = [
    { what, text: str(annotation.contentsObj) || str(annotation.contents) },
    { what: `${what} author`, text: str(annotation.titleObj) || str(annotation.title) },
    { what, text: str(annotation.fieldValue) },
    { what: `${what} description`, text: str(annotation.alternativeText) },
    { what: `${what} link`, text: str(annotation.url) || str(annotation.unsafeUrl) },
  ];
  return out.filter((x) => /\S/.test(x.text));
}

/** The document's information dictionary and XMP metadata: title, author, subject, keywords, custom entries. */
async function readMetadata(pdf: PdfDocument, out: TextCollector): Promise<void> {
  const { info, metadata } = await pdf.getMetadata();
  const fields = info && typeof info === 'object' ? (info as Record<string, unknown>) : {};
  for (const [key, value] of Object.entries(fields)) {
    if (key === 'Custom' && value && typeof value === 'object') {
      for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
        if (typeof v === 'string' && !out.add(`document properties, ${k}`, v)) return;
      }
    } else if (typeof value === 'string' && !/^(PDFFormatVersion|CreationDate|ModDate)$/.test(key)) {
      if (!out.add(`document properties, ${key}`, value)) return;
    }
  }
  const xmp = (metadata as { getAll?: () => Record<string, unknown> } | null)?.getAll?.() ?? {};
  for (const [key, value] of Object.entries(xmp)) {
    const text = typeof value === 'string' ? value : Array.isArray(value) ? value.join('\t') : '';
    if (text && !out.add(`XMP metadata, ${key}`, text)) return;
  }
}

async function pageText(pdf: PdfDocument, n: number, out: TextCollector): Promise<string> {
  const page = await pdf.getPage(n);
  try {
    for (const annotation of (await page.getAnnotations()) as Record<string, unknown>[]) {
      for (const { what, text } of annotationTexts(annotation)) out.add(`page ${n}, ${what}`, text);
    }
    const content = await page.getTextContent();
    // trimEnd, not /\s+$/: that pattern is quadratic on a long run of spaces followed by text.
    return content.items
      .map((item) => ('str' in item ? item.str + (item.hasEOL ? '\n' : '') : ''))
      .join('')
      .trimEnd();
  } finally {
    page.cleanup();
  }
}

/**
 * Finding page n walks the PDF's page tree, and PDF.js steps over every entry of a flat /Kids array each time: a tree
 * listing one page 40,000 times (240 KB) cost 1.5 ms of CPU a page, so its first 5,000 pages (the page cap) took 7.5 s
 * of CPU, 32 s on a busy machine; listed 400,000 times (2.4 MB), 16 ms a page, past the worker's time budget. So the
 * pages read are also capped by the tree's size: pages × page count stays under this many steps, about 2 s of CPU
 * whatever the tree. Up to 10,000 pages every page to the page cap is read; 40,000 pages: the first 1,250.
 */
const PAGE_TREE_STEPS = 50_000_000;

/**
 * Reads a PDF's text layer page by page ("page 3") with PDF.js (pdfjs-dist's legacy build through unpdf, which runs in
 * plain Node, in an esbuild CJS bundle and in Electron's utility process alike: loadPdfjs). Pages are read one at a time so
 * the text cap can stop a huge document early. Text on each page is joined as unpdf's extractText joins it.
 */
export async function extractPdf(
  bytes: Uint8Array,
  out: TextCollector,
  limits: Pick<ExtractLimits, 'maxPages'>,
): Promise<void> {
  let pdf: PdfDocument;
  await loadPdfjs();
  try {
    // A copy: PDF.js may take over (detach) the buffer it is given, and the caller still owns `bytes`.
    pdf = await getDocumentProxy(new Uint8Array(bytes), {
      verbosity: 0, // errors only: no "Warning: …" lines in the backend's log
      // (isEvalSupported is gone: PDF.js 6 never evaluates code from a PDF.)
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
    const pages = Math.min(pdf.numPages, limits.maxPages, Math.max(1, Math.floor(PAGE_TREE_STEPS / pdf.numPages)));
    if (pdf.numPages > pages) {
      out.markUnread(`pages ${(pages + 1).toLocaleString('en-GB')} to ${pdf.numPages.toLocaleString('en-GB')}`);
    }
    for (let n = 1; n <= pages; n++) {
      let text: string;
      try {
        text = await pageText(pdf, n, out);
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
      if (out.full) break;
    }
    try {
      await readMetadata(pdf, out);
    } catch {
      out.markUnread('the document properties (damaged)');
    }
    // Embedded files travel inside the PDF to whoever receives it; they are not opened here, so they are named.
    try {
      const attachments = (await pdf.getAttachments()) as Record<string, { filename?: string }> | null;
      for (const [key, file] of Object.entries(attachments ?? {}))
        out.markUnread(`embedded file ${file.filename || key}`);
    } catch {
      out.markUnread('its embedded files (damaged)');
    }
    if (!anyText && failed.length === pages && failed.length > 0) {
      throw new NotScanned('pdf', 'The PDF is damaged and could not be read.');
    }
    if (!anyText) throw new NotScanned('pdf', 'This PDF has no text layer (it may be a scan); it could not be read.');
    if (failed.length > 0) {
      out.markUnread(`${failed.length === 1 ? 'page' : 'pages'} ${listPages(failed)} (damaged)`);
      out.notes.push(
        `${failed.length === 1 ? 'Page' : 'Pages'} ${listPages(failed)} of ${pdf.numPages} ` +
          `could not be read (the PDF may be damaged there).`,
      );
    }
    if (blank.length > 0) {
      out.notes.push(
        `${blank.length === 1 ? 'Page' : 'Pages'} ${listPages(blank)} of ${pdf.numPages} ` +
          `${blank.length === 1 ? 'has' : 'have'} no text (perhaps scanned images or blank pages) and ` +
          `${blank.length === 1 ? 'was' : 'were'} not read.`,
      );
    }
  } finally {
    await pdf.loadingTask.destroy();
  }
}
