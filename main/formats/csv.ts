/**
 * CSV as spreadsheets write it (RFC 4180): fields quoted when they hold the delimiter, quotes ("" inside) or line
 * breaks; records end at CRLF, LF or CR. The one tokenizer and the one delimiter rule, for the importer
 * (main/datasets/import/tabular/csv-cells.ts), search and the privacy scan (main/formats/plain-text.ts), so all three
 * split a file the same way. One pass over the text with indexOf and charCodeAt, slicing each field once.
 */

export type Delimiter = ',' | ';' | '\t';

/** A quote that opens a field and is never closed: everything after it would become one cell. */
export class UnclosedQuote extends Error {
  constructor(readonly row: number) {
    super(`a quote opened in row ${row} is never closed`);
    this.name = 'UnclosedQuote';
  }
}

const CANDIDATES: readonly Delimiter[] = [',', ';', '\t'];

/**
 * The delimiter: tab for .tsv/.tab; otherwise whichever of comma, semicolon and tab splits the most of the first
 * records (up to 100, outside quotes) into the same number of fields, so title rows above the table do not decide.
 */
export function sniffDelimiter(text: string, extension: string): Delimiter {
  if (extension === 'tsv' || extension === 'tab') return '\t';
  const end = Math.min(text.length, 256 * 1024);
  const perRecord: number[][] = [];
  let counts = [0, 0, 0];
  let quoted = false;
  for (let i = 0; i < end && perRecord.length < 100; i++) {
    const c = text.charCodeAt(i);
    if (c === 34) quoted = !quoted;
    else if (quoted) continue;
    else if (c === 44) counts[0]!++;
    else if (c === 59) counts[1]!++;
    else if (c === 9) counts[2]!++;
    else if (c === 10 || c === 13) {
      if (c === 13 && text.charCodeAt(i + 1) === 10) i++;
      perRecord.push(counts);
      counts = [0, 0, 0];
    }
  }
  perRecord.push(counts);
  let best: Delimiter = ',';
  let bestScore = 0;
  let bestWidth = 0;
  CANDIDATES.forEach((delimiter, k) => {
    const frequency = new Map<number, number>();
    for (const record of perRecord) {
      const count = record[k]!;
      if (count > 0) frequency.set(count, (frequency.get(count) ?? 0) + 1);
    }
    for (const [width, score] of frequency) {
      if (score > bestScore || (score === bestScore && width > bestWidth)) {
        best = delimiter;
        bestScore = score;
        bestWidth = width;
      }
    }
  });
  return best;
}

/** Receives a CSV's fields in order; `endRecord` answers false to stop reading. */
export interface CsvSink {
  field(value: string): void;
  endRecord(): boolean | void;
}

/**
 * Reads `text` field by field into `sink`. A quote left open throws UnclosedQuote (the importer: everything after it
 * would become one cell), or with `unclosedQuote: 'keep'` ends the field at the end of the text (search and the
 * privacy scan, which must read every character a file holds).
 */
export function tokenizeCsv(
  text: string,
  delimiter: Delimiter,
  sink: CsvSink,
  unclosedQuote: 'throw' | 'keep' = 'throw',
): void {
  const d = delimiter.charCodeAt(0);
  const n = text.length;
  let records = 0;
  let fields = 0;
  const endRecord = (): boolean => {
    records++;
    fields = 0;
    return sink.endRecord() !== false;
  };
  let i = 0;
  while (i < n) {
    let c = text.charCodeAt(i);
    let value: string;
    if (c === 34) {
      // Quoted: up to the closing quote ("" is a quote); text after the closing quote is kept as written.
      i++;
      let start = i;
      let pieces = '';
      for (;;) {
        const q = text.indexOf('"', i);
        if (q < 0) {
          if (unclosedQuote === 'throw') throw new UnclosedQuote(records + 1);
          value = pieces + text.slice(start);
          i = n;
          break;
        }
        if (text.charCodeAt(q + 1) === 34) {
          pieces += text.slice(start, q + 1);
          i = q + 2;
          start = i;
          continue;
        }
        value = pieces + text.slice(start, q);
        i = q + 1;
        break;
      }
      let j = i;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === d || c === 10 || c === 13) break;
        j++;
      }
      if (j > i) {
        value += text.slice(i, j);
        i = j;
      }
    } else {
      let j = i;
      while (j < n) {
        c = text.charCodeAt(j);
        if (c === d || c === 10 || c === 13) break;
        j++;
      }
      value = text.slice(i, j);
      i = j;
    }
    sink.field(value);
    fields++;
    if (i >= n) break;
    c = text.charCodeAt(i);
    if (c === d) {
      i++;
      if (i >= n) {
        sink.field('');
        fields++;
      }
      continue;
    }
    i += c === 13 && text.charCodeAt(i + 1) === 10 ? 2 : 1;
    if (!endRecord()) return;
  }
  if (fields > 0) endRecord();
}
