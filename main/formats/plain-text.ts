import type { TextCollector } from './collector';
import { type Delimiter, tokenizeCsv } from './csv';

/** Plain text: one segment per line, "line 40" (numbered as an editor numbers them, blank lines included). */
export function extractLines(text: string, out: TextCollector): void {
  let line = 0;
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let end = start;
    while (end < n) {
      const c = text.charCodeAt(end);
      if (c === 0x0a || c === 0x0d) break;
      end++;
    }
    line++;
    if (!out.add(`line ${line}`, text.slice(start, end))) return;
    if (end >= n) return;
    start = end + (text.charCodeAt(end) === 0x0d && text.charCodeAt(end + 1) === 0x0a ? 2 : 1);
  }
}

/**
 * CSV (RFC 4180, by the importer's own tokenizer and delimiter rule): one segment per record, "row 14" as the
 * spreadsheet would number it (the header is row 1, blank lines count), fields joined by tabs.
 */
export function extractCsv(text: string, delimiter: Delimiter, out: TextCollector): void {
  let fields: string[] = [];
  let row = 0;
  tokenizeCsv(
    text,
    delimiter,
    {
      field: (value) => {
        if (value !== '') fields.push(value);
      },
      endRecord: () => {
        row++;
        const ok = out.add(`row ${row}`, fields.join('\t'));
        fields = [];
        return ok;
      },
    },
    'keep',
  );
}
