import type { TextCollector } from './collector';

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

/** The delimiter a CSV uses: tab for .tsv, else whichever of comma, semicolon and tab is most common on line 1. */
export function sniffDelimiter(text: string, extension: string): string {
  if (extension === 'tsv' || extension === 'tab') return '\t';
  const firstLine = text.slice(0, Math.min(text.length, 65_536)).split(/\r\n|\n|\r/, 1)[0] ?? '';
  const unquoted = firstLine.replace(/"[^"]*"/g, '');
  const counts: [string, number][] = [',', ';', '\t'].map((d) => [d, unquoted.split(d).length - 1]);
  let best: [string, number] = [',', 0];
  for (const c of counts) if (c[1] > best[1]) best = c;
  return best[0];
}

/**
 * CSV (RFC 4180, quotes may hold delimiters, doubled quotes and newlines): one segment per record, "row 14" as the
 * spreadsheet would number it (the header is row 1, blank lines count), fields joined by tabs.
 */
export function extractCsv(text: string, delimiter: string, out: TextCollector): void {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let row = 0;
  let fields: string[] = [];
  let field = '';
  let i = 0;
  let atFieldStart = true;
  const endRow = (): boolean => {
    fields.push(field);
    field = '';
    row++;
    const ok = out.add(`row ${row}`, fields.filter((f) => f !== '').join('\t'));
    fields = [];
    atFieldStart = true;
    return ok;
  };
  while (i < n) {
    const c = text.charCodeAt(i);
    if (atFieldStart && c === 0x22) {
      // Quoted field: up to the closing quote, "" is a quote; text after the closing quote is kept as written.
      i++;
      let chunkStart = i;
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) { field += text.slice(chunkStart); i = n; break; }
        if (text.charCodeAt(q + 1) === 0x22) { field += text.slice(chunkStart, q + 1); i = q + 2; chunkStart = i; continue; }
        field += text.slice(chunkStart, q);
        i = q + 1;
        break;
      }
      atFieldStart = false;
      continue;
    }
    atFieldStart = false;
    if (c === d) { fields.push(field); field = ''; atFieldStart = true; i++; continue; }
    if (c === 0x0a || c === 0x0d) {
      i += c === 0x0d && text.charCodeAt(i + 1) === 0x0a ? 2 : 1;
      if (!endRow()) return;
      continue;
    }
    // Plain run of characters up to the next delimiter or line end.
    let j = i + 1;
    while (j < n) {
      const cj = text.charCodeAt(j);
      if (cj === d || cj === 0x0a || cj === 0x0d) break;
      j++;
    }
    field += text.slice(i, j);
    i = j;
  }
  if (field !== '' || fields.length > 0) endRow();
}
