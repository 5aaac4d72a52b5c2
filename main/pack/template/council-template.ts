import { unzipAll } from '../../formats/zip';
import { patchDetector } from 'docx';
import { WorkspaceError } from '../../refusal/refusal';

/** The placeholders a council template may hold; `{{pack}}` is where the pack's body goes, and is required. */
export const TEMPLATE_PLACEHOLDERS = ['pack', 'area', 'title', 'version', 'date', 'marking'] as const;
export type TemplatePlaceholder = (typeof TEMPLATE_PLACEHOLDERS)[number];

/** A council's Word template, checked: a .docx (or .dotx) with `{{pack}}` and no placeholder we cannot fill. */
export interface CouncilTemplate {
  fileName: string;
  bytes: Uint8Array;
  placeholders: TemplatePlaceholder[];
  /** The width of the template's text (its page less its side margins), in DXA: the pack's tables are made to fit it. */
  textWidth: number;
}

const refuse = (message: string) => new WorkspaceError('refused', message, 'template');
const OLE_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0];
const MIN_TEXT_WIDTH = 4000;

/** The text width of the template's last (body) section; A4 with 2.54 cm margins if it does not say. */
function textWidthOf(documentXml: string): number {
  const sections = [...documentXml.matchAll(/<w:sectPr\b[\s\S]*?<\/w:sectPr>/g)];
  const last = sections.at(-1)?.[0] ?? '';
  const attr = (element: string, name: string) => {
    const tag = new RegExp(`<w:${element}\\b[^>]*>`).exec(last)?.[0] ?? '';
    const value = new RegExp(`\\bw:${name}="(-?\\d+)"`).exec(tag)?.[1];
    return value === undefined ? undefined : Number(value);
  };
  const width = attr('pgSz', 'w') ?? 11906;
  const orient = /<w:pgSz\b[^>]*w:orient="landscape"/.test(last);
  const left = attr('pgMar', 'left') ?? 1440;
  const right = attr('pgMar', 'right') ?? 1440;
  const text = (orient ? Math.max(width, attr('pgSz', 'h') ?? width) : width) - left - right;
  return Math.max(MIN_TEXT_WIDTH, text);
}

/**
 * Reads and checks a council template, refusing in plain words what cannot be built into: a file that is not a Word
 * document (a .doc from Word 97–2003, a PDF, a damaged zip), a template without `{{pack}}`, or one with a placeholder
 * the pack cannot fill (it would be left in the document as typed).
 */
export async function readCouncilTemplate(fileName: string, bytes: Uint8Array): Promise<CouncilTemplate> {
  if (OLE_SIGNATURE.every((b, i) => bytes[i] === b)) {
    throw refuse(
      `${fileName} is a Word 97–2003 document (.doc), not a .docx: open it in Word and save it as a Word Document (.docx), then choose it again.`,
    );
  }
  let files: Record<string, Uint8Array>;
  try {
    // A council's file, not ours: the limits of any Office file the app reads (100 MB unpacked, 10,000 parts).
    files = unzipAll(bytes, {
      only: (name) => name === 'word/document.xml' || name === '[Content_Types].xml',
      maxBytes: 100 * 1024 ** 2,
      maxEntries: 10_000,
    });
  } catch {
    throw refuse(
      `${fileName} is not a Word document (.docx): it could not be opened as one. Choose a .docx file saved by Word or LibreOffice.`,
    );
  }
  const documentXml = files['word/document.xml'];
  if (!documentXml || !files['[Content_Types].xml']) {
    throw refuse(
      `${fileName} is not a Word document (.docx): it has no document part (word/document.xml). Choose a .docx file saved by Word or LibreOffice.`,
    );
  }
  if (/macroEnabled/i.test(Buffer.from(files['[Content_Types].xml']).toString('utf8'))) {
    throw refuse(
      `${fileName} holds macros (.docm/.dotm): save it as a Word Document (.docx) without macros, then choose it again.`,
    );
  }
  let found: readonly string[];
  try {
    found = await patchDetector({ data: bytes });
  } catch (error) {
    throw refuse(
      `${fileName} could not be read as a Word document (${(error as Error).message}). Open it in Word, save it as .docx and choose it again.`,
    );
  }
  if (!found.includes('pack')) {
    throw refuse(
      `${fileName} has no {{pack}} placeholder: type {{pack}} on a line of its own where the pack's content should go, save it and choose it again.`,
    );
  }
  const unknown = found.filter((p) => !(TEMPLATE_PLACEHOLDERS as readonly string[]).includes(p));
  if (unknown.length) {
    throw refuse(
      `${fileName} has ${unknown.length === 1 ? 'a placeholder' : 'placeholders'} the pack cannot fill: ${unknown.map((p) => `{{${p}}}`).join(', ')}. ` +
        `Use only ${TEMPLATE_PLACEHOLDERS.map((p) => `{{${p}}}`).join(', ')}.`,
    );
  }
  return {
    fileName,
    bytes,
    placeholders: found.filter((p): p is TemplatePlaceholder =>
      (TEMPLATE_PLACEHOLDERS as readonly string[]).includes(p),
    ),
    textWidth: textWidthOf(Buffer.from(documentXml).toString('utf8')),
  };
}
