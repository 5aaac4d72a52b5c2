import type { Database } from 'better-sqlite3';
import { appendEvent } from '../checklist/audit-events';
import { DEFAULT_SMALL_NUMBER_THRESHOLD } from '../privacy/small-numbers';
import { WorkspaceError } from '../store/workspace-error';

/** A workspace's privacy settings: shared by everyone who opens it, changed only with an audit entry. */
export interface PrivacySettings {
  /** Counts below this print as "fewer than N" in the pack. */
  smallNumberThreshold: number;
  /** The council's own case-reference formats, as regular expressions, e.g. "\\bCR-\\d{6}\\b". */
  casePatterns: string[];
}

const KEY = 'privacy_settings';

export function privacySettings(db: Database): PrivacySettings {
  const raw = db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEY) as string | undefined;
  const stored = raw ? JSON.parse(raw) as Partial<PrivacySettings> : {};
  return { smallNumberThreshold: stored.smallNumberThreshold ?? DEFAULT_SMALL_NUMBER_THRESHOLD, casePatterns: stored.casePatterns ?? [] };
}

/** The case patterns compiled; a pattern that does not compile is refused when saved, so this never throws. */
export function casePatterns(settings: PrivacySettings): RegExp[] {
  return settings.casePatterns.map((p) => new RegExp(p, 'g'));
}

export function savePrivacySettings(db: Database, next: PrivacySettings, who: string, at = new Date().toISOString()): PrivacySettings {
  next.casePatterns.forEach((pattern, index) => {
    try { new RegExp(pattern, 'g'); } catch (error) {
      throw new WorkspaceError('invalid-request', `Case-reference pattern ${index + 1} is not a valid pattern: ${(error as Error).message}.`, `casePatterns.${index}`);
    }
    if (new RegExp(pattern, 'g').test('')) {
      throw new WorkspaceError('invalid-request', `Case-reference pattern ${index + 1} matches empty text, so it would flag everything.`, `casePatterns.${index}`);
    }
  });
  db.transaction(() => {
    const before = privacySettings(db);
    db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, JSON.stringify(next));
    appendEvent(db, { at, who, itemId: null, action: 'privacy-settings', before: JSON.stringify(before), after: JSON.stringify(next) });
  })();
  return privacySettings(db);
}
