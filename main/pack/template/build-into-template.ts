import { patchDocument, PatchType, TextRun, type IPatch } from 'docx';
import { unzipAll } from '../../formats/zip';
import { utf8Bytes, zipToBytes } from '../../formats/zip-writer';
import { packBlocks, packProperties, packTitle, PACK_LANGUAGE, turn } from '../build-pack';
import { finaliseDocx } from '../finalise';
import { formatDate } from '../format';
import type { PackBlock } from '../blocks';
import type { PackInput } from '../pack-input';
import { PACK_NUMBERING } from '../styles';
import { withTextWidth } from '../tables';
import type { CouncilTemplate, TemplatePlaceholder } from './council-template';
import { mergeStyles, templateTableStyle } from './template-styles';

/** "OFFICIAL-SENSITIVE — DRAFT" while the pack is a draft, as `{{marking}}` reads. */
export function templateMarking(input: { marking: string; draft: boolean }): string {
  return input.draft ? `${input.marking} \u2014 DRAFT` : input.marking;
}

/** The text each placeholder but `{{pack}}` is replaced by. */
export function placeholderText(input: PackInput): Record<Exclude<TemplatePlaceholder, 'pack'>, string> {
  return {
    area: input.area.name,
    title: packTitle(input),
    version: String(input.version),
    date: formatDate(input.builtAt),
    marking: templateMarking(input),
  };
}

const STYLES_REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles';
const STYLES_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml';

/**
 * What patchDocument leaves to us: the pack's styles merged into the template's (or added, for a template without
 * any), the template's table style given to the pack's tables (their own borders and shading then give way to it),
 * a .dotx made a document, and renamed style ids where the template's Word spells them in another language.
 */
async function fitToTemplate(docx: Uint8Array): Promise<Uint8Array> {
  const files = unzipAll(docx);
  const text = (path: string) => (files[path] ? Buffer.from(files[path]).toString('utf8') : null);
  const rels = text('word/_rels/document.xml.rels') ?? '';
  const stylesTarget = /Type="[^"]*\/styles"[^>]*Target="([^"]+)"|Target="([^"]+)"[^>]*Type="[^"]*\/styles"/.exec(rels);
  const stylesPath = stylesTarget
    ? `word/${(stylesTarget[1] ?? stylesTarget[2])!.replace(/^\/?word\//, '').replace(/^\//, '')}`
    : 'word/styles.xml';
  const merged = await mergeStyles(text(stylesPath), PACK_LANGUAGE);
  files[stylesPath] = utf8Bytes(merged.xml);
  if (!stylesTarget) {
    files['word/_rels/document.xml.rels'] = utf8Bytes(
      rels.replace(
        '</Relationships>',
        `<Relationship Id="rIdPackStyles" Type="${STYLES_REL}" Target="styles.xml"/></Relationships>`,
      ),
    );
    const types = text('[Content_Types].xml') ?? '';
    if (!types.includes('/word/styles.xml'))
      files['[Content_Types].xml'] = utf8Bytes(
        types.replace('</Types>', `<Override PartName="/word/styles.xml" ContentType="${STYLES_TYPE}"/></Types>`),
      );
  }
  const types = text('[Content_Types].xml');
  if (types?.includes('wordprocessingml.template.main+xml')) {
    files['[Content_Types].xml'] = utf8Bytes(
      types.replace('wordprocessingml.template.main+xml', 'wordprocessingml.document.main+xml'),
    );
  }
  let documentXml = text('word/document.xml')!;
  for (const [ours, theirs] of merged.renamed)
    documentXml = documentXml.replaceAll(`w:pStyle w:val="${ours}"`, `w:pStyle w:val="${theirs}"`);
  const tableStyle = templateTableStyle(merged.xml);
  if (tableStyle) {
    // Only the pack's tables (their paragraphs are in its table styles), never the template's own.
    documentXml = documentXml.replace(/<w:tbl>[\s\S]*?<\/w:tbl>/g, (table) =>
      !/w:pStyle w:val="TableText(?:Small)?"/.test(table)
        ? table
        : table
            .replace('<w:tblPr>', `<w:tblPr><w:tblStyle w:val="${tableStyle}"/>`)
            .replace(/<w:tblBorders>[\s\S]*?<\/w:tblBorders>/, '')
            .replace(/<w:shd\b[^>]*w:fill="F3F2F1"[^>]*\/>/g, ''),
    );
  }
  files['word/document.xml'] = utf8Bytes(documentXml);
  return zipToBytes(files, { stored: (name) => /\.(png|jpe?g|gif)$/i.test(name) });
}

/** What is built into a council template: the body for `{{pack}}`, the other placeholders' text and the document's properties. */
export interface TemplateContent {
  /** The body's blocks, built when called so that their tables are made to the template's text width. */
  blocks: () => PackBlock[];
  texts: Record<Exclude<TemplatePlaceholder, 'pack'>, string>;
  properties: ReturnType<typeof packProperties>;
  builtAt: string;
}

/**
 * Builds a document's body into a council's own Word template with docx's patchDocument: `{{pack}}` becomes the body
 * (tables made to the template's text width, on its pages, under its headers and footers) and the other
 * placeholders, wherever they are (headers and footers included), their text. Finished as the pack is (finaliseDocx):
 * fixed dates, language, alt text on every picture. The evidence pack and the action plan are both built with it.
 */
export async function buildContentIntoTemplate(content: TemplateContent, template: CouncilTemplate): Promise<Buffer> {
  const blocks = withTextWidth(template.textWidth, content.blocks);
  const patches: Record<string, IPatch> = { pack: { type: PatchType.DOCUMENT, children: blocks as never } };
  for (const [key, value] of Object.entries(content.texts))
    patches[key] = { type: PatchType.PARAGRAPH, children: [new TextRun(value)] };
  const patched = await patchDocument({
    outputType: 'uint8array',
    data: template.bytes,
    patches,
    keepOriginalStyles: true,
    numbering: PACK_NUMBERING,
    properties: content.properties,
  });
  await turn();
  return finaliseDocx(await fitToTemplate(patched), { builtAt: content.builtAt, language: PACK_LANGUAGE });
}

/** Builds the pack (its chosen sections) into a council's own Word template. */
export function buildIntoTemplate(input: PackInput, template: CouncilTemplate): Promise<Buffer> {
  return buildContentIntoTemplate(
    {
      blocks: () => packBlocks(input),
      texts: placeholderText(input),
      properties: packProperties(input),
      builtAt: input.builtAt,
    },
    template,
  );
}
