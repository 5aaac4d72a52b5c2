import { Document, Packer } from 'docx';
import { unzipAll } from '../../formats/zip';
import { PACK_NUMBERING, PACK_STYLES } from '../styles';

/**
 * Fitting the pack's content to a council template's styles. The pack's paragraphs name Word's built-in styles
 * (Heading 1–4, Title, Caption, Normal, Hyperlink) and a few of its own (table text, item details, notes, cover
 * lines). The template's own definitions of the built-in ones are kept, so the pack takes its fonts and colours; the
 * pack's own styles are added where the template lacks them, without their font, so they follow its Normal style.
 */

interface StyleXml {
  id: string;
  name: string;
  type: string;
  xml: string;
}

const STYLE = /<w:style\b[^>]*>[\s\S]*?<\/w:style>/g;

function stylesOf(xml: string): StyleXml[] {
  return [...xml.matchAll(STYLE)].map((m) => {
    const open = /<w:style\b[^>]*>/.exec(m[0])![0];
    return {
      id: /w:styleId="([^"]*)"/.exec(open)?.[1] ?? '',
      type: /w:type="([^"]*)"/.exec(open)?.[1] ?? 'paragraph',
      name: (/<w:name w:val="([^"]*)"/.exec(m[0])?.[1] ?? '').toLowerCase(),
      xml: m[0],
    };
  });
}

let ownStyles: Promise<StyleXml[]> | null = null;

/** The pack's styles as docx writes them, read once from an empty document made with them. */
function packStyles(): Promise<StyleXml[]> {
  ownStyles ??= Packer.toBuffer(
    new Document({ styles: PACK_STYLES, numbering: PACK_NUMBERING, sections: [{ children: [] }] }),
  ).then((docx) =>
    stylesOf(
      Buffer.from(unzipAll(docx, { only: (name) => name === 'word/styles.xml' })['word/styles.xml']!).toString('utf8'),
    ),
  );
  return ownStyles;
}

/** The table style a council template gives its tables: one named "Table", else Word's "Table Grid". */
export function templateTableStyle(stylesXml: string): string | null {
  const tables = stylesOf(stylesXml).filter((s) => s.type === 'table');
  return (
    (tables.find((s) => s.name === 'table') ?? tables.find((s) => s.name === 'table grid' || s.id === 'TableGrid'))
      ?.id ?? null
  );
}

export interface MergedStyles {
  xml: string;
  /** The pack's style ids the template spells differently (a Word in another language: "berschrift1"), to rename. */
  renamed: Map<string, string>;
}

/** Sets the document's default language (the pack is written in British English) in docDefaults. */
function withLanguage(xml: string, language: string): string {
  const lang = `<w:lang w:val="${language}"/>`;
  const defaults = /<w:rPrDefault>[\s\S]*?<\/w:rPrDefault>/.exec(xml);
  if (defaults) {
    const fixed = /<w:lang\b[^>]*\/>/.test(defaults[0])
      ? defaults[0]
          .replace(/(<w:lang\b[^>]*?\bw:val=")[^"]*"/, `$1${language}"`)
          .replace(/<w:lang\b(?![^>]*\bw:val=)/, `<w:lang w:val="${language}"`)
      : defaults[0].includes('<w:rPr/>')
        ? defaults[0].replace('<w:rPr/>', `<w:rPr>${lang}</w:rPr>`)
        : defaults[0].includes('</w:rPr>')
          ? defaults[0].replace('</w:rPr>', `${lang}</w:rPr>`)
          : defaults[0].replace('</w:rPrDefault>', `<w:rPr>${lang}</w:rPr></w:rPrDefault>`);
    return xml.replace(defaults[0], () => fixed);
  }
  const rPrDefault = `<w:rPrDefault><w:rPr>${lang}</w:rPr></w:rPrDefault>`;
  if (/<w:docDefaults>/.test(xml)) return xml.replace('<w:docDefaults>', `<w:docDefaults>${rPrDefault}`);
  return xml.replace(/<w:styles\b[^>]*>/, (open) => `${open}<w:docDefaults>${rPrDefault}</w:docDefaults>`);
}

/**
 * The template's styles with the pack's added: every style the pack uses that the template has (by id or by name)
 * stays the template's; the others are added without fonts, based on the template's Normal.
 */
export async function mergeStyles(templateXml: string | null, language: string): Promise<MergedStyles> {
  const ours = await packStyles();
  if (templateXml === null) {
    // A template without a styles part gets the pack's own (rebuilt around its styles), with the language set.
    const all = ours.map((s) => s.xml).join('');
    return {
      xml: withLanguage(
        `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${all}</w:styles>`,
        language,
      ),
      renamed: new Map(),
    };
  }
  const theirs = stylesOf(templateXml);
  const ids = new Set(theirs.map((s) => s.id));
  const byName = new Map(theirs.map((s) => [`${s.type}|${s.name}`, s.id]));
  const renamed = new Map<string, string>();
  const added: string[] = [];
  for (const style of ours) {
    if (ids.has(style.id)) continue;
    const same = byName.get(`${style.type}|${style.name}`);
    if (same) {
      renamed.set(style.id, same);
      continue;
    }
    // Without its own font, an added style takes the template's (through Normal and the document defaults).
    added.push(style.xml.replace(/<w:rFonts\b[^>]*\/>/g, ''));
  }
  let xml = withLanguage(templateXml, language);
  if (added.length) xml = xml.replace('</w:styles>', () => `${added.join('')}</w:styles>`);
  return { xml, renamed };
}
