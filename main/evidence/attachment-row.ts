import type { z } from 'zod';
import type { AttachmentSchema } from '../../shared/api/schemas';

export type Attachment = z.output<typeof AttachmentSchema>;

export const ATTACHMENT_SELECT = `SELECT a.*, b.text_status, b.not_scanned_reason FROM attachments a
  LEFT JOIN blobs b ON b.sha256 = a.sha256`;

export function toAttachment(row: Record<string, unknown>): Attachment {
  return {
    id: row.id as number, itemId: row.item_id as string, chainId: row.chain_id as number, versionNo: row.version_no as number,
    sha256: (row.sha256 as string | null) ?? null, fileName: row.file_name as string, bytes: row.bytes as number,
    title: row.title as string, documentDate: (row.document_date as string | null) ?? null,
    versionLabel: row.version_label as string, author: row.author as string, source: row.source as string,
    note: row.note as string, state: row.state as Attachment['state'], addedAt: row.added_at as string,
    addedBy: row.added_by as string, binnedAt: (row.binned_at as string | null) ?? null,
    binnedBy: (row.binned_by as string | null) ?? null,
    textStatus: (row.text_status as Attachment['textStatus'] | undefined) ?? null,
    notScannedReason: (row.not_scanned_reason as string | null | undefined) ?? null,
  };
}
