import type { ReadableDB, WritableDB } from '../store/database';
import { chmodSync, copyFileSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, rmSync, type Stats } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, extname, join } from 'node:path';
import type { Database } from 'better-sqlite3';
import type { z } from 'zod';
import type { AttachmentMetadataSchema } from '../../shared/api/schemas';
import { appendEvent } from '../audit/audit-events';
import { getItem } from '../checklist/checklist-repository';
import {
  changeStoredText,
  indexAttachment,
  indexedAttachmentText,
  removeAttachmentFromIndex,
} from '../search/search-index';
import { compactSegments, decodeStoredText, encodeStoredText } from '../store/stored-text';
import { WorkspaceError } from '../refusal/refusal';
import type { Workspace } from '../workspace/workspace';
import {
  ATTACHMENT_SELECT,
  toAttachment,
  type Attachment,
  type AttachmentSelectRow,
  type BlobRow,
} from './attachment-row';
import { blobPath, sha256OfFile, writeBlob, writeBlobFromFile } from '../store/blob-store';
import type { Extractor } from './extractor';
import { EXTRACTOR_VERSION } from '../formats/types';

export type AttachmentMetadata = z.output<typeof AttachmentMetadataSchema>;
/** A file to attach: its bytes (small files, tests), or a file on disk, which is streamed and never read whole. */
export type IncomingFile = { name: string; bytes: Uint8Array } | { name: string; path: string };

/** Files up to this size are read into memory for their text; larger ones are stored but not read (and say so). */
export const MAX_EXTRACT_BYTES = 256 * 1024 * 1024;

export function getAttachment(db: Database, id: number): Attachment {
  const row = db.prepare<[number], AttachmentSelectRow>(`${ATTACHMENT_SELECT} WHERE a.id = ?`).get(id);
  if (!row || row.state === 'purged')
    throw new WorkspaceError('not-found', `There is no attachment ${id}.`, 'attachmentId');
  return toAttachment(row);
}

/** Current and binned attachments of an item with their earlier versions, newest first within each chain. */
export function listAttachments(db: Database, itemId?: string): Attachment[] {
  const rows = itemId
    ? db
        .prepare<[string], AttachmentSelectRow>(
          `${ATTACHMENT_SELECT} WHERE a.item_id = ? AND a.state != 'purged' ORDER BY a.chain_id, a.version_no DESC`,
        )
        .all(itemId)
    : db
        .prepare<[], AttachmentSelectRow>(
          `${ATTACHMENT_SELECT} WHERE a.state != 'purged' ORDER BY a.item_id, a.chain_id, a.version_no DESC`,
        )
        .all();
  return rows.map(toAttachment);
}

/** The text extracted when the file was first stored (kept with the file, so a restore needs no re-reading). */
export function storedText(db: Database, sha256: string | null): string {
  return sha256
    ? decodeStoredText(
        db.prepare<[string], BlobRow['text']>('SELECT text FROM blobs WHERE sha256 = ?').pluck().get(sha256) ?? '',
      )
    : '';
}

/** Evidence can be added only to an item that takes files and is not locked by approval. */
function assertItemTakesEvidence(db: ReadableDB, itemId: string): void {
  const item = getItem(db, itemId);
  if (item.personLevel) {
    throw new WorkspaceError(
      'refused',
      `"${item.title}" is a person-level item: it carries a status only, never files. Send these documents to inspectors by secure transfer.`,
      'itemId',
    );
  }
  if (item.status === 'approved') {
    throw new WorkspaceError(
      'refused',
      `"${item.title}" is approved and locked. Reopen it (with a reason) before changing its evidence.`,
      'itemId',
    );
  }
}

const defaultTitle = (fileName: string) =>
  basename(fileName, extname(fileName)).replace(/[_]+/g, ' ').trim() || fileName;

export interface StoredFile {
  file: IncomingFile;
  sha256: string;
  size: number;
  text: string;
  extraction: Awaited<ReturnType<Extractor>> | null;
}

/**
 * Stores each file (content-addressed, synced) and extracts its text before the database is touched; then one
 * transaction records blobs, attachments, search text and audit events. A crash before the commit leaves only
 * unreferenced files, which the next open removes; nothing half-attached is ever counted.
 */
export async function storeFiles(
  workspace: Workspace,
  files: IncomingFile[],
  extract: Extractor,
): Promise<StoredFile[]> {
  // A failed read is kept as a value until its turn (a promise rejected while the next file is being copied would
  // otherwise be an unhandled rejection), then thrown as before.
  type Read = { extraction: StoredFile['extraction']; text: string } | { error: unknown };
  const pending: { file: IncomingFile; sha256: string; size: number; read: Promise<Read> }[] = [];
  // Copying and hashing the next file overlaps reading the text of the ones before it in the extraction worker (with
  // the search index fix, county attach went from 9.0 s to 6.1 s for 300 files on two cores); files waiting to be
  // read are held in memory, so no more than READ_AHEAD_BYTES of them at once.
  const inFlight: { bytes: number; read: Promise<Read> }[] = [];
  let inFlightBytes = 0;
  for (const file of files) {
    const { sha256, size } =
      'bytes' in file
        ? { sha256: writeBlob(workspace.folder, file.bytes).sha256, size: file.bytes.length }
        : (({ sha256: hash, bytes }) => ({ sha256: hash, size: bytes }))(
            writeBlobFromFile(workspace.folder, file.path),
          );
    const known = workspace.db
      .prepare<[string], BlobRow['extractor_version']>('SELECT extractor_version FROM blobs WHERE sha256 = ?')
      .pluck()
      .get(sha256);
    // Stored and read by this reader: not read again. Read by an earlier one: read again now (see EXTRACTOR_VERSION).
    if (known !== undefined && known >= EXTRACTOR_VERSION) {
      pending.push({
        file,
        sha256,
        size,
        read: Promise.resolve({ extraction: null, text: storedText(workspace.db, sha256) }),
      });
      continue;
    }
    // The same file twice in one batch is read once.
    const twin = pending.find((s) => s.sha256 === sha256);
    if (twin) {
      pending.push({ file, sha256, size, read: twin.read });
      continue;
    }
    let read: Promise<Read>;
    if (size > MAX_EXTRACT_BYTES) {
      read = Promise.resolve({
        text: '',
        extraction: {
          status: 'not-scanned',
          kind: 'unknown',
          reason:
            `It is ${(size / 2 ** 30).toFixed(1)} GB, too large to read for search ` +
            'and scanning; confirm it holds no personal data, or leave it out of the bundle.',
        },
      });
    } else {
      while (inFlight.length > 0 && inFlightBytes + size > READ_AHEAD_BYTES) {
        const done = inFlight.shift()!;
        inFlightBytes -= done.bytes;
        await done.read;
      }
      read = extract('bytes' in file ? file.bytes : readFileSync(blobPath(workspace.folder, sha256)), file.name).then(
        (extraction) => ({ extraction, text: extraction.status === 'ok' ? extraction.text : '' }),
        (error: unknown) => ({ error }),
      );
      inFlight.push({ bytes: size, read });
      inFlightBytes += size;
    }
    pending.push({ file, sha256, size, read });
  }
  const stored: StoredFile[] = [];
  for (const p of pending) {
    const read = await p.read;
    if ('error' in read) throw read.error;
    stored.push({ file: p.file, sha256: p.sha256, size: p.size, ...read });
  }
  return stored;
}

/** Bytes of files read ahead of the extraction worker (held in memory until it has read them). */
const READ_AHEAD_BYTES = 64 * 1024 * 1024;

/**
 * A file read only in part keeps its text (status ok, scanned as far as it was read) and says what was left unread
 * in not_scanned_reason: the privacy check lists it for a decision like a file that could not be read at all.
 */
export function partialReason(x: { unread?: string[] }): string | null {
  return x.unread && x.unread.length > 0 ? `Not fully scanned: ${x.unread.join('; ')} could not be read.` : null;
}

export function recordBlob(db: WritableDB, stored: StoredFile, at: string): void {
  const x = stored.extraction;
  if (!x) return;
  // A file read again (stored by an earlier reader) replaces its old text; the attachments indexed with the old text
  // are indexed again, and its privacy findings are found again at the next check.
  const text = x.status === 'ok' ? x.text : '';
  const write = () =>
    db
      .prepare(
        `INSERT INTO blobs (sha256, bytes, text_status, text_kind, not_scanned_reason, segments, text, created_at, extractor_version)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
              ON CONFLICT (sha256) DO UPDATE SET text_status = excluded.text_status, text_kind = excluded.text_kind,
                not_scanned_reason = excluded.not_scanned_reason, segments = excluded.segments, text = excluded.text,
                extractor_version = excluded.extractor_version`,
      )
      .run(
        stored.sha256,
        stored.size,
        x.status,
        x.kind,
        x.status === 'not-scanned' ? x.reason : partialReason(x),
        x.status === 'ok' ? compactSegments(x.segments) : '[]',
        encodeStoredText(text),
        at,
        EXTRACTOR_VERSION,
      );
  const kept = db
    .prepare<[string], BlobRow['text']>('SELECT text FROM blobs WHERE sha256 = ?')
    .pluck()
    .get(stored.sha256);
  if (kept === undefined) {
    write();
    return;
  }
  const before = decodeStoredText(kept);
  if (before === text) {
    write();
    return;
  }
  db.prepare('DELETE FROM privacy_text_scans WHERE sha256 = ?').run(stored.sha256);
  changeStoredText(db, stored.sha256, text, write);
}

export async function attachFiles(
  workspace: Workspace,
  itemId: string,
  files: IncomingFile[],
  meta: AttachmentMetadata,
  who: string,
  extract: Extractor,
  at = new Date().toISOString(),
  stopIfCancelled: () => Promise<void> = async () => {},
): Promise<Attachment[]> {
  workspace.assertWritable();
  const db = workspace.db;
  assertItemTakesEvidence(db, itemId);
  if (files.length === 0) throw new WorkspaceError('invalid-request', 'Choose at least one file to attach.', 'files');
  const stored = await storeFiles(workspace, files, extract);
  // The last safe point: past it the files are recorded in one transaction. Stored files left unrecorded are
  // removed by the next open, as after a crash.
  await stopIfCancelled();
  return db.transaction(() => {
    assertItemTakesEvidence(db, itemId);
    return stored.map((s) => {
      recordBlob(db, s, at);
      const title = files.length === 1 && meta.title ? meta.title : defaultTitle(s.file.name);
      const info = db
        .prepare(
          `INSERT INTO attachments (item_id, chain_id, version_no, sha256, file_name, bytes, title, document_date,
          version_label, author, source, note, state, added_at, added_by)
          VALUES (?, 0, 1, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', ?, ?)`,
        )
        .run(
          itemId,
          s.sha256,
          basename(s.file.name),
          s.size,
          title,
          meta.documentDate ?? null,
          meta.versionLabel ?? '',
          meta.author ?? '',
          meta.source ?? '',
          meta.note ?? '',
          at,
          who,
        );
      const id = Number(info.lastInsertRowid);
      db.prepare('UPDATE attachments SET chain_id = id WHERE id = ?').run(id);
      indexAttachment(db, id, s.text);
      appendEvent(db, {
        at,
        who,
        itemId,
        action: 'attach',
        before: null,
        after: JSON.stringify({ attachmentId: id, title, fileName: basename(s.file.name), sha256: s.sha256 }),
      });
      return getAttachment(db, id);
    });
  })();
}

/** A new version of an attachment; the earlier versions are kept, superseded. */
export async function replaceAttachment(
  workspace: Workspace,
  attachmentId: number,
  file: IncomingFile,
  meta: AttachmentMetadata,
  who: string,
  extract: Extractor,
  at = new Date().toISOString(),
): Promise<Attachment> {
  workspace.assertWritable();
  const db = workspace.db;
  const previous = getAttachment(db, attachmentId);
  if (previous.state !== 'current')
    throw new WorkspaceError(
      'refused',
      `Only the current version of "${previous.title}" can be replaced.`,
      'attachmentId',
    );
  assertItemTakesEvidence(db, previous.itemId);
  const [stored] = await storeFiles(workspace, [file], extract);
  return db.transaction(() => {
    const now = getAttachment(db, attachmentId);
    if (now.state !== 'current')
      throw new WorkspaceError('refused', `"${now.title}" changed while the new version was being stored; try again.`);
    assertItemTakesEvidence(db, now.itemId); // it may have been approved while the file was being read
    recordBlob(db, stored!, at);
    db.prepare("UPDATE attachments SET state = 'superseded' WHERE id = ?").run(attachmentId);
    removeAttachmentFromIndex(db, attachmentId);
    const info = db
      .prepare(
        `INSERT INTO attachments (item_id, chain_id, version_no, sha256, file_name, bytes, title, document_date,
        version_label, author, source, note, state, added_at, added_by)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'current', ?, ?)`,
      )
      .run(
        previous.itemId,
        previous.chainId,
        previous.versionNo + 1,
        stored!.sha256,
        basename(file.name),
        stored!.size,
        meta.title ?? previous.title,
        meta.documentDate === undefined ? null : meta.documentDate,
        meta.versionLabel ?? '',
        meta.author ?? previous.author,
        meta.source ?? previous.source,
        meta.note ?? '',
        at,
        who,
      );
    const id = Number(info.lastInsertRowid);
    indexAttachment(db, id, stored!.text);
    appendEvent(db, {
      at,
      who,
      itemId: previous.itemId,
      action: 'attach-new-version',
      before: JSON.stringify({ attachmentId, versionNo: previous.versionNo }),
      after: JSON.stringify({
        attachmentId: id,
        versionNo: previous.versionNo + 1,
        fileName: basename(file.name),
        sha256: stored!.sha256,
      }),
    });
    return getAttachment(db, id);
  })();
}

const META_COLUMNS: Record<keyof AttachmentMetadata, string> = {
  title: 'title',
  documentDate: 'document_date',
  versionLabel: 'version_label',
  author: 'author',
  source: 'source',
  note: 'note',
};

export function updateAttachment(
  db: WritableDB,
  attachmentId: number,
  meta: AttachmentMetadata,
  who: string,
  at = new Date().toISOString(),
): Attachment {
  return db.transaction(() => {
    const before = getAttachment(db, attachmentId);
    assertItemTakesEvidence(db, before.itemId);
    const changed = (Object.keys(META_COLUMNS) as (keyof AttachmentMetadata)[]).filter(
      (key) => meta[key] !== undefined && meta[key] !== before[key],
    );
    if (changed.length === 0) return before;
    for (const key of changed)
      db.prepare(`UPDATE attachments SET ${META_COLUMNS[key]} = ? WHERE id = ?`).run(meta[key], attachmentId);
    if (changed.includes('title')) {
      const text = indexedAttachmentText(db, attachmentId);
      if (text !== undefined) indexAttachment(db, attachmentId, text);
    }
    appendEvent(db, {
      at,
      who,
      itemId: before.itemId,
      action: 'attachment-details',
      before: JSON.stringify(Object.fromEntries(changed.map((k) => [k, before[k]]))),
      after: JSON.stringify({ attachmentId, ...Object.fromEntries(changed.map((k) => [k, meta[k]])) }),
    });
    return getAttachment(db, attachmentId);
  })();
}

/** Moves an attachment (and its earlier versions) to the bin, from where it can be restored or purged. */
export function binAttachment(
  db: WritableDB,
  attachmentId: number,
  who: string,
  at = new Date().toISOString(),
): Attachment {
  return db.transaction(() => {
    const attachment = getAttachment(db, attachmentId);
    if (attachment.state !== 'current')
      throw new WorkspaceError('refused', `"${attachment.title}" is not a current attachment.`, 'attachmentId');
    assertItemTakesEvidence(db, attachment.itemId);
    db.prepare("UPDATE attachments SET state = 'binned', binned_at = ?, binned_by = ? WHERE id = ?").run(
      at,
      who,
      attachmentId,
    );
    removeAttachmentFromIndex(db, attachmentId);
    appendEvent(db, {
      at,
      who,
      itemId: attachment.itemId,
      action: 'remove-attachment',
      before: 'current',
      after: JSON.stringify({ attachmentId, state: 'binned' }),
    });
    return getAttachment(db, attachmentId);
  })();
}

export function restoreAttachment(
  db: WritableDB,
  attachmentId: number,
  who: string,
  at = new Date().toISOString(),
): Attachment {
  return db.transaction(() => {
    const attachment = getAttachment(db, attachmentId);
    if (attachment.state !== 'binned')
      throw new WorkspaceError('refused', `"${attachment.title}" is not in the bin.`, 'attachmentId');
    assertItemTakesEvidence(db, attachment.itemId);
    db.prepare("UPDATE attachments SET state = 'current', binned_at = NULL, binned_by = NULL WHERE id = ?").run(
      attachmentId,
    );
    indexAttachment(db, attachmentId, storedText(db, attachment.sha256));
    appendEvent(db, {
      at,
      who,
      itemId: attachment.itemId,
      action: 'restore-attachment',
      before: 'binned',
      after: JSON.stringify({ attachmentId, state: 'current' }),
    });
    return getAttachment(db, attachmentId);
  })();
}

function lstatOrNull(path: string): Stats | null {
  try {
    return lstatSync(path);
  } catch {
    return null;
  }
}

/** Where this process puts copies opened for viewing; removed when the backend closes and after a purge. */
const OPENED_COPIES = join(tmpdir(), `sendpack-open-${process.pid}`);

export function removeOpenedCopies(): void {
  try {
    rmSync(OPENED_COPIES, { recursive: true, force: true });
  } catch {
    /* a viewer may still hold one open */
  }
}

/** A read-only copy in a fresh temporary folder, for the system's viewer: the stored file can never be edited. */
export function readOnlyCopy(workspace: Workspace, attachmentId: number): { path: string; fileName: string } {
  const attachment = getAttachment(workspace.db, attachmentId);
  if (!attachment.sha256) throw new WorkspaceError('not-found', `"${attachment.title}" has no stored file.`);
  const stored = blobPath(workspace.folder, attachment.sha256);
  const stat = lstatOrNull(stored);
  if (stat && !stat.isFile()) {
    throw new WorkspaceError(
      'damaged',
      `The stored file of "${attachment.title}" has been replaced on disk by something that is not a file (a link); it was not opened. Attach the file again.`,
    );
  }
  if (!stat) {
    const item = getItem(workspace.db, attachment.itemId);
    throw new WorkspaceError(
      'not-found',
      `${attachment.fileName} ("${attachment.title}", item "${item.title}") cannot be opened: its stored ` +
        `file ${attachment.sha256.slice(0, 12)} is missing from the workspace's files folder. Restore the folder from a copy, or remove ` +
        'the attachment and attach the file again. Everything else in the workspace is unaffected.',
    );
  }
  // Private to the user: a shared temporary folder must not let others read a child's document.
  mkdirSync(OPENED_COPIES, { recursive: true, mode: 0o700 });
  const dir = mkdtempSync(join(OPENED_COPIES, 'copy-'));
  const safeName = attachment.fileName.replace(/[<>:"/\\|?*\u0000-\u001f]/g, '_') || 'attachment';
  const path = join(dir, safeName);
  try {
    copyFileSync(stored, path);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error; // a full or unwritable temporary folder: the API says so in plain words
  }
  chmodSync(path, 0o444);
  // The copy is checked, not the stored file's name trusted: a stored file changed on disk is never shown as evidence.
  if (sha256OfFile(path) !== attachment.sha256) {
    rmSync(dir, { recursive: true, force: true });
    throw new WorkspaceError(
      'damaged',
      `The stored file of "${attachment.title}" has been changed on disk and no longer matches what was attached.`,
    );
  }
  return { path, fileName: safeName };
}
