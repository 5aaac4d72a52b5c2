import type { WritableDB } from '../store/database';
/**
 * What the app keeps of an Annex A list check (issue 19 item 2): the rule counts, the file's SHA-256, name and row
 * count, the reference date and when and by whom — and the audit event. Never a row number, never a value from the
 * list. The list's item then follows the check: a check with errors leaves it in progress (reopening an approved
 * one, with the check as the reason), a clean check makes it ready for review for an officer to approve.
 */
import type { Database } from 'better-sqlite3';
import { appendEvent } from '../audit/audit-events';
import { getItem } from '../checklist/checklist-repository';
import { updateItem } from '../review/update-item';
import { ANNEX_A_ITEM, type AnnexAList, type AnnexAProfile, type AnnexARuleResult } from '../../shared/domain/annex-a';
import { hasErrors } from './check-list';

export interface RuleCount {
  id: string;
  count: number;
  column?: string;
}

export interface ListCheckRecord {
  id: number;
  list: AnnexAList;
  fileName: string;
  sha256: string;
  rows: number;
  asOf: string;
  ruleCounts: RuleCount[];
  checkedAt: string;
  checkedBy: string;
}

export interface ListCheckInput {
  list: AnnexAList;
  fileName: string;
  sha256: string;
  rows: number;
  asOf: string;
  rules: readonly AnnexARuleResult[];
}

/** A row of the list_checks table: one check of a list file, counts only (rule counts as JSON text). */
interface ListCheckRow {
  id: number;
  list: AnnexAList;
  file_name: string;
  sha256: string;
  row_count: number;
  as_of: string;
  rule_counts: string;
  checked_at: string;
  checked_by: string;
}

/** A row of the list_profiles table: a list's aggregate profile as JSON text. */
interface ListProfileRow {
  list: AnnexAList;
  profile: string;
  saved_at: string;
  saved_by: string;
}

const toRecord = (row: ListCheckRow): ListCheckRecord => ({
  id: row.id,
  list: row.list,
  fileName: row.file_name,
  sha256: row.sha256,
  rows: row.row_count,
  asOf: row.as_of,
  ruleCounts: JSON.parse(row.rule_counts) as RuleCount[],
  checkedAt: row.checked_at,
  checkedBy: row.checked_by,
});

/** Records a check (counts only) and moves the list's item to follow it, in one transaction. */
export function recordListCheck(
  db: WritableDB,
  input: ListCheckInput,
  who: string,
  at = new Date().toISOString(),
): ListCheckRecord {
  const ruleCounts: RuleCount[] = input.rules.map((r) => ({
    id: r.id,
    count: r.count,
    ...(r.column !== undefined ? { column: r.column } : {}),
  }));
  const problems = input.rules.reduce((n, r) => n + r.count, 0);
  return db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare(
        `INSERT INTO list_checks (list, file_name, sha256, row_count, as_of, rule_counts, checked_at, checked_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(input.list, input.fileName, input.sha256, input.rows, input.asOf, JSON.stringify(ruleCounts), at, who);
    const itemId = ANNEX_A_ITEM[input.list];
    appendEvent(db, {
      at,
      who,
      itemId,
      action: 'list-check',
      before: null,
      after: JSON.stringify({
        list: input.list,
        fileName: input.fileName,
        sha256: input.sha256,
        rows: input.rows,
        asOf: input.asOf,
        problems,
        rules: ruleCounts.filter((r) => r.count > 0),
      }),
    });
    followCheck(db, itemId, input.rules, input.fileName, who, at);
    // The row was inserted just above, in this transaction.
    return toRecord(
      db.prepare<[number | bigint], ListCheckRow>('SELECT * FROM list_checks WHERE id = ?').get(lastInsertRowid)!,
    );
  })();
}

function followCheck(
  db: WritableDB,
  itemId: string,
  rules: readonly AnnexARuleResult[],
  fileName: string,
  who: string,
  at: string,
): void {
  const exists = db.prepare('SELECT 1 FROM items WHERE id = ? AND retired = 0').get(itemId);
  if (!exists) return;
  const item = getItem(db, itemId);
  if (item.status === 'not-applicable') return;
  if (hasErrors(rules)) {
    if (item.status === 'in-progress') return;
    const problems = rules.filter((r) => r.count > 0 && r.id !== '102a').reduce((n, r) => n + r.count, 0);
    updateItem(
      db,
      {
        itemId,
        status: 'in-progress',
        ...(item.status === 'approved'
          ? { reason: `The list check of ${fileName} found ${problems} problem${problems === 1 ? '' : 's'} to fix.` }
          : {}),
      },
      who,
      at,
    );
  } else if (item.status !== 'approved' && item.status !== 'ready-for-review') {
    updateItem(db, { itemId, status: 'ready-for-review' }, who, at);
  }
}

/** Checks recorded, newest first (for one list, or both). */
export function listChecks(db: Database, list?: AnnexAList): ListCheckRecord[] {
  const rows = list
    ? db.prepare<[AnnexAList], ListCheckRow>('SELECT * FROM list_checks WHERE list = ? ORDER BY id DESC').all(list)
    : db.prepare<[], ListCheckRow>('SELECT * FROM list_checks ORDER BY id DESC').all();
  return rows.map(toRecord);
}

/** Saves a list's aggregate profile (already suppressed) for the pack's context section, replacing an earlier one. */
export function saveListProfile(
  db: WritableDB,
  profile: AnnexAProfile,
  who: string,
  at = new Date().toISOString(),
): void {
  db.transaction(() => {
    db.prepare(
      `INSERT INTO list_profiles (list, profile, saved_at, saved_by) VALUES (?, ?, ?, ?)
        ON CONFLICT (list) DO UPDATE SET profile = excluded.profile, saved_at = excluded.saved_at, saved_by = excluded.saved_by`,
    ).run(profile.list, JSON.stringify(profile), at, who);
    appendEvent(db, {
      at,
      who,
      itemId: ANNEX_A_ITEM[profile.list],
      action: 'list-profile-saved',
      before: null,
      after: JSON.stringify({
        list: profile.list,
        rows: profile.rows,
        asOf: profile.asOf,
        threshold: profile.threshold,
      }),
    });
  })();
}

/** The saved profile of a list, if any (issue 18's pack context section reads it). */
export function listProfileOf(
  db: Database,
  list: AnnexAList,
): (AnnexAProfile & { savedAt: string; savedBy: string }) | null {
  const row = db.prepare<[AnnexAList], ListProfileRow>('SELECT * FROM list_profiles WHERE list = ?').get(list);
  return row ? { ...(JSON.parse(row.profile) as AnnexAProfile), savedAt: row.saved_at, savedBy: row.saved_by } : null;
}
