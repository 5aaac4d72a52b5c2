import type { WritableDB } from '../store/database';
import type { Database } from 'better-sqlite3';
import { appendEvent } from '../audit/audit-events';
import { WorkspaceError } from '../refusal/refusal';
import type { AttachmentRow } from '../evidence/attachment-row';
import type { FileDecisionRow } from './decision-rows';
import { locationLabel, scanWorkspace } from './scan-workspace';
import { privacyScanOptions } from './privacy-settings';

/**
 * Marks a finding as not personal data, with the reason, in the audit trail. The finding is named by its key from
 * the latest scan; its masked snippet, never the identifier, goes into the audit trail.
 */
export function markFalsePositive(
  db: WritableDB,
  key: string,
  reason: string,
  who: string,
  at = new Date().toISOString(),
): void {
  const finding = scanWorkspace(db, privacyScanOptions(db)).findings.find((f) => f.key === key);
  if (!finding)
    throw new WorkspaceError(
      'not-found',
      'That finding is no longer there (the text may have been fixed): run the check again.',
      'key',
    );
  db.transaction(() => {
    db.prepare(
      `INSERT INTO privacy_decisions (finding_key, kind, location, decision, reason, decided_at, decided_by) VALUES (?, ?, ?, 'false-positive', ?, ?, ?)
        ON CONFLICT (finding_key) DO UPDATE SET reason = excluded.reason, decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
    ).run(key, finding.kind, locationLabel(finding.location), reason, at, who);
    appendEvent(db, {
      at,
      who,
      itemId: finding.location.itemId,
      action: 'privacy-false-positive',
      before: null,
      after: JSON.stringify({ kind: finding.kind, where: locationLabel(finding.location), snippet: finding.snippet }),
      reason,
    });
  })();
}

export type FileDecision = 'excluded' | 'confirmed-no-personal-data' | 'undecided';

/** Leaves a file out of the pack and bundle, confirms an unreadable file holds no personal data, or undoes either. */
export function decideFile(
  db: WritableDB,
  attachmentId: number,
  decision: FileDecision,
  reason: string,
  who: string,
  at = new Date().toISOString(),
): void {
  const file = db
    .prepare<[number], Pick<AttachmentRow, 'id' | 'item_id' | 'file_name'>>(
      "SELECT id, item_id, file_name FROM attachments WHERE id = ? AND state = 'current'",
    )
    .get(attachmentId);
  if (!file) throw new WorkspaceError('not-found', `There is no current attachment ${attachmentId}.`, 'attachmentId');
  db.transaction(() => {
    const before = db
      .prepare<[number], FileDecisionRow['decision']>(
        'SELECT decision FROM privacy_file_decisions WHERE attachment_id = ?',
      )
      .pluck()
      .get(attachmentId);
    if (decision === 'undecided')
      db.prepare('DELETE FROM privacy_file_decisions WHERE attachment_id = ?').run(attachmentId);
    else {
      db.prepare(
        `INSERT INTO privacy_file_decisions (attachment_id, decision, reason, decided_at, decided_by) VALUES (?, ?, ?, ?, ?)
          ON CONFLICT (attachment_id) DO UPDATE SET decision = excluded.decision, reason = excluded.reason, decided_at = excluded.decided_at, decided_by = excluded.decided_by`,
      ).run(attachmentId, decision, reason, at, who);
    }
    appendEvent(db, {
      at,
      who,
      itemId: file.item_id,
      action: 'privacy-file-decision',
      before: before ?? null,
      after: JSON.stringify({ attachmentId, decision }),
      reason,
    });
  })();
}

export function excludedAttachmentIds(db: Database): Set<number> {
  return new Set(
    db
      .prepare<[], FileDecisionRow['attachment_id']>(
        "SELECT attachment_id FROM privacy_file_decisions WHERE decision = 'excluded'",
      )
      .pluck()
      .all(),
  );
}
