/**
 * How a narrative cites an evidence file: `[[evidence:12]]`, where 12 is the file's attachment chain id. The chain id
 * is the id of the file's first version and stays the same when the file is replaced by a new version, binned and
 * restored, or the pack is rebuilt, so it is known while the narrative is written. The pack's own references (E001,
 * E002…) are numbered afresh at every build, so the pack turns each citation into the reference it gave that file.
 */

export const EVIDENCE_REF_PREFIX = 'evidence:';

/** The citation of the file whose attachment chain id is `fileId`. */
export function evidenceRef(fileId: number): string {
  return `[[${EVIDENCE_REF_PREFIX}${fileId}]]`;
}

const AT = /\[\[evidence:([1-9]\d{0,8})\]\]/iy;

/** The citation starting at `index` in `text`, if there is one: its file id and where it ends. */
export function evidenceRefAt(text: string, index: number): { fileId: number; end: number } | null {
  AT.lastIndex = index;
  const match = AT.exec(text);
  return match ? { fileId: Number(match[1]), end: index + match[0].length } : null;
}
