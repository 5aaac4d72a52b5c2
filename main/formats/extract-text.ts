/**
 * Text extraction for evidence files: a pure async function, no Electron, no I/O. The caller runs it off the
 * Electron main thread. It never throws: anything it cannot read comes back as `not-scanned` with a reason in plain
 * words for the officer.
 */
import { TextCollector } from './collector';
import { controlCharRatio, decodeText } from './decode';
import { fileExtension, isEncryptedOffice, isImage, isOle } from './detect';
import { extractDocx, WORD_MAIN_TYPES } from './docx';
import { fallbackMainPart, partOfType, readContentTypes } from './opc';
import { extractPdf, looksLikePdf } from './pdf';
import { sniffDelimiter } from './csv';
import { extractCsv, extractLines } from './plain-text';
import { DEFAULT_LIMITS, NotScanned, type ExtractLimits, type ExtractResult } from './types';
import { EXCEL_MAIN_TYPES, extractXlsx } from './xlsx';
import { looksLikeZip, ZipError, ZipReader } from './zip';

export type { ExtractLimits, ExtractResult } from './types';
export { DEFAULT_LIMITS } from './types';

const TEXT_EXTENSIONS = new Set(['txt', 'text', 'csv', 'tsv', 'tab', 'md', 'markdown', 'log']);
const CSV_EXTENSIONS = new Set(['csv', 'tsv', 'tab']);
/** Extensions whose files are never plain text: a mismatch with the content means a damaged or misnamed file. */
const BINARY_NAMES: Record<string, string> = {
  docx: 'Word document',
  docm: 'Word document',
  dotx: 'Word document',
  xlsx: 'Excel workbook',
  xlsm: 'Excel workbook',
  xltx: 'Excel workbook',
  pdf: 'PDF',
};

const MB = 1024 * 1024;

function kindName(kind: string): string {
  switch (kind) {
    case 'docx':
      return 'Word document';
    case 'xlsx':
      return 'Excel workbook';
    case 'pdf':
      return 'PDF';
    case 'zip':
      return 'zip file';
    default:
      return 'file';
  }
}

function unsupported(ext: string): string {
  return ext ? `Unsupported file type .${ext}` : 'Unsupported file type (the file name has no extension)';
}

function notScanned(kind: string, reason: string): ExtractResult {
  return { status: 'not-scanned', kind, reason };
}

/**
 * Extracts the text of one evidence file for search and the personal-data scanner, with where each piece came
 * from: "page 3" (PDF), "sheet Budget, row 14" (xlsx), "row 14" (CSV), "paragraph 12" (docx body; "header 1,
 * paragraph 2", "footnotes, paragraph 4"… for the other parts), "line 40" (text). The type is decided by content;
 * the extension is a hint for text files and for naming what could not be read.
 */
export async function extractText(
  bytes: Uint8Array,
  fileName: string,
  limits: ExtractLimits = DEFAULT_LIMITS,
): Promise<ExtractResult> {
  const ext = fileExtension(fileName);
  const context = {
    kind: BINARY_NAMES[ext] ? (ext.startsWith('x') ? 'xlsx' : ext.startsWith('d') ? 'docx' : 'pdf') : 'unknown',
  };
  try {
    return await extract(bytes, ext, limits, context);
  } catch (error) {
    if (error instanceof NotScanned) return notScanned(error.kind, error.reason);
    const kind = context.kind;
    if (error instanceof ZipError) {
      switch (error.problem) {
        case 'too-big':
          return notScanned(
            kind,
            `The file expands to more than ${Math.round(limits.maxUnzippedBytes / MB)} MB ` +
              'when unpacked, so it was not read (it may be a "zip bomb").',
          );
        case 'too-many-entries':
          return notScanned(
            kind,
            `The file holds more than ${limits.maxZipEntries.toLocaleString('en-GB')} ` +
              'parts, so it was not read (it may be a "zip bomb").',
          );
        case 'encrypted':
          return notScanned(kind, `The ${kindName(kind)} is password-protected.`);
        case 'unsupported':
          return notScanned(kind, `The ${kindName(kind)} uses a compression method that is not supported.`);
        case 'damaged':
          break;
      }
    }
    return notScanned(kind, `The ${kindName(kind)} is damaged and could not be read.`);
  }
}

async function extract(
  bytes: Uint8Array,
  ext: string,
  limits: ExtractLimits,
  context: { kind: string },
): Promise<ExtractResult> {
  const out = new TextCollector(limits.maxTextChars, limits.maxSegments);
  if (bytes.length === 0) {
    if (BINARY_NAMES[ext]) return notScanned(context.kind, 'The file is empty.');
    return out.result(CSV_EXTENSIONS.has(ext) ? 'csv' : 'txt');
  }
  if (looksLikePdf(bytes)) {
    context.kind = 'pdf';
    await extractPdf(bytes, out, limits);
    return out.result('pdf');
  }
  if (isImage(bytes)) return notScanned('image', 'Images are not read.');
  if (looksLikeZip(bytes)) return extractZip(bytes, ext, limits, context, out);
  if (isOle(bytes)) {
    if (isEncryptedOffice(bytes)) {
      const kind = context.kind === 'unknown' ? 'office-encrypted' : context.kind;
      return notScanned(kind, 'The document is password-protected.');
    }
    if (ext === 'doc' || ext === 'dot')
      return notScanned('office-legacy', 'Older Word files (.doc) are not read; save it as .docx and attach it again.');
    if (ext === 'xls' || ext === 'xlt')
      return notScanned(
        'office-legacy',
        'Older Excel files (.xls) are not read; save it as .xlsx and attach it again.',
      );
    return notScanned('unknown', unsupported(ext));
  }
  if (BINARY_NAMES[ext]) {
    return notScanned(context.kind, `The file is named .${ext} but is not a ${BINARY_NAMES[ext]}; it may be damaged.`);
  }
  return extractPlain(bytes, ext, limits, out);
}

function extractPlain(bytes: Uint8Array, ext: string, limits: ExtractLimits, out: TextCollector): ExtractResult {
  if (ext === 'rtf' || (bytes[0] === 0x7b && new TextDecoder().decode(bytes.subarray(0, 5)) === '{\\rtf')) {
    return notScanned('rtf', unsupported(ext || 'rtf'));
  }
  const hinted = TEXT_EXTENSIONS.has(ext);
  const maxBytes = limits.maxTextChars * 4;
  const { text } = decodeText(bytes, maxBytes);
  const ratio = controlCharRatio(text);
  const looksLikeText = hinted ? ratio < 0.1 : ratio < 0.01 && !text.slice(0, 65_536).includes('\0');
  if (!looksLikeText) {
    return notScanned(
      hinted ? (CSV_EXTENSIONS.has(ext) ? 'csv' : 'txt') : 'unknown',
      hinted ? `The file is named .${ext} but does not contain text; it could not be read.` : unsupported(ext),
    );
  }
  const csv = CSV_EXTENSIONS.has(ext);
  if (csv) extractCsv(text, sniffDelimiter(text, ext), out);
  else extractLines(text, out);
  // Bytes past those decoded never reached the collector: the text is cut even if what was decoded fitted.
  if (bytes.length > maxBytes) out.markTruncated();
  return out.result(csv ? 'csv' : 'txt');
}

function extractZip(
  bytes: Uint8Array,
  ext: string,
  limits: ExtractLimits,
  context: { kind: string },
  out: TextCollector,
): ExtractResult {
  if (context.kind === 'unknown') context.kind = 'zip';
  const zip = new ZipReader(bytes, limits.maxUnzippedBytes, limits.maxZipEntries);
  const contentTypes = readContentTypes(zip);
  const word = partOfType(contentTypes, WORD_MAIN_TYPES) ?? fallbackMainPart(zip, ext, 'docx', 'word/document.xml');
  if (word) {
    context.kind = 'docx';
    extractDocx(zip, word, out, { maxChars: limits.maxTextChars, maxParagraphs: limits.maxSegments });
    return out.result('docx');
  }
  const excel = partOfType(contentTypes, EXCEL_MAIN_TYPES) ?? fallbackMainPart(zip, ext, 'xlsx', 'xl/workbook.xml');
  if (excel) {
    context.kind = 'xlsx';
    extractXlsx(zip, excel, out);
    return out.result('xlsx');
  }
  const types = [...(contentTypes?.overrides.values() ?? [])].join(' ');
  if (types.includes('presentationml')) return notScanned('pptx', unsupported(ext || 'pptx'));
  if (types.includes('ms-excel.sheet.binary')) return notScanned('xlsb', unsupported(ext || 'xlsb'));
  if (zip.has('mimetype') && zip.has('content.xml')) return notScanned('odf', unsupported(ext));
  if (BINARY_NAMES[ext]) {
    return notScanned(context.kind, `The file is named .${ext} but is not a ${BINARY_NAMES[ext]}; it may be damaged.`);
  }
  return notScanned(
    'zip',
    ext === 'zip' || !ext ? 'Zip archives are not opened; attach the files inside it instead.' : unsupported(ext),
  );
}
