import { utf8Bytes } from '../formats/zip-writer';
import type { Database } from 'better-sqlite3';
import type { ChecklistItem } from '../../shared/api/contract';
import { freshnessOf, ITEM_STATUS_LABELS } from '../../shared/domain/item-status';
import { areaGroupOf } from '../../shared/domain/evaluation-areas';
import { formatDisplayDate } from '../../shared/domain/dates';
import { writeXlsx, type XlsxCell } from '../formats/xlsx-writer';
import { listItems } from './checklist-repository';

/**
 * The tracker: the checklist as a table to share (a partnership meeting, a colleague without the app). One row per
 * item, what the checklist table shows. It holds no narrative and never a private note: it is meant to travel.
 */
export const TRACKER_COLUMNS = [
  'Item',
  'Id',
  'Evaluation area',
  'Status',
  'Owner',
  'Due',
  'Overdue',
  'Evidence files',
  'Newest document',
  'Freshness',
  'Last changed',
  'Changed by',
] as const;

export function trackerRows(items: ChecklistItem[]): XlsxCell[][] {
  return items.map((i) => [
    i.title,
    i.id,
    i.areas.length ? `${i.areas[0]} ${areaGroupOf(i.areas[0]!).shortName}` : 'Logistics and other',
    ITEM_STATUS_LABELS[i.status],
    i.owner,
    i.due ? formatDisplayDate(i.due) : '',
    i.overdue ? 'Overdue' : '',
    i.personLevel ? null : i.attachments,
    i.latestDocumentDate ? formatDisplayDate(i.latestDocumentDate) : '',
    freshnessOf(i),
    formatDisplayDate(i.updatedAt.slice(0, 10)),
    i.updatedBy,
  ]);
}

const csvCell = (value: XlsxCell): string => {
  const text = value === null ? '' : typeof value === 'object' ? value.date : String(value);
  // Cells starting with = + - @ are neutralised so a spreadsheet never runs them as formulas.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

const neutralise = (value: XlsxCell): XlsxCell =>
  typeof value === 'string' && /^[=+\-@]/.test(value) ? `'${value}` : value;

export function trackerFile(
  db: Database,
  format: 'xlsx' | 'csv',
  areaName: string,
  today = new Date().toISOString().slice(0, 10),
): { fileName: string; bytes: Uint8Array } {
  const items = trackerRows(listItems(db));
  const rows: XlsxCell[][] = [[...TRACKER_COLUMNS], ...items];
  const fileName = `${areaName.replace(/[^\p{L}\p{N} _-]+/gu, '').trim() || 'Area'} tracker ${today}.${format}`;
  if (format === 'csv')
    return { fileName, bytes: utf8Bytes(`\uFEFF${rows.map((r) => r.map(csvCell).join(',')).join('\r\n')}\r\n`) };
  const widths = [48, 22, 24, 16, 24, 12, 9, 9, 14, 13, 12, 18];
  const columns = TRACKER_COLUMNS.map((header, i) => ({ header, width: widths[i]! }));
  return { fileName, bytes: writeXlsx([{ name: 'Checklist', columns, rows: items.map((r) => r.map(neutralise)) }]) };
}
