import { decodeXml, parseAttributes, scanXml } from './xml';
import type { ZipReader } from './zip';

/** Office Open XML packaging: content types, relationships, part names. */

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

/** Reads an XML part and feeds each start tag's local name and attributes to `onTag`. */
function eachTag(xml: string, onTag: (local: string, attrs: Map<string, string>) => void): void {
  scanXml(xml, {
    open(name, attrs) {
      onTag(name.slice(name.indexOf(':') + 1), parseAttributes(attrs));
    },
    close() {},
    text() {},
  });
}

/** The content type of every part named in [Content_Types].xml overrides (part name lower-cased, no slash). */
export function readContentTypes(
  zip: ZipReader,
): { overrides: Map<string, string>; defaults: Map<string, string> } | null {
  const bytes = zip.read('[Content_Types].xml');
  if (!bytes) return null;
  const overrides = new Map<string, string>();
  const defaults = new Map<string, string>();
  eachTag(decodeXml(bytes), (local, attrs) => {
    const type = attrs.get('ContentType');
    if (!type) return;
    if (local === 'Override') {
      const part = attrs.get('PartName');
      if (part) overrides.set(part.replace(/^\/+/, '').toLowerCase(), type);
    } else if (local === 'Default') {
      const ext = attrs.get('Extension');
      if (ext) defaults.set(ext.toLowerCase(), type);
    }
  });
  return { overrides, defaults };
}

export type ContentTypes = NonNullable<ReturnType<typeof readContentTypes>>;

/** The first part whose content type (from an Override) is one of `types`. */
export function partOfType(contentTypes: ContentTypes | null, types: readonly string[]): string | null {
  for (const [part, type] of contentTypes?.overrides ?? []) if (types.includes(type)) return part;
  return null;
}

/** The folder of a part name, with its trailing slash ('' for the root). */
export function partFolder(part: string): string {
  const slash = part.lastIndexOf('/');
  return slash < 0 ? '' : part.slice(0, slash + 1);
}

/** Resolves a relationship target against the folder of the part that holds the relationship. */
export function resolveTarget(folder: string, target: string): string {
  const path = target.startsWith('/') ? target.slice(1) : folder + target;
  const out: string[] = [];
  for (const piece of path.split('/')) {
    if (piece === '' || piece === '.') continue;
    if (piece === '..') out.pop();
    else out.push(piece);
  }
  return out.join('/');
}

/** The relationships of a part (from its _rels/NAME.rels), targets resolved to part names. */
export function readRelationships(zip: ZipReader, part: string): Relationship[] {
  const folder = partFolder(part);
  const relsName = `${folder}_rels/${part.slice(folder.length)}.rels`;
  const bytes = zip.read(relsName);
  if (!bytes) return [];
  const rels: Relationship[] = [];
  eachTag(decodeXml(bytes), (local, attrs) => {
    if (local !== 'Relationship') return;
    const id = attrs.get('Id') ?? '';
    const target = attrs.get('Target') ?? '';
    const external = (attrs.get('TargetMode') ?? '').toLowerCase() === 'external';
    rels.push({
      id,
      type: attrs.get('Type') ?? '',
      target: external ? target : resolveTarget(folder, target),
      external,
    });
  });
  return rels;
}

/** The last path segment of a relationship type URI, e.g. "worksheet", "sharedStrings", "officeDocument". */
export function relType(rel: Relationship): string {
  return rel.type.slice(rel.type.lastIndexOf('/') + 1);
}

/**
 * The main part when [Content_Types].xml does not name one: the package's officeDocument relationship, else the
 * usual part name, but only when the extension says this kind of document.
 */
export function fallbackMainPart(zip: ZipReader, ext: string, kind: 'docx' | 'xlsx', usual: string): string | null {
  const officeDocument = readRelationships(zip, '').find((r) => relType(r) === 'officeDocument' && !r.external)?.target;
  const folder = kind === 'docx' ? 'word/' : 'xl/';
  if (officeDocument?.toLowerCase().startsWith(folder) && zip.has(officeDocument)) return officeDocument;
  const matchesExt = kind === 'docx' ? ['docx', 'docm', 'dotx'].includes(ext) : ['xlsx', 'xlsm', 'xltx'].includes(ext);
  return matchesExt && zip.has(usual) ? usual : null;
}
