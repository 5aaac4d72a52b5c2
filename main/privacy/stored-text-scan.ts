/**
 * Scanning one stored file's text (blobs.text and its segment map) for the privacy check: the same work on the
 * backend's thread and in the scan workers (scan-worker.ts), so both find the same things.
 */
import type { FindingKind, FindingSeverity } from '../../shared/domain/privacy/findings';
import { scanText } from './scan-text';
import { decodeStoredText, forEachStoredSegment } from '../store/stored-text';

/** A finding in a stored file's text, as kept between checks: [part, kind, severity, masked snippet]. */
export type StoredFinding = [string, FindingKind, FindingSeverity, string];

/** What decides the findings in a text besides the text itself (the workspace's settings and the day). */
export interface TextRules {
  casePatterns?: readonly RegExp[];
  today: string;
  publicContacts?: readonly string[];
  namedStaff?: readonly string[];
}

const nameWords = (name: string) => name.toLowerCase().match(/[\p{L}'’-]+/gu) ?? [];

/** Whether a name the scanner found belongs to the area's named staff: all its words within one staff name. */
export function isNamedStaff(match: string, namedStaff: readonly string[]): boolean {
  const words = nameWords(match);
  return (
    words.length > 0 &&
    namedStaff.some((staff) => {
      const known = new Set(nameWords(staff));
      return words.every((w) => known.has(w));
    })
  );
}

/**
 * The findings in a stored text, segment by segment, each with its segment's location, and whether they depend on the
 * day (a date of birth was weighed against it): findings that do not are kept for any day.
 */
export function scanStoredText(
  text: string,
  segments: string,
  rules: TextRules,
): { findings: StoredFinding[]; dependsOnDay: boolean } {
  const list: StoredFinding[] = [];
  let dependsOnDay = false;
  const options = {
    casePatterns: rules.casePatterns,
    today: rules.today,
    publicContacts: rules.publicContacts,
    onDayWeighed: () => {
      dependsOnDay = true;
    },
  };
  const staff = rules.namedStaff?.length ? rules.namedStaff : null;
  forEachStoredSegment(text, segments, (location, part) => {
    if (!part) return;
    for (const f of scanText(part, options)) {
      if (staff && f.kind === 'person-name' && isNamedStaff(f.match, staff)) continue;
      list.push([location, f.kind, f.severity, f.snippet]);
    }
  });
  return { findings: list, dependsOnDay };
}

/** A text scanned where it was stored (blobs.text as read from the database): its findings and its length. */
export function scanStoredBlob(
  stored: unknown,
  segments: string,
  rules: TextRules,
): { findings: StoredFinding[]; dependsOnDay: boolean; characters: number } {
  const text = decodeStoredText(stored);
  return { ...scanStoredText(text, segments, rules), characters: text.length };
}
