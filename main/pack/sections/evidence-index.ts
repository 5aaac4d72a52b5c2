import { body, heading1, note, type PackBlock } from '../blocks';
import { formatBytes, formatShortDate, plural } from '../format';
import { listedEvidence } from '../model';
import type { PackInput } from '../pack-input';
import { showDirectionControls } from '../../../shared/domain/xml-text';
import { packTable, wideTableWidth } from '../tables';

/** The first 12 hex characters of a SHA-256: enough to check a file by eye against the bundle's manifest. */
export function shortSha(sha256: string): string {
  return sha256.trim().toLowerCase().slice(0, 12);
}

/** Appendix: every evidence file the pack cites, by reference number. Laid out for a landscape page. */
export function evidenceIndexSection(input: PackInput): PackBlock[] {
  const files = listedEvidence(input);
  const blocks: PackBlock[] = [heading1('Evidence index')];
  if (files.length === 0) {
    blocks.push(body('No evidence files are cited in this pack.'));
    return blocks;
  }
  blocks.push(
    body(
      `${plural(files.length, 'evidence file')}, by reference number. The fingerprint is the start of the file's ` +
        'SHA-256 hash: the file in the evidence bundle with the same reference has the same one.',
    ),
    packTable({
      small: true,
      width: wideTableWidth(),
      columns: [
        { header: 'Ref', weight: 5 },
        { header: 'Title', weight: 19 },
        { header: 'Checklist item', weight: 14 },
        { header: 'Document date', weight: 9 },
        { header: 'Version', weight: 7 },
        { header: 'Owner', weight: 12 },
        { header: 'File name', weight: 17 },
        { header: 'Size', weight: 7, align: 'right' },
        { header: 'SHA-256 (start)', weight: 10 },
      ],
      rows: files.map((e) => [
        e.ref,
        e.title,
        e.itemTitle,
        formatShortDate(e.documentDate, 'Undated'),
        e.version || '\u2014',
        e.owner || '\u2014',
        showDirectionControls(e.fileName),
        formatBytes(e.bytes),
        shortSha(e.sha256),
      ]),
    }),
  );
  if (input.options.approvedOnly)
    blocks.push(note('This version includes approved items only, so the files of other items are not listed.'));
  return blocks;
}
