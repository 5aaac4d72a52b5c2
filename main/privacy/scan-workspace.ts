import { createHash } from 'node:crypto';
import type { Database } from 'better-sqlite3';
import type { FindingKind, FindingSeverity } from '../../shared/domain/privacy/findings';
import { SCANNER_VERSION, scanText } from '../privacy/scan-text';
import { listItems } from '../checklist/checklist-repository';
import { listAttachments } from '../evidence/attachments-repository';
import { selfEvaluationTexts } from '../self-evaluation/self-evaluation-store';
import { planTexts } from './plan-privacy';
import { EXTRACTOR_VERSION } from '../formats/types';
import type { BlobRow } from '../evidence/attachment-row';
import type { FileDecisionRow, FindingDecisionRow, TextScanRow } from './decision-rows';
import { isNamedStaff, scanStoredBlob, type StoredFinding, type TextRules } from './stored-text-scan';
import { releaseTextScanWorkers, textScanWorkers, type ScanWorker } from './text-scan-pool';
import type { ScanReply } from './scan-worker';

export interface FindingLocation {
  itemId: string | null;
  itemTitle: string | null;
  attachmentId: number | null;
  fileName: string | null;
  /** What was scanned: "narrative", "file name", "attachment details", "file text", "dataset". */
  field: string;
  /** Where inside it: "page 3", "sheet Budget, row 14", "paragraph 12", or "". */
  detail: string;
}

export interface WorkspaceFinding {
  /**
   * Stable across scans of the same text: decisions are recorded against it. Made from the location, the kind and the
   * masked snippet, never the identifier itself: a hash of an NHS number could be reversed by trying them all.
   */
  key: string;
  kind: FindingKind;
  severity: FindingSeverity;
  location: FindingLocation;
  /** Context with every identifier in it masked: safe to show and to log. */
  snippet: string;
  resolution:
    null | { decision: 'false-positive'; reason: string; by: string; at: string } | { decision: 'file-excluded' };
}

export interface UnscannedFile {
  attachmentId: number;
  itemId: string;
  itemTitle: string;
  fileName: string;
  reason: string;
  decision: null | { decision: 'excluded' | 'confirmed-no-personal-data'; reason: string; by: string; at: string };
}

export interface WorkspaceScan {
  findings: WorkspaceFinding[];
  unscanned: UnscannedFile[];
  /** Findings and unread files that still stop a build. */
  blocking: number;
}

const keyOf = (location: FindingLocation, kind: string, snippet: string) =>
  createHash('sha256')
    .update(JSON.stringify([location.itemId, location.attachmentId, location.field, location.detail, kind, snippet]))
    .digest('hex')
    .slice(0, 32);

/**
 * Where a finding is, in words: the item, the file by its name, and the part ("item "SEND strategy", file
 * strategy.docx, tracked deletion, paragraph 3"); text inside a file is named by its part alone.
 */
export function locationLabel(l: FindingLocation): string {
  const field = l.field === 'file text' && l.detail ? null : l.field;
  return [
    l.itemTitle ? `item "${l.itemTitle}"` : null,
    l.fileName ? `file ${l.fileName}` : null,
    field,
    l.detail || null,
  ]
    .filter(Boolean)
    .join(', ');
}

/** A finding's id for people and scripts: "F" and the first 10 characters of its key (stable across scans). */
export const findingId = (key: string): string => `F${key.slice(0, 10).toUpperCase()}`;

/** A file's id for people and scripts: "A" and its attachment number. */
export const fileId = (attachmentId: number): string => `A${attachmentId}`;

/**
 * Everything that could leave in a pack or bundle, scanned for personal data: narratives, attachment names and
 * details, the text inside attached files (read once when they were attached), and dataset text. Person-level
 * items never reach a pack, so they are not scanned. A file whose text could not be read is listed to be confirmed
 * or left out.
 */
export interface WorkspaceScanOptions {
  casePatterns?: RegExp[];
  today?: string;
  /** The area's published contacts (Settings): never findings. */
  publicContacts?: readonly string[];
  /** Named staff (Settings): a name finding whose every word is in one of these is not a finding. */
  namedStaff?: readonly string[];
  /**
   * Keep what this scan finds in stored files for the next (privacy_text_scans). Only the privacy check does: a
   * build, an approval or a decision reads what the last check kept but writes nothing it was not asked to.
   */
  remember?: boolean;
  /** Told of each stored file whose text is scanned now (not taken from the last check): its SHA-256 and length. */
  onTextScanned?: (sha256: string, characters: number) => void;
}

/**
 * What decides the findings in a file's text besides the text itself: the scanner's rules and the workspace's
 * settings, and the day only for a text where a date of birth was weighed against it (the 26-year window moves each
 * day). Findings kept from an earlier check under other rules are found again; a text with no such date keeps its
 * findings from one day to the next, so a daily check scans only what changed.
 */
function rulesKey(options: WorkspaceScanOptions, day: string | null): string {
  return createHash('sha256')
    .update(
      JSON.stringify([
        SCANNER_VERSION,
        day,
        (options.casePatterns ?? []).map((p) => `${p.source}/${p.flags}`),
        options.publicContacts ?? [],
        options.namedStaff ?? [],
      ]),
    )
    .digest('hex');
}

/**
 * Below this much stored text to scan (bytes as stored, most of it deflated: 1 MB is 2.5 MB of council prose, about
 * 15 ms of scanning), a check scans on its own thread alone rather than wait for a worker to load.
 */
const WORKERS_FROM_BYTES = 1024 * 1024;

/** How a check shares its scanning out (the tests force the workers on small workspaces). */
export interface ScanSharing {
  /** Scan in the workers too from this much stored text to scan (bytes as stored). Default 1 MB. */
  workersFromBytes?: number;
  /** Scan on this thread as well as in the workers. Default true. */
  alsoHere?: boolean;
}

/**
 * The findings in each stored file's text (by SHA-256), scanned once per text and rules: a check rescans only the
 * files whose text or rules changed since the last one and keeps what it found for the next (privacy_text_scans;
 * the snippets are masked, as everywhere findings are kept). A database that cannot be written to (a read-only
 * copy, a full disk) is still checked in full, just not remembered.
 */
class TextFindings {
  /** The rules key of a text whose findings depend on today, and of one whose findings do not. */
  private readonly rules: string;
  private readonly rulesAnyDay: string;
  private readonly textRules: TextRules;
  private readonly found = new Map<string, StoredFinding[]>();
  private readonly fresh: [sha256: string, rules: string, findings: string][] = [];
  private readonly stored: ((sha: string) => Pick<TextScanRow, 'rules' | 'findings'> | undefined) | null;

  constructor(
    private readonly db: Database,
    private readonly options: WorkspaceScanOptions,
    today: string,
  ) {
    this.rules = rulesKey(options, today);
    this.rulesAnyDay = rulesKey(options, null);
    this.textRules = {
      casePatterns: options.casePatterns,
      today,
      publicContacts: options.publicContacts,
      namedStaff: options.namedStaff,
    };
    const hasTable = !!db
      .prepare("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'privacy_text_scans'")
      .get();
    const statement = hasTable
      ? db.prepare<[string], Pick<TextScanRow, 'rules' | 'findings'>>(
          'SELECT rules, findings FROM privacy_text_scans WHERE sha256 = ?',
        )
      : null;
    this.stored = statement ? (sha) => statement.get(sha) : null;
  }

  /** The findings already known for a text under these rules (found in this check or kept by the last), or null. */
  private known(sha256: string): StoredFinding[] | null {
    const known = this.found.get(sha256);
    if (known) return known;
    const kept = this.stored?.(sha256);
    if (!kept || (kept.rules !== this.rules && kept.rules !== this.rulesAnyDay)) return null;
    try {
      const findings = JSON.parse(kept.findings) as StoredFinding[];
      this.found.set(sha256, findings);
      return findings;
    } catch {
      return null;
    }
  }

  of(sha256: string, blob: { text: unknown; segments: string }): StoredFinding[] {
    return this.known(sha256) ?? this.scanHere(sha256, blob);
  }

  private scanHere(sha256: string, blob: { text: unknown; segments: string }): StoredFinding[] {
    const { findings, dependsOnDay, characters } = scanStoredBlob(blob.text, blob.segments, this.textRules);
    return this.record(sha256, findings, dependsOnDay, characters);
  }

  private record(
    sha256: string,
    findings: StoredFinding[],
    dependsOnDay: boolean,
    characters: number,
  ): StoredFinding[] {
    this.options.onTextScanned?.(sha256, characters);
    this.fresh.push([sha256, dependsOnDay ? this.rules : this.rulesAnyDay, JSON.stringify(findings)]);
    this.found.set(sha256, findings);
    return findings;
  }

  /**
   * Scans the texts not yet known before the check walks the files, on this thread and in the scan workers at once
   * (text-scan-pool.ts), each taking the next text as it finishes one; a small amount is scanned here alone. The
   * same findings as scanning each in turn: each text is scanned whole, by the same code, under the same rules.
   */
  async prepare(
    shas: readonly string[],
    read: (sha256: string) => { text: unknown; segments: string } | undefined,
    sharing: ScanSharing = {},
  ): Promise<void> {
    const pending: { sha: string; bytes: number }[] = [];
    const sizeOf = this.db.prepare<[string], { bytes: number }>(
      'SELECT length(text) AS bytes FROM blobs WHERE sha256 = ?',
    );
    for (const sha of new Set(shas)) if (!this.known(sha)) pending.push({ sha, bytes: sizeOf.get(sha)?.bytes ?? 0 });
    const total = pending.reduce((sum, p) => sum + p.bytes, 0);
    const workers = total >= (sharing.workersFromBytes ?? WORKERS_FROM_BYTES) ? textScanWorkers() : [];
    let next = 0;
    let failed = false;
    const take = () => (failed || next >= pending.length ? undefined : pending[next++]!.sha);
    const rules = {
      casePatterns: (this.options.casePatterns ?? []).map((p): [string, string] => [p.source, p.flags]),
      today: this.textRules.today,
      publicContacts: this.options.publicContacts ?? [],
      namedStaff: this.options.namedStaff ?? [],
    };
    const inWorker = async (worker: ScanWorker) => {
      if (!(await worker.ready)) return;
      for (let sha = take(); sha; sha = take()) {
        const blob = read(sha);
        if (!blob) continue;
        let reply: ScanReply;
        try {
          reply = await worker.scan({ text: blob.text, segments: blob.segments, rules });
        } catch {
          // The worker ended (out of memory, stopped): this text is scanned here, and the worker takes no more.
          this.scanHere(sha, blob);
          return;
        }
        if ('error' in reply) throw new Error(reply.error);
        this.record(sha, reply.findings, reply.dependsOnDay, reply.characters);
      }
    };
    const here = async () => {
      if (sharing.alsoHere === false && workers.length > 0) return;
      for (let sha = take(); sha; sha = take()) {
        const blob = read(sha);
        if (blob) this.scanHere(sha, blob);
        // Between texts, the workers' answers are taken in and each is handed its next text.
        if (workers.length > 0) await new Promise<void>((resolve) => setImmediate(resolve));
      }
    };
    const fail = (error: unknown) => {
      failed = true;
      throw error;
    };
    // Two texts in hand per worker: it starts the next as soon as it answers, not when this thread next looks.
    try {
      await Promise.all([here(), ...workers.flatMap((w) => [inWorker(w), inWorker(w)])].map((p) => p.catch(fail)));
    } finally {
      if (workers.length > 0) releaseTextScanWorkers();
    }
  }

  /** Keeps what this check found for the next one. */
  remember(): void {
    if (!this.options.remember || this.fresh.length === 0 || !this.stored || this.db.readonly) return;
    try {
      const upsert = this.db.prepare(`INSERT INTO privacy_text_scans (sha256, rules, findings) VALUES (?, ?, ?)
        ON CONFLICT (sha256) DO UPDATE SET rules = excluded.rules, findings = excluded.findings`);
      this.db.transaction(() => {
        for (const [sha, rules, findings] of this.fresh) upsert.run(sha, rules, findings);
      })();
    } catch {
      /* a check still answers when it cannot be remembered (a locked or full disk): the next one scans again */
    }
  }
}

export function scanWorkspace(db: Database, options: WorkspaceScanOptions = {}): WorkspaceScan {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  return scanWith(db, options, today, new TextFindings(db, options, today));
}

/**
 * scanWorkspace with the stored files' text scanned on this thread and in the scan workers at once
 * (TextFindings.prepare): the privacy check's way, where most files may need scanning; the same answer as scanWorkspace.
 */
export async function scanWorkspaceAsync(
  db: Database,
  options: WorkspaceScanOptions = {},
  sharing: ScanSharing = {},
): Promise<WorkspaceScan> {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  const textFindings = new TextFindings(db, options, today);
  const scanned = new Set(
    listItems(db)
      .filter((i) => !i.personLevel)
      .map((i) => i.id),
  );
  const read = db.prepare<[string], Pick<BlobRow, 'text' | 'segments'>>(
    "SELECT text, segments FROM blobs WHERE sha256 = ? AND text_status = 'ok'",
  );
  await textFindings.prepare(
    listAttachments(db).flatMap((a) => (a.state === 'current' && scanned.has(a.itemId) && a.sha256 ? [a.sha256] : [])),
    (sha) => read.get(sha),
    sharing,
  );
  return scanWith(db, options, today, textFindings);
}

function scanWith(
  db: Database,
  options: WorkspaceScanOptions,
  today: string,
  textFindings: TextFindings,
): WorkspaceScan {
  const decisions = new Map(
    db
      .prepare<[], FindingDecisionRow>('SELECT * FROM privacy_decisions')
      .all()
      .map((d) => [d.finding_key, d]),
  );
  const fileDecisions = new Map(
    db
      .prepare<[], FileDecisionRow>('SELECT * FROM privacy_file_decisions')
      .all()
      .map((d) => [d.attachment_id, d]),
  );
  const findings: WorkspaceFinding[] = [];
  const push = (location: FindingLocation, kind: FindingKind, severity: FindingSeverity, snippet: string) => {
    const key = keyOf(location, kind, snippet);
    const decided = decisions.get(key);
    const excluded =
      location.attachmentId !== null && fileDecisions.get(location.attachmentId)?.decision === 'excluded';
    findings.push({
      key,
      kind,
      severity,
      location,
      snippet,
      resolution: excluded
        ? { decision: 'file-excluded' }
        : decided
          ? { decision: 'false-positive', reason: decided.reason, by: decided.decided_by, at: decided.decided_at }
          : null,
    });
  };
  const scan = (text: string, location: FindingLocation) => {
    if (!text) return;
    for (const f of scanText(text, { ...options, today })) {
      if (f.kind === 'person-name' && options.namedStaff?.length && isNamedStaff(f.match, options.namedStaff)) continue;
      push(location, f.kind, f.severity, f.snippet);
    }
  };
  const items = listItems(db).filter((i) => !i.personLevel);
  const titles = new Map(items.map((i) => [i.id, i.title]));
  for (const item of items) {
    scan(item.note, {
      itemId: item.id,
      itemTitle: item.title,
      attachmentId: null,
      fileName: null,
      field: 'narrative',
      detail: '',
    });
    if (item.origin === 'custom')
      scan(`${item.title}\n${item.description}`, {
        itemId: item.id,
        itemTitle: item.title,
        attachmentId: null,
        fileName: null,
        field: 'item title',
        detail: '',
      });
  }
  const unscanned: UnscannedFile[] = [];
  const segmentsOf = db.prepare<
    [string | null],
    Pick<BlobRow, 'text_status' | 'text_kind' | 'not_scanned_reason' | 'segments' | 'text' | 'extractor_version'>
  >('SELECT text_status, text_kind, not_scanned_reason, segments, text, extractor_version FROM blobs WHERE sha256 = ?');
  for (const a of listAttachments(db).filter((x) => x.state === 'current' && titles.has(x.itemId))) {
    const base = { itemId: a.itemId, itemTitle: titles.get(a.itemId)!, attachmentId: a.id, fileName: a.fileName };
    scan(a.fileName, { ...base, field: 'file name', detail: '' });
    scan([a.title, a.author, a.source, a.note].join('\n'), { ...base, field: 'attachment details', detail: '' });
    const blob = segmentsOf.get(a.sha256);
    if (
      blob &&
      blob.text_status === 'ok' &&
      !blob.not_scanned_reason &&
      blob.extractor_version < EXTRACTOR_VERSION &&
      ['docx', 'xlsx', 'pdf'].includes(blob.text_kind)
    ) {
      blob.not_scanned_reason =
        'Not fully scanned: it was read by an earlier version of the app, which did not read tracked changes, ' +
        'comments, notes, headers, footers, document properties or PDF annotations. Attach it again to read it fully, or decide.';
    }
    // Not read at all, or read only in part (a reason with status ok): either needs a decision before it leaves.
    if (!blob || blob.text_status !== 'ok' || blob.not_scanned_reason) {
      const d = fileDecisions.get(a.id);
      unscanned.push({
        attachmentId: a.id,
        itemId: a.itemId,
        itemTitle: titles.get(a.itemId)!,
        fileName: a.fileName,
        reason: blob?.not_scanned_reason ?? 'Its text could not be read.',
        decision: d ? { decision: d.decision, reason: d.reason, by: d.decided_by, at: d.decided_at } : null,
      });
      if (!blob || blob.text_status !== 'ok') continue;
    }
    for (const [detail, kind, severity, snippet] of textFindings.of(a.sha256!, blob)) {
      push({ ...base, field: 'file text', detail }, kind, severity, snippet);
    }
  }
  textFindings.remember();
  // The self-evaluation's grid, the local context and the case studies print in the pack as they are written.
  for (const t of selfEvaluationTexts(db))
    scan(t.text, {
      itemId: null,
      itemTitle: null,
      attachmentId: null,
      fileName: null,
      field: t.field,
      detail: t.detail,
    });
  for (const row of db
    .prepare<[], { dataset: string; area_name: string; breakdown: string }>(
      "SELECT DISTINCT dataset, area_name, breakdown FROM dataset_rows WHERE geography = 'local'",
    )
    .all()) {
    scan(`${row.area_name} ${row.breakdown}`, {
      itemId: null,
      itemTitle: null,
      attachmentId: null,
      fileName: null,
      field: 'dataset',
      detail: row.dataset,
    });
  }
  // The outcome and the plan: printed in the action plan document and the pack's progress section.
  for (const { text, location } of planTexts(db)) scan(text, location);
  const blocking =
    findings.filter((f) => f.severity === 'block' && !f.resolution).length +
    unscanned.filter((u) => !u.decision).length;
  return { findings, unscanned, blocking };
}
