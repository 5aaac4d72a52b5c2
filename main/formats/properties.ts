import type { TextCollector } from './collector';
import { readRelationships, relType } from './opc';
import { decodeEntities, decodeXml, parseAttributes, scanXml } from './xml';
import type { ZipReader } from './zip';

/** Package relationship types of the three property parts, with where Office usually puts them. */
const PROPERTY_PARTS: readonly { type: string; usual: string; custom: boolean }[] = [
  { type: 'core-properties', usual: 'docProps/core.xml', custom: false },
  { type: 'extended-properties', usual: 'docProps/app.xml', custom: false },
  { type: 'custom-properties', usual: 'docProps/custom.xml', custom: true },
];

/** Properties that are dates, counts and layout, never text anyone typed. */
const COUNTS = new Set([
  'created',
  'modified',
  'lastPrinted',
  'revision',
  'version',
  'Template',
  'TotalTime',
  'Pages',
  'Words',
  'Characters',
  'CharactersWithSpaces',
  'Lines',
  'Paragraphs',
  'Application',
  'DocSecurity',
  'ScaleCrop',
  'LinksUpToDate',
  'SharedDoc',
  'HyperlinksChanged',
  'AppVersion',
  'HeadingPairs',
  'TitlesOfParts',
  'Slides',
  'Notes',
  'HiddenSlides',
  'MMClips',
  'PresentationFormat',
]);

const local = (name: string) => name.slice(name.indexOf(':') + 1);

/**
 * Reads a part's properties: the text of each leaf element ("document properties, creator"), or for the custom part
 * each <property name="…">'s value ("custom property Case officer").
 */
function readProperties(xml: string, custom: boolean, emit: (label: string, text: string) => boolean): void {
  const path: string[] = [];
  let propertyName = '';
  let text: string[] = [];
  let stopped = false;
  scanXml(xml, {
    get done() {
      return stopped;
    },
    open(name, attrs) {
      path.push(local(name));
      if (custom && local(name) === 'property') propertyName = parseAttributes(attrs).get('name') ?? '';
      text = [];
    },
    close(name) {
      path.pop();
      const value = text.join('');
      text = [];
      if (!/\S/.test(value)) return;
      const top = path[1] ?? local(name);
      if (custom) {
        if (!emit(`custom property ${propertyName || '(unnamed)'}`, value)) stopped = true;
      } else if (!COUNTS.has(top) && !COUNTS.has(local(name))) {
        if (!emit(`document properties, ${local(name)}`, value)) stopped = true;
      }
    },
    text(raw, cdata) {
      text.push(cdata ? raw : decodeEntities(raw));
    },
  });
}

/**
 * The document properties a recipient sees under File > Info (title, author, company, keywords, comments…) and the
 * custom properties, for Word and Excel alike. A property part that cannot be parsed is named as unread.
 */
export function extractProperties(zip: ZipReader, out: TextCollector): void {
  const rels = readRelationships(zip, '').filter((r) => !r.external);
  for (const { type, usual, custom } of PROPERTY_PARTS) {
    const part = rels.find((r) => relType(r) === type)?.target ?? (zip.has(usual) ? usual : null);
    if (!part || out.full) continue;
    const bytes = zip.read(part);
    if (!bytes) continue;
    try {
      readProperties(decodeXml(bytes), custom, (label, text) => out.add(label, text));
    } catch {
      out.markUnread(custom ? 'the custom properties (damaged)' : 'the document properties (damaged)');
    }
  }
}
