import { AREA_GROUPS, AREA_GROUP_IDS, type AreaGroupId } from '../../../shared/domain/evaluation-areas';

/**
 * Names inside the share bundle. They must survive being unzipped anywhere a council officer or an inspector might
 * open them, Windows above all: no characters Windows refuses (: * ? " < > | and the slashes), no trailing dots or
 * spaces, no device names, and short enough that "C:\Users\…\Downloads\bundle\" plus folder plus file stays well
 * under Windows' 260-character path limit.
 */
export const MAX_FOLDER_CHARS = 48;
export const MAX_FILE_CHARS = 100;
const MAX_EXTENSION_CHARS = 10;

const WINDOWS_DEVICE = /^(?:con|prn|aux|nul|com[0-9]|lpt[0-9])(?:\..*)?$/i;

const FOLD: [RegExp, string][] = [
  [/[\u2018\u2019\u201a\u201b\u2032\u00b4`]/g, "'"],
  [/[\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb]/g, "'"],
  [/[\u2010-\u2015\u2212]/g, '-'],
  [/\u2026/g, '...'],
  [/ß/g, 'ss'],
  [/[Ææ]/g, 'ae'],
  [/[Œœ]/g, 'oe'],
  [/[Øø]/g, 'o'],
  [/[Łł]/g, 'l'],
  [/[Đđ]/g, 'd'],
  [/[Þþ]/g, 'th'],
  [/£/g, 'GBP'],
  [/€/g, 'EUR'],
];

/**
 * One path segment that every common file system and unzip tool accepts, at most `max` characters. Names are
 * folded to ASCII ("Café – report" becomes "Cafe - report"): Windows' built-in unzip and older tools do not all
 * honour zip's UTF-8 flag, and a name they mangle is worse than one without its accents. Titles keep every character
 * in the manifests.
 */
export function safeSegment(text: string, max: number): string {
  let name = text.normalize('NFKD').replace(/\p{M}/gu, '');
  for (const [pattern, replacement] of FOLD) name = name.replace(pattern, replacement);
  name = name
    .replace(/[^\x20-\x7e]/g, ' ')
    .replace(/:/g, ' - ')
    .replace(/[/\\]/g, '-')
    .replace(/"/g, "'")
    .replace(/[*?<>|]/g, ' ')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  if (name.length > max) name = name.slice(0, max).replace(/[\s.]+$/g, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  return name;
}

/** The folder an evaluation area group's evidence goes in, e.g. "EC1 Identification and assessment". */
export function groupFolder(group: AreaGroupId): string {
  if (group === 'other') return 'Other';
  const known = AREA_GROUPS.find((g) => g.id === group);
  return safeSegment(known ? `${known.id} ${known.shortName}` : group, MAX_FOLDER_CHARS);
}

/** The original file's extension when it looks like one (".pdf", ".xlsx"), else nothing. */
export function extensionOf(fileName: string): string {
  const match = new RegExp(`\\.([A-Za-z0-9]{1,${MAX_EXTENSION_CHARS}})$`).exec(fileName.trim());
  return match ? `.${match[1]}` : '';
}

/** "E001 JSNA SEND chapter 2025.pdf": reference number, title, the original file's extension. */
export function evidenceFileStem(ref: string, title: string, fileName: string): { stem: string; extension: string } {
  const extension = extensionOf(fileName);
  let label = title.trim() || fileName.trim().slice(0, fileName.trim().length - extension.length) || 'evidence';
  // A title that already ends in the extension ("minutes.docx") is not given it twice.
  if (extension && label.toLowerCase().endsWith(extension.toLowerCase())) label = label.slice(0, -extension.length);
  const stem = safeSegment(`${ref} ${label}`, MAX_FILE_CHARS - extension.length) || safeSegment(ref, 20) || 'evidence';
  return { stem, extension };
}

export const groupOrder = (group: AreaGroupId): number => {
  const index = (AREA_GROUP_IDS as readonly string[]).indexOf(group);
  return index < 0 ? AREA_GROUP_IDS.length : index;
};

/** Orders "E2" before "E10": digit runs compare as numbers, everything else by code unit, never by locale. */
export function naturalCompare(a: string, b: string): number {
  const parts = (s: string) => s.match(/\d+|\D+/g) ?? [];
  const pa = parts(a);
  const pb = parts(b);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    if (x === y) continue;
    if (/^\d/.test(x) && /^\d/.test(y)) {
      const nx = x.replace(/^0+/, '');
      const ny = y.replace(/^0+/, '');
      if (nx.length !== ny.length) return nx.length - ny.length;
      if (nx !== ny) return nx < ny ? -1 : 1;
      continue;
    }
    return x < y ? -1 : 1;
  }
  if (pa.length !== pb.length) return pa.length - pb.length;
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Hands out paths that differ from every earlier one even where the file system ignores case (Windows, macOS):
 * a clash becomes "E001 Minutes (2).docx".
 */
export class PathAllocator {
  private readonly taken = new Set<string>();

  reserve(path: string): void {
    this.taken.add(path.normalize('NFC').toLowerCase());
  }

  allocate(folder: string, stem: string, extension: string): string {
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : ` (${n})`;
      const trimmed = n === 1 ? stem : safeSegment(stem, MAX_FILE_CHARS - extension.length - suffix.length);
      const path = `${folder}/${trimmed}${suffix}${extension}`;
      const key = path.normalize('NFC').toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return path;
      }
    }
  }
}
