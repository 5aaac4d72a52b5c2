import { readMeta, writeMeta } from '../store/meta';
import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import { appendEvent } from '../audit/audit-events';
import { DEFAULT_SMALL_NUMBER_THRESHOLD } from './small-numbers';
import { WorkspaceError } from '../refusal/refusal';
import {
  compileSafePattern,
  exampleProblem,
  patternFromExample,
  unsafePatternProblem,
} from '../../shared/domain/privacy/case-reference-format';

/** A workspace's privacy settings: shared by everyone who opens it, changed only with an audit entry. */
export interface PrivacySettings {
  /** Counts below this print as "fewer than N" in the pack. */
  smallNumberThreshold: number;
  /** The council's own case-reference formats, as examples: "CR-123456". */
  caseReferenceExamples: string[];
  /**
   * Formats as expressions in the safe pattern language (shared/domain/privacy/case-reference-format.ts), kept from
   * earlier versions or given through the CLI. Any outside the language are listed in `unusablePatterns`, never run.
   */
  casePatterns: string[];
  /** The area's published phone numbers, mailboxes and office addresses: never findings. */
  publicContacts: string[];
  /** Named staff (a board chair, the DCS) whose names are public in this role: never findings. */
  namedStaff: string[];
}

export interface PrivacySettingsView extends PrivacySettings {
  /** Stored patterns that are not used, each with why (an imported workspace, an earlier version). */
  unusablePatterns: { pattern: string; problem: string }[];
}

const KEY = 'privacy_settings';
const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];

/** Read defensively: the meta row may come from an imported workspace, in any shape. */
export function privacySettings(db: Database): PrivacySettingsView {
  const raw = readMeta(db, KEY);
  let stored: Record<string, unknown> = {};
  try {
    stored = raw ? (JSON.parse(raw) as Record<string, unknown>) : {};
  } catch {
    stored = {};
  }
  const threshold = stored.smallNumberThreshold;
  const casePatterns = strings(stored.casePatterns);
  return {
    smallNumberThreshold:
      typeof threshold === 'number' && Number.isInteger(threshold) && threshold >= 1 && threshold <= 100
        ? threshold
        : DEFAULT_SMALL_NUMBER_THRESHOLD,
    caseReferenceExamples: strings(stored.caseReferenceExamples).filter((e) => exampleProblem(e) === null),
    casePatterns: casePatterns.filter((p) => unsafePatternProblem(p) === null),
    publicContacts: strings(stored.publicContacts),
    namedStaff: strings(stored.namedStaff),
    unusablePatterns: casePatterns.flatMap((pattern) => {
      const problem = unsafePatternProblem(pattern);
      return problem ? [{ pattern, problem }] : [];
    }),
  };
}

/** The case-reference formats compiled, each checked against the safe language first: never throws, never hangs. */
export function casePatterns(settings: Pick<PrivacySettings, 'caseReferenceExamples' | 'casePatterns'>): RegExp[] {
  return [...settings.caseReferenceExamples.map(patternFromExample), ...settings.casePatterns]
    .map(compileSafePattern)
    .filter((r): r is RegExp => r !== null);
}

/** What the privacy check needs from the settings: formats to flag, contacts and names never to flag. */
export function privacyScanOptions(db: Database): {
  casePatterns: RegExp[];
  publicContacts: string[];
  namedStaff: string[];
} {
  const settings = privacySettings(db);
  return {
    casePatterns: casePatterns(settings),
    publicContacts: settings.publicContacts,
    namedStaff: settings.namedStaff,
  };
}

export type PrivacySettingsInput = Omit<
  PrivacySettings,
  'casePatterns' | 'caseReferenceExamples' | 'publicContacts' | 'namedStaff'
> &
  Partial<Pick<PrivacySettings, 'casePatterns' | 'caseReferenceExamples' | 'publicContacts' | 'namedStaff'>>;

export function savePrivacySettings(
  db: WritableDB,
  input: PrivacySettingsInput,
  who: string,
  at = new Date().toISOString(),
): PrivacySettingsView {
  const current = privacySettings(db);
  const next: PrivacySettings = {
    smallNumberThreshold: input.smallNumberThreshold,
    caseReferenceExamples: (input.caseReferenceExamples ?? current.caseReferenceExamples)
      .map((e) => e.trim())
      .filter(Boolean),
    casePatterns: input.casePatterns ?? current.casePatterns,
    publicContacts: (input.publicContacts ?? current.publicContacts).map((e) => e.trim()).filter(Boolean),
    namedStaff: (input.namedStaff ?? current.namedStaff).map((e) => e.trim()).filter(Boolean),
  };
  next.caseReferenceExamples.forEach((example, index) => {
    const problem = exampleProblem(example);
    if (problem)
      throw new WorkspaceError(
        'invalid-request',
        `Case-reference example ${index + 1} ("${example}") ${problem}.`,
        `caseReferenceExamples.${index}`,
      );
  });
  next.casePatterns.forEach((pattern, index) => {
    const problem = unsafePatternProblem(pattern);
    if (problem)
      throw new WorkspaceError(
        'invalid-request',
        `Case-reference pattern ${index + 1} ${problem}.`,
        `casePatterns.${index}`,
      );
    if (compileSafePattern(pattern) === null)
      throw new WorkspaceError(
        'invalid-request',
        `Case-reference pattern ${index + 1} is not a valid pattern.`,
        `casePatterns.${index}`,
      );
  });
  db.transaction(() => {
    const { unusablePatterns: _unused, ...before } = current;
    writeMeta(db, KEY, JSON.stringify(next));
    appendEvent(db, {
      at,
      who,
      itemId: null,
      action: 'privacy-settings',
      before: JSON.stringify(before),
      after: JSON.stringify(next),
    });
  })();
  return privacySettings(db);
}
