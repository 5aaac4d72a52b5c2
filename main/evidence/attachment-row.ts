import type { z } from 'zod';
import type { AttachmentSchema } from '../../shared/api/schemas';

export type Attachment = z.output<typeof AttachmentSchema>;

/** A row of the attachments table. */
export interface AttachmentRow {
  id: number;
  item_id: string;
  chain_id: number;
  version_no: number;
  sha256: string | null;
  file_name: string;
  bytes: number;
  title: string;
  document_date: string | null;
  version_label: string;
  author: string;
  source: string;
  note: string;
  state: Attachment['state'];
  added_at: string;
  added_by: string;
  binned_at: string | null;
  binned_by: string | null;
}

/** A row of the blobs table: one stored file, its extracted text and how it was read. */
export interface BlobRow {
  sha256: string;
  bytes: number;
  text_status: NonNullable<Attachment['textStatus']>;
  text_kind: string;
  not_scanned_reason: string | null;
  /** JSON array of the text's segments. */
  segments: string;
  created_at: string;
  extractor_version: number;
  /** Plain text, or deflated text as a BLOB (see store/stored-text.ts). */
  text: string | Uint8Array;
}

/** A row of ATTACHMENT_SELECT: the attachment with its blob's reading status (null when the file has no blob). */
export interface AttachmentSelectRow extends AttachmentRow {
  text_status: BlobRow['text_status'] | null;
  not_scanned_reason: string | null;
}

export const ATTACHMENT_SELECT = `SELECT a.*, b.text_status, b.not_scanned_reason FROM attachments a
  LEFT JOIN blobs b ON b.sha256 = a.sha256`;

export function toAttachment(row: AttachmentSelectRow): Attachment {
  return {
    id: row.id,
    itemId: row.item_id,
    chainId: row.chain_id,
    versionNo: row.version_no,
    sha256: row.sha256 ?? null,
    fileName: row.file_name,
    bytes: row.bytes,
    title: row.title,
    documentDate: row.document_date ?? null,
    versionLabel: row.version_label,
    author: row.author,
    source: row.source,
    note: row.note,
    state: row.state,
    addedAt: row.added_at,
    addedBy: row.added_by,
    binnedAt: row.binned_at ?? null,
    binnedBy: row.binned_by ?? null,
    textStatus: row.text_status ?? null,
    notScannedReason: row.not_scanned_reason ?? null,
  };
}
