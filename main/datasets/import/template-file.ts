import { utf8Bytes } from '../../formats/zip-writer';
import { writeXlsx } from '../../formats/xlsx-writer';
import type { DatasetDefinition } from '../../../shared/domain/datasets/types';

/** The template's header: the period, the breakdown if the dataset has one, then every column by its name. */
export function templateHeader(def: DatasetDefinition): string[] {
  return ['period', ...(def.breakdown ? [def.breakdown.name] : []), ...def.columns.map((c) => c.name)];
}

const csvCell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export function templateCsv(def: DatasetDefinition): Uint8Array {
  return utf8Bytes(`\uFEFF${templateHeader(def).map(csvCell).join(',')}\r\n`);
}

/** A minimal Excel workbook: one sheet named after the dataset, the header in bold, frozen. */
export function templateXlsx(def: DatasetDefinition): Uint8Array {
  return writeXlsx([
    {
      name: def.id,
      columns: templateHeader(def).map((h) => ({ header: h, width: Math.max(10, h.length + 2) })),
      rows: [],
    },
  ]);
}
