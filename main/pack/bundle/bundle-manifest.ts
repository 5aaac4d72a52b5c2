/**
 * The bundle's manifest: every file it holds (the pack itself and each evidence file) with its size and SHA-256,
 * once for people (manifest.csv, opens in Excel) and once for programs (manifest.json, what verify-bundle reads).
 */
export const MANIFEST_JSON = 'manifest.json';
export const MANIFEST_CSV = 'manifest.csv';
export const README_TXT = 'README.txt';
export const PACK_DOCX = 'pack.docx';
export const PACK_PDF = 'pack.pdf';
/** Entries every bundle holds beside the files its manifest lists. */
export const BUNDLE_EXTRAS: readonly string[] = [README_TXT, MANIFEST_CSV, MANIFEST_JSON];

export const BUNDLE_FORMAT = 'sendpack-bundle';

export interface BundleFileRecord {
  /** "E001" for evidence; null for the pack itself. */
  reference: string | null;
  title: string;
  /** The checklist item's id, and its title; null for the pack itself. */
  item: string | null;
  itemTitle: string | null;
  /** Where the file is in the bundle, with "/" between folders. */
  path: string;
  bytes: number;
  sha256: string;
  /**
   * Present when the bundle holds a clean copy instead of the attached file (tracked changes accepted, comments
   * removed): what was changed, and the original's size and SHA-256 (the original stays in the workspace).
   */
  cleanCopy?: { changes: string[]; originalBytes: number; originalSha256: string };
}

export interface BundleManifest {
  format: typeof BUNDLE_FORMAT;
  formatVersion: 1;
  area: string;
  packVersion: number;
  builtAt: string;
  files: BundleFileRecord[];
  /** Evidence cited in the pack but left out of the bundle (references only). */
  excluded: string[];
}

export function manifestJson(manifest: BundleManifest): string {
  return `${JSON.stringify(manifest, null, 2)}\n`;
}

/** Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas (as audit-csv does). */
const cell = (value: string | number | null): string => {
  const text = value === null ? '' : String(value);
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

export const MANIFEST_CSV_HEADER = [
  'Reference',
  'Title',
  'Item',
  'Item title',
  'Path',
  'Bytes',
  'SHA-256',
  'Clean copy',
  'Original SHA-256',
] as const;

export function manifestCsv(manifest: BundleManifest): string {
  const rows = manifest.files.map((f) =>
    [
      f.reference,
      f.title,
      f.item,
      f.itemTitle,
      f.path,
      f.bytes,
      f.sha256,
      f.cleanCopy ? f.cleanCopy.changes.join('; ') : '',
      f.cleanCopy?.originalSha256 ?? '',
    ]
      .map(cell)
      .join(','),
  );
  return `\uFEFF${[MANIFEST_CSV_HEADER.join(','), ...rows].join('\r\n')}\r\n`;
}

/** What verify-bundle needs from manifest.json, checked field by field; null when it is not a bundle manifest. */
export function parseManifest(text: string): { files: { path: string; bytes: number; sha256: string }[] } | null {
  let value: unknown;
  try {
    value = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const manifest = value as Record<string, unknown>;
  if (manifest.format !== BUNDLE_FORMAT || !Array.isArray(manifest.files)) return null;
  const files: { path: string; bytes: number; sha256: string }[] = [];
  for (const entry of manifest.files as unknown[]) {
    if (!entry || typeof entry !== 'object') return null;
    const { path, bytes, sha256 } = entry as Record<string, unknown>;
    if (
      typeof path !== 'string' ||
      !path ||
      typeof sha256 !== 'string' ||
      !/^[0-9a-f]{64}$/i.test(sha256) ||
      typeof bytes !== 'number' ||
      !Number.isSafeInteger(bytes) ||
      bytes < 0
    )
      return null;
    files.push({ path, bytes, sha256: sha256.toLowerCase() });
  }
  return { files };
}
