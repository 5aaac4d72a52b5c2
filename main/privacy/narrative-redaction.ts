import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import { maskIdentifier, type FindingKind } from '../../shared/domain/privacy/findings';
import { scanText } from './scan-text';
import { isNamedStaff } from './stored-text-scan';
import { privacyScanOptions } from './privacy-settings';
import { compactIndex, reindexItem } from '../search/search-index';
import { appendEvent, rewriteEvents } from '../audit/audit-events';
import type { ItemRow } from '../checklist/item-row';
import { readMeta, writeMeta } from '../store/meta';

/** One identifier to take out of every earlier copy of a text, and what stands in its place ("[NHS number ••19]"). */
export interface Redaction {
  match: string;
  mask: string;
  kind: FindingKind;
}

/**
 * The personal data the privacy check finds in a narrative's earlier text that its new text no longer holds: the
 * officer has fixed it, so every earlier copy (history, audit trail, backups, CSV) must lose it too.
 */
export function fixedFindings(db: Database, before: string, after: string): Redaction[] {
  // Called after the new text is saved, so a match still in any narrative (this one or another) is left alone.
  if (!before) return [];
  const options = privacyScanOptions(db);
  const seen = new Map<string, Redaction>();
  for (const f of scanText(before, options)) {
    if (f.kind === 'person-name' && isNamedStaff(f.match, options.namedStaff)) continue;
    if (f.match.length < 2 || after.includes(f.match) || seen.has(f.match)) continue;
    // Still in another narrative: not fixed yet, and the privacy check still shows it there.
    if (db.prepare('SELECT 1 FROM items WHERE instr(note, ?) > 0 LIMIT 1').get(f.match)) continue;
    seen.set(f.match, { match: f.match, mask: maskIdentifier(f.kind, f.match), kind: f.kind });
  }
  // Longest first, so "Jayden Smith" is masked whole before "Jayden" alone.
  return [...seen.values()].sort((a, b) => b.match.length - a.match.length);
}

const hasTable = (db: Database, name: string) =>
  !!db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").get(name);

/**
 * Replaces each identifier with its mask wherever earlier text is kept: audit entries (before, after, reason),
 * narratives, the search index and recorded pack inputs. Runs on the live database and on every backup (whose
 * narratives may still hold the old text). Answers how many audit entries changed.
 */
export function redactEverywhere(db: Database, redactions: readonly Redaction[]): number {
  if (redactions.length === 0) return 0;
  return db.transaction(() => {
    let entries = 0;
    rewriteEvents(db, () => {
      const update =
        db.prepare(`UPDATE events SET before = replace(before, @match, @mask), after = replace(after, @match, @mask),
          reason = replace(reason, @match, @mask) WHERE instr(before, @match) > 0 OR instr(after, @match) > 0 OR instr(reason, @match) > 0`);
      for (const r of redactions) entries += update.run({ match: r.match, mask: r.mask }).changes;
    });
    const touched = new Set<string>();
    for (const r of redactions) {
      for (const id of db
        .prepare<[string], ItemRow['id']>('SELECT id FROM items WHERE instr(note, ?) > 0')
        .pluck()
        .all(r.match))
        touched.add(id);
      db.prepare('UPDATE items SET note = replace(note, @match, @mask) WHERE instr(note, @match) > 0').run({
        match: r.match,
        mask: r.mask,
      });
      if (hasTable(db, 'pack_builds')) {
        db.prepare('UPDATE pack_builds SET input = replace(input, @match, @mask) WHERE instr(input, @match) > 0').run({
          match: r.match,
          mask: r.mask,
        });
      }
    }
    // A backup from before migration 0002 has no search index to rebuild.
    if (hasTable(db, 'search_index')) {
      for (const id of touched) reindexItem(db, id);
      compactIndex(db);
    }
    return entries;
  })();
}

/**
 * The items whose fixed narrative has been redacted in the live database but not yet in the backups, kept in the
 * meta table in the same transaction as the redaction. A crash between that commit and the backups' rewrite would
 * otherwise leave the old text in every backup until the next fix; the next open finishes the job
 * (main/api/redaction-finish.ts). Only item ids are kept, never the identifiers: the backups' own old text is
 * scanned again to find them (backupRedactions).
 */
const PENDING_KEY = 'redaction_backups_pending';

export function pendingRedactionItems(db: Database): string[] {
  const value = readMeta(db, PENDING_KEY);
  return value ? (JSON.parse(value) as string[]) : [];
}

export function clearPendingRedaction(db: WritableDB): void {
  db.prepare('DELETE FROM meta WHERE key = ?').run(PENDING_KEY);
}

/**
 * The personal data a backup's earlier text of these items holds that no narrative of the live workspace holds any
 * more: what fixedFindings found when each was fixed, found again from the backup's own copies (the item's narrative
 * and its narrative history) by the same rules, so nothing of it had to be kept meanwhile.
 */
export function backupRedactions(live: Database, backup: Database, itemIds: readonly string[]): Redaction[] {
  if (itemIds.length === 0) return [];
  const options = privacyScanOptions(live);
  const seen = new Map<string, Redaction>();
  const stillInLive = live.prepare('SELECT 1 FROM items WHERE instr(note, ?) > 0 LIMIT 1');
  const texts = backup.prepare<[{ id: string }], { text: string | null }>(
    `SELECT note AS text FROM items WHERE id = @id
     UNION ALL SELECT before FROM events WHERE item_id = @id AND action = 'note'
     UNION ALL SELECT after FROM events WHERE item_id = @id AND action = 'note'`,
  );
  for (const id of itemIds) {
    for (const { text } of texts.all({ id })) {
      if (!text) continue;
      for (const f of scanText(text, options)) {
        if (f.kind === 'person-name' && isNamedStaff(f.match, options.namedStaff)) continue;
        if (f.match.length < 2 || seen.has(f.match) || stillInLive.get(f.match)) continue;
        seen.set(f.match, { match: f.match, mask: maskIdentifier(f.kind, f.match), kind: f.kind });
      }
    }
  }
  return [...seen.values()].sort((a, b) => b.match.length - a.match.length);
}

/**
 * What one backup must lose: the redactions just made (when the caller has them) and those still pending from a fix
 * whose backups were never rewritten, longest first.
 */
export function redactionsForBackup(live: Database, backup: Database, made: readonly Redaction[] = []): Redaction[] {
  const all = new Map(made.map((r) => [r.match, r]));
  for (const r of backupRedactions(live, backup, pendingRedactionItems(live)))
    if (!all.has(r.match)) all.set(r.match, r);
  return [...all.values()].sort((a, b) => b.match.length - a.match.length);
}

/** Records that a redaction happened: which kinds and how many entries, never the data itself. */
export function recordRedaction(
  db: WritableDB,
  itemId: string,
  redactions: readonly Redaction[],
  entries: number,
  who: string,
  at: string,
): void {
  const kinds = [...new Set(redactions.map((r) => r.kind))];
  appendEvent(db, {
    at,
    who,
    itemId,
    action: 'redaction',
    before: null,
    after: JSON.stringify({ kinds, identifiers: redactions.length, entries }),
  });
  const pending = pendingRedactionItems(db);
  if (!pending.includes(itemId)) writeMeta(db, PENDING_KEY, JSON.stringify([...pending, itemId]));
}
