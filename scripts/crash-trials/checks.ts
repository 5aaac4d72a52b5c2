/**
 * What must hold after any kill, checked against what the worker reported committed (the model):
 *  - the database passes PRAGMA integrity_check and foreign_key_check;
 *  - every import the worker reported is there with all its rows (less only the periods a later import replaced),
 *    and an import it had begun is there whole or not at all, with its audit event;
 *  - every attach reported is there, an attach begun is there whole or not at all, and every attachment's stored
 *    file exists with its size and SHA-256;
 *  - every status reported committed, approvals above all, is still the item's status;
 *  - every pack build recorded has its document and bundle in packs/ as recorded, and no file at a pack's final
 *    name is half written;
 *  - the workspace opens through the app's own open path, which leaves files/ holding exactly the stored files the
 *    database and its backups refer to (no temporary file, no orphan);
 *  - a restore, open and undo keeps every evidence file (a kill between restore and undo: the checker undoes it).
 */
import { locateDirectory, parseDirectory, TAIL_BYTES } from '../../main/formats/zip-format';
import { createHash } from 'node:crypto';
import { closeSync, existsSync, fstatSync, openSync, readdirSync, readFileSync, readSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { SHIPPED_CATALOGUE } from '../../main/catalogue/shipped-catalogue';
import { blobPath } from '../../main/store/blob-store';
import { openWorkspace } from '../../main/workspace/open-workspace';
import { breakLock } from '../../main/workspace/workspace-lock';
import { filesReferencedByBackups, restoreBackup } from '../../main/workspace/backups';
import type { ItemStatus } from '../../shared/domain/item-status';
import type { Op } from './protocol';

export type FindingKind =
  | 'corrupt'
  | 'partial-import'
  | 'partial-attach'
  | 'lost-approval'
  | 'lost-commit'
  | 'orphan'
  | 'open-failed'
  | 'bad-pack-file'
  | 'worker-error';

export interface Finding {
  kind: FindingKind;
  message: string;
}

type ImportOp = Extract<Op, { op: 'import' }>;
type AttachOp = Extract<Op, { op: 'attach' }>;

/** What the worker has reported committed to one workspace, across all its trials. */
export class WorkspaceModel {
  readonly imports: ImportOp[] = [];
  /** Every import begun, committed or not, by source SHA-256: what a row in dataset_imports must hold. */
  readonly knownImports = new Map<string, ImportOp>();
  readonly attachments = new Map<string, { itemId: string; sha256: string; bytes: number }>();
  readonly statuses = new Map<string, ItemStatus>();
  builds = 0;
  /** Files already hashed and found right (path → size and mtime), so each check hashes only what is new. */
  readonly verified = new Map<string, string>();

  constructor(readonly folder: string) {
    const db = new BetterSqlite3(join(folder, 'workspace.db'), { readonly: true, fileMustExist: true });
    try {
      for (const row of db.prepare('SELECT id, status FROM items').all() as { id: string; status: ItemStatus }[]) {
        this.statuses.set(row.id, row.status);
      }
    } finally {
      db.close();
    }
  }

  begun(op: Op): void {
    if (op.op === 'import') this.knownImports.set(op.sha256, op);
  }

  apply(op: Op): void {
    this.begun(op);
    if (op.op === 'import') this.imports.push(op);
    else if (op.op === 'attach')
      for (const f of op.files) this.attachments.set(f.name, { itemId: op.itemId, sha256: f.sha256, bytes: f.bytes });
    else if (op.op === 'status') this.statuses.set(op.itemId, op.to);
    else if (op.op === 'build') this.builds++;
    // A restore undone leaves everything as it was: nothing to add.
  }

  approved(): number {
    return [...this.statuses.values()].filter((s) => s === 'approved').length;
  }
}

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Hashes a file unless it was found right before and has not changed since. */
function fileMatches(model: WorkspaceModel, path: string, sha256: string, bytes?: number): string | null {
  if (!existsSync(path)) return 'is missing';
  const stat = statSync(path);
  if (bytes !== undefined && stat.size !== bytes) return `has ${stat.size} bytes, not ${bytes}`;
  const stamp = `${stat.size}:${stat.mtimeMs}:${sha256}`;
  if (model.verified.get(path) === stamp) return null;
  if (sha256File(path) !== sha256) return 'does not match its SHA-256';
  model.verified.set(path, stamp);
  return null;
}

/** A whole zip file: its end records point at a central directory that is there, listing entries that are there. */
export function zipProblem(path: string): string | null {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const tail = Buffer.alloc(Math.min(size, TAIL_BYTES));
    readSync(fd, tail, 0, tail.length, size - tail.length);
    // The app's own directory parser (main/formats/zip-format.ts), so the trials judge a zip as the app reads it.
    let where;
    try {
      where = locateDirectory(tail, size - tail.length, size);
    } catch (error) {
      return `${(error as Error).message} (${size} bytes)`;
    }
    if (where.count === 0) return 'holds no entries';
    if (where.offset + where.size !== where.end)
      return `central directory at ${where.offset}+${where.size} does not end where its end record starts (${where.end})`;
    const cd = Buffer.alloc(where.size);
    readSync(fd, cd, 0, cd.length, where.offset);
    try {
      parseDirectory(cd, where.count, Number.MAX_SAFE_INTEGER);
    } catch (error) {
      return (error as Error).message;
    }
    const head = Buffer.alloc(4);
    readSync(fd, head, 0, 4, 0);
    if (head.readUInt32LE(0) !== 0x04034b50) return 'does not start with a zip entry';
    return null;
  } finally {
    closeSync(fd);
  }
}

export interface CheckResult {
  findings: Finding[];
  /** Whether the operation in flight at the kill turned out committed (null: there was none). */
  inFlightCommitted: boolean | null;
  /** Approved items whose approval was checked. */
  approvalsChecked: number;
  /** Temporary `.partial` files a killed build left in packs/ (never at a pack's own name). */
  leftoverPartials: number;
}

/**
 * Checks the workspace a killed worker left, given what it reported committed (already applied to the model) and
 * the operation it had begun and not reported (inFlight). Applies inFlight to the model if it turned out committed.
 */
export async function checkAfterKill(model: WorkspaceModel, inFlight: Op | null): Promise<CheckResult> {
  const findings: Finding[] = [];
  const found = (kind: FindingKind, message: string) => {
    findings.push({ kind, message });
  };
  let committed: boolean | null = inFlight ? false : null;
  let approvalsChecked = 0;
  let leftoverPartials = 0;
  const result = (): CheckResult => ({ findings, inFlightCommitted: committed, approvalsChecked, leftoverPartials });
  if (inFlight?.op === 'restore') {
    try {
      await undoUnfinishedRestore(model.folder, inFlight.backup);
    } catch (error) {
      found('open-failed', `the restore the kill interrupted cannot be undone: ${(error as Error).message}`);
      return result();
    }
  }

  // The database as the killed process left it (a read-write connection, as any opener's, replays the WAL).
  const db = new BetterSqlite3(join(model.folder, 'workspace.db'), { fileMustExist: true });
  try {
    const integrity = (db.pragma('integrity_check') as { integrity_check: string }[]).map((r) => r.integrity_check);
    if (integrity.join() !== 'ok') {
      found('corrupt', `PRAGMA integrity_check: ${integrity.slice(0, 5).join('; ')}`);
      return result();
    }
    const foreign = db.pragma('foreign_key_check') as unknown[];
    if (foreign.length) found('corrupt', `PRAGMA foreign_key_check: ${JSON.stringify(foreign.slice(0, 3))}`);

    committed = checkImports(db, model, inFlight?.op === 'import' ? inFlight : null, found) ?? committed;
    committed = checkAttachments(db, model, inFlight?.op === 'attach' ? inFlight : null, found) ?? committed;
    const statuses = checkStatuses(db, model, inFlight?.op === 'status' ? inFlight : null, found);
    approvalsChecked = statuses.approvalsChecked;
    committed = statuses.committed ?? committed;
    const builds = checkBuilds(db, model, inFlight?.op === 'build' ? inFlight : null, found);
    leftoverPartials = builds.leftoverPartials;
    committed = builds.committed ?? committed;
  } finally {
    db.close();
  }
  if (inFlight && committed) model.apply(inFlight);

  // The app's own open path: takes over the dead process's lock, tidies what an interrupted attach left.
  try {
    const workspace = await openWorkspace(model.folder, {
      user: 'Crash Checker',
      breakLock: true,
      catalogue: SHIPPED_CATALOGUE,
    });
    try {
      if (workspace.readOnly) found('open-failed', 'the workspace opened read-only after taking over the lock');
      const recorded = workspace.db.prepare('SELECT sha256 FROM blobs').pluck().all() as string[];
      // Files a backup refers to are kept until that backup is pruned (restore, open, undo must find them).
      const referenced = new Set([...recorded, ...filesReferencedByBackups(model.folder)]);
      const onDisk = new Set<string>();
      const files = join(model.folder, 'files');
      for (const entry of readdirSync(files)) {
        if (!/^[0-9a-f]{2}$/.test(entry)) {
          found('orphan', `files/${entry} is left after opening (a temporary file the open path should remove)`);
          continue;
        }
        for (const name of readdirSync(join(files, entry))) {
          if (!referenced.has(name))
            found(
              'orphan',
              `files/${entry}/${name.slice(0, 16)}… is referred to by nothing and was left after opening`,
            );
          onDisk.add(name);
        }
      }
      for (const sha of recorded)
        if (!onDisk.has(sha)) found('orphan', `stored file ${sha.slice(0, 16)}… is recorded but missing after opening`);
    } finally {
      workspace.close();
    }
  } catch (error) {
    found('open-failed', `the workspace does not open: ${(error as Error).message}`);
  }
  return result();
}

type Found = (kind: FindingKind, message: string) => void;

/**
 * A kill between a restore and its undo leaves the workspace at the restored backup: undone here as an officer
 * would (take over the dead process's lock, restore the pre-restore copy the restore recorded it kept).
 */
async function undoUnfinishedRestore(folder: string, backup: string): Promise<void> {
  const db = new BetterSqlite3(join(folder, 'workspace.db'), { fileMustExist: true });
  let last: { before: string | null; after: string } | undefined;
  try {
    last = db
      .prepare("SELECT before, after FROM events WHERE action = 'restore-backup' ORDER BY seq DESC LIMIT 1")
      .get() as typeof last;
  } finally {
    db.close();
  }
  if (!last || (JSON.parse(last.after) as { restoredFrom: string }).restoredFrom !== backup || !last.before) return;
  const savedAs = (JSON.parse(last.before) as { savedAs: string }).savedAs;
  breakLock(folder);
  await restoreBackup(folder, join(folder, 'backups', savedAs), { user: 'Crash Checker' });
}

function checkImports(
  db: BetterSqlite3.Database,
  model: WorkspaceModel,
  inFlight: ImportOp | null,
  found: Found,
): boolean | null {
  const imports = db
    .prepare('SELECT id, dataset, source_sha256 AS sha256, rows_kept AS rowsKept FROM dataset_imports ORDER BY id')
    .all() as { id: number; dataset: string; sha256: string; rowsKept: number }[];
  const expected = model.imports;
  for (let i = 0; i < Math.min(expected.length, imports.length); i++) {
    if (imports[i]!.sha256 !== expected[i]!.sha256) {
      found(
        'lost-commit',
        `import ${i + 1} should be ${expected[i]!.fileName}; the database has ${imports[i]!.sha256.slice(0, 12)}`,
      );
      return null;
    }
  }
  let committed: boolean | null = null;
  if (imports.length < expected.length) {
    found(
      'lost-commit',
      `${expected.length - imports.length} committed import(s) are missing: ${expected
        .slice(imports.length)
        .map((e) => e.fileName)
        .join(', ')}`,
    );
  } else if (imports.length > expected.length) {
    const extra = imports.slice(expected.length);
    if (inFlight && extra.length === 1 && extra[0]!.sha256 === inFlight.sha256) committed = true;
    else
      found(
        'lost-commit',
        `${extra.length} import(s) the worker never began: ${extra.map((e) => e.sha256.slice(0, 12)).join(', ')}`,
      );
  } else if (inFlight) committed = false;

  // Every import holds all its rows, less exactly those a later import of the same dataset replaced (by period and
  // area, every breakdown).
  const rowsOf = db.prepare('SELECT period, geography, breakdown FROM dataset_rows WHERE import_id = ?');
  imports.forEach((row, index) => {
    const op = model.knownImports.get(row.sha256);
    if (!op) return;
    if (row.rowsKept !== op.keys.length)
      found('partial-import', `${op.fileName}: rows_kept ${row.rowsKept}, the file holds ${op.keys.length}`);
    const replaced = new Set(
      imports
        .slice(index + 1)
        .filter((later) => later.dataset === row.dataset)
        .flatMap(
          (later) => model.knownImports.get(later.sha256)?.keys.map((k) => k.split('|').slice(0, 2).join('|')) ?? [],
        ),
    );
    const want = op.keys.filter((k) => !replaced.has(k.split('|').slice(0, 2).join('|'))).sort();
    const have = (rowsOf.all(row.id) as { period: string; geography: string; breakdown: string }[])
      .map((r) => `${r.period}|${r.geography}|${r.breakdown}`)
      .sort();
    if (want.join() !== have.join()) {
      found(
        'partial-import',
        `${op.fileName} (import ${row.id}): ${have.length} rows in the database, ${want.length} expected`,
      );
    }
  });
  const stray = db
    .prepare('SELECT COUNT(*) FROM dataset_rows WHERE import_id NOT IN (SELECT id FROM dataset_imports)')
    .pluck()
    .get() as number;
  if (stray) found('partial-import', `${stray} dataset rows belong to no import`);
  const events = db
    .prepare("SELECT COUNT(*) FROM events WHERE action IN ('import', 'import-replaced')")
    .pluck()
    .get() as number;
  if (events !== imports.length)
    found('partial-import', `${imports.length} imports but ${events} import events in the audit trail`);
  return committed;
}

function checkAttachments(
  db: BetterSqlite3.Database,
  model: WorkspaceModel,
  inFlight: AttachOp | null,
  found: Found,
): boolean | null {
  const rows = db
    .prepare('SELECT id, item_id AS itemId, file_name AS fileName, sha256, bytes, state FROM attachments ORDER BY id')
    .all() as { id: number; itemId: string; fileName: string; sha256: string; bytes: number; state: string }[];
  const byName = new Map(rows.map((r) => [r.fileName, r]));
  for (const [name, want] of model.attachments) {
    const row = byName.get(name);
    if (!row) found('lost-commit', `the committed attachment ${name} is missing`);
    else if (row.itemId !== want.itemId || row.sha256 !== want.sha256)
      found('lost-commit', `attachment ${name} is not as committed`);
  }
  const inFlightNames = new Set(inFlight?.files.map((f) => f.name) ?? []);
  const extra = rows.filter((r) => !model.attachments.has(r.fileName));
  let committed: boolean | null = inFlight ? false : null;
  if (extra.some((r) => !inFlightNames.has(r.fileName))) {
    found(
      'lost-commit',
      `attachments the worker never began: ${extra
        .filter((r) => !inFlightNames.has(r.fileName))
        .map((r) => r.fileName)
        .join(', ')}`,
    );
  }
  if (inFlight) {
    const present = inFlight.files.filter((f) => byName.has(f.name)).length;
    if (present === inFlight.files.length) committed = true;
    else if (present > 0)
      found('partial-attach', `${present} of the ${inFlight.files.length} files of one attach were recorded`);
  }
  // Every attachment's stored file is there and whole; every stored-file row is used; the audit trail and the
  // search index were written with them.
  for (const row of rows) {
    const problem = fileMatches(model, blobPath(model.folder, row.sha256), row.sha256, row.bytes);
    if (problem) found('orphan', `attachment ${row.id} (${row.fileName}): its stored file ${problem}`);
  }
  const noBlobRow = db
    .prepare('SELECT COUNT(*) FROM attachments a WHERE NOT EXISTS (SELECT 1 FROM blobs b WHERE b.sha256 = a.sha256)')
    .pluck()
    .get() as number;
  if (noBlobRow) found('orphan', `${noBlobRow} attachment(s) have no stored-file row`);
  const unused = db
    .prepare('SELECT COUNT(*) FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)')
    .pluck()
    .get() as number;
  if (unused) found('orphan', `${unused} stored-file row(s) belong to no attachment`);
  const events = db.prepare("SELECT COUNT(*) FROM events WHERE action = 'attach'").pluck().get() as number;
  if (events !== rows.length)
    found('partial-attach', `${rows.length} attachments but ${events} attach events in the audit trail`);
  const indexed = db.prepare("SELECT COUNT(*) FROM search_docs WHERE kind = 'attachment'").pluck().get() as number;
  if (indexed !== rows.filter((r) => r.state === 'current').length)
    found('partial-attach', `${indexed} search rows for ${rows.length} attachments`);
  return committed;
}

function checkStatuses(
  db: BetterSqlite3.Database,
  model: WorkspaceModel,
  inFlight: Extract<Op, { op: 'status' }> | null,
  found: Found,
) {
  const rows = db
    .prepare(
      `SELECT i.id, i.status, i.approved_by AS approvedBy, i.approved_at AS approvedAt,
      (SELECT e.after FROM events e WHERE e.item_id = i.id AND e.action = 'status' ORDER BY e.seq DESC LIMIT 1) AS lastEvent
      FROM items i`,
    )
    .all() as {
    id: string;
    status: ItemStatus;
    approvedBy: string | null;
    approvedAt: string | null;
    lastEvent: string | null;
  }[];
  let committed: boolean | null = inFlight ? false : null;
  let approvalsChecked = 0;
  for (const row of rows) {
    const want = model.statuses.get(row.id);
    if (want === undefined) {
      found('lost-commit', `item ${row.id} was not in the workspace before`);
      continue;
    }
    if (want === 'approved') approvalsChecked++;
    if (row.status !== want) {
      if (inFlight?.itemId === row.id && row.status === inFlight.to) committed = true;
      else
        found(
          want === 'approved' ? 'lost-approval' : 'lost-commit',
          `item ${row.id} is ${row.status}; ${want} was committed`,
        );
    }
    if (row.status === 'approved' && (!row.approvedBy || !row.approvedAt))
      found('lost-approval', `item ${row.id} is approved with no approver or time`);
    if ((row.lastEvent ?? 'not-started') !== row.status)
      found('lost-commit', `item ${row.id} is ${row.status}; its audit trail says ${row.lastEvent}`);
  }
  return { committed, approvalsChecked };
}

const PACK_NAME = /^(.*) evidence (pack|bundle) v(\d+)\.(docx|zip)$/;

function checkBuilds(
  db: BetterSqlite3.Database,
  model: WorkspaceModel,
  inFlight: Extract<Op, { op: 'build' }> | null,
  found: Found,
) {
  const builds = db
    .prepare('SELECT version, document_sha256 AS docx, bundle_sha256 AS bundle FROM pack_builds ORDER BY version')
    .all() as { version: number; docx: string; bundle: string | null }[];
  let committed: boolean | null = inFlight ? false : null;
  if (builds.length < model.builds)
    found('lost-commit', `${model.builds - builds.length} recorded pack build(s) are missing`);
  else if (builds.length === model.builds + 1 && inFlight) committed = true;
  else if (builds.length > model.builds)
    found('lost-commit', `${builds.length - model.builds} pack build(s) the worker never began`);
  const events = db.prepare("SELECT COUNT(*) FROM events WHERE action = 'build-pack'").pluck().get() as number;
  if (events !== builds.length)
    found('lost-commit', `${builds.length} pack builds but ${events} build events in the audit trail`);

  const dir = join(model.folder, 'packs');
  const names = existsSync(dir) ? readdirSync(dir) : [];
  let leftoverPartials = 0;
  const recorded = new Map(builds.map((b) => [b.version, b]));
  for (const name of names) {
    if (name.endsWith('.partial')) {
      leftoverPartials++;
      continue;
    }
    const match = PACK_NAME.exec(name);
    if (!match) {
      found('bad-pack-file', `packs/${name} is not a pack, a bundle or a temporary file`);
      continue;
    }
    const path = join(dir, name);
    const build = recorded.get(Number(match[3]));
    const want = build ? (match[2] === 'pack' ? build.docx : build.bundle) : null;
    // A recorded build's files are exactly what it recorded; a file of a build the kill stopped is at least whole.
    const problem = want ? fileMatches(model, path, want) : zipProblem(path);
    if (problem) found('bad-pack-file', `packs/${name} ${problem}`);
  }
  for (const b of builds) {
    const has = (kind: string) =>
      names.some((n) => {
        const m = PACK_NAME.exec(n);
        return m && m[2] === kind && Number(m[3]) === b.version;
      });
    if (!has('pack')) found('bad-pack-file', `pack v${b.version} is recorded but its document is not in packs/`);
    if (b.bundle && !has('bundle'))
      found('bad-pack-file', `pack v${b.version} is recorded with a bundle that is not in packs/`);
  }
  return { committed, leftoverPartials };
}
