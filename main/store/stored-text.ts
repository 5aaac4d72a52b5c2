import { deflateRawSync, inflateRawSync } from 'node:zlib';
import type { Segment } from '../formats/types';

/**
 * A file's text is stored once (blobs.text: its segments joined by newlines) with a compact map of where each
 * segment begins (blobs.segments), never the text a second time. The map is a JSON array of
 *   [location, lines]          one segment spanning that many lines of the text, or
 *   [prefix, first, count]     `count` one-line segments located prefix + first, prefix + (first + 1)…
 * The run form keeps the map small for files of many numbered one-line parts (a text file's "line 1"…"line 90000",
 * a spreadsheet's rows): for a 5 MB text file of 100,000 lines, one entry instead of 100,000 (about 1.5 MB).
 */
type MapEntry = [string, number] | [string, number, number];

const NUMBERED = /^([\s\S]*?)([0-9]{1,9})$/;

const linesOf = (text: string): number => {
  let lines = 1;
  for (let at = text.indexOf('\n'); at !== -1; at = text.indexOf('\n', at + 1)) lines++;
  return lines;
};

/** The map for a file's segments (their text joined by newlines is stored beside it). */
export function compactSegments(segments: readonly Segment[]): string {
  const map: MapEntry[] = [];
  let run: [string, number, number] | null = null;
  for (const segment of segments) {
    const lines = linesOf(segment.text);
    const numbered = lines === 1 ? NUMBERED.exec(segment.location) : null;
    if (numbered) {
      const prefix = numbered[1]!;
      const n = Number(numbered[2]);
      if (run && run[0] === prefix && run[1] + run[2] === n && String(n) === numbered[2]) {
        run[2]++;
        continue;
      }
      if (String(n) === numbered[2]) {
        run = [prefix, n, 1];
        map.push(run);
        continue;
      }
    }
    run = null;
    map.push([segment.location, lines]);
  }
  // A run of one is written in the plain form: the same size, and easier to read.
  return JSON.stringify(map.map((e) => (e.length === 3 && e[2] === 1 ? [`${e[0]}${e[1]}`, 1] : e)));
}

/**
 * Calls `visit` with each segment of a stored text, in order. Text the map does not account for (a map from an
 * older or damaged row) is still visited, as one last segment without a location: nothing stored goes unscanned.
 */
export function forEachStoredSegment(text: string, map: string, visit: (location: string, text: string) => void): void {
  let entries: unknown;
  try {
    entries = JSON.parse(map);
  } catch {
    entries = [];
  }
  let at = 0;
  const take = (location: string, lines: number) => {
    if (at > text.length) return;
    let stop = at - 1;
    for (let i = 0; i < lines && stop < text.length; i++) {
      const next = text.indexOf('\n', stop + 1);
      stop = next === -1 ? text.length : next;
    }
    visit(location, text.slice(at, stop));
    at = stop + 1;
  };
  for (const entry of Array.isArray(entries) ? (entries as unknown[]) : []) {
    if (!Array.isArray(entry)) continue;
    if (
      entry.length === 3 &&
      typeof entry[0] === 'string' &&
      Number.isInteger(entry[1]) &&
      Number.isInteger(entry[2])
    ) {
      for (let i = 0; i < (entry[2] as number); i++) take(`${entry[0]}${(entry[1] as number) + i}`, 1);
    } else if (
      entry.length === 2 &&
      typeof entry[0] === 'string' &&
      Number.isInteger(entry[1]) &&
      (entry[1] as number) >= 1
    ) {
      take(entry[0], entry[1] as number);
    }
    if (at > text.length) break;
  }
  if (at < text.length) visit('', text.slice(at));
}

/** The segments of a stored text (for tests and small files; the privacy check visits them one by one). */
export function storedSegments(text: string, map: string): Segment[] {
  const out: Segment[] = [];
  forEachStoredSegment(text, map, (location, t) => out.push({ location, text: t }));
  return out;
}

/**
 * blobs.text as stored: short text as TEXT; longer text as a BLOB, one format byte (1 = raw DEFLATE, level 1) and the
 * compressed UTF-8. Level 1 because it runs on every attach and every rescan: on council prose it keeps the text at
 * about 40% of its size (measured 2.37x on the README, at 48 MB/s to compress and 184 MB/s to read back on the
 * shared two-core build machine), where level 6 gains a tenth more for a sixth of the speed. Migrated rows are TEXT.
 */
const COMPRESS_FROM = 1024;
const DEFLATE_RAW = 1;

export function encodeStoredText(text: string): string | Buffer {
  if (text.length < COMPRESS_FROM) return text;
  return Buffer.concat([Buffer.of(DEFLATE_RAW), deflateRawSync(Buffer.from(text, 'utf8'), { level: 1 })]);
}

export function decodeStoredText(stored: unknown): string {
  if (typeof stored === 'string') return stored;
  if (stored instanceof Uint8Array && stored.length > 0 && stored[0] === DEFLATE_RAW) {
    return inflateRawSync(stored.subarray(1)).toString('utf8');
  }
  // Never read as empty (it would pass the privacy check unread): a format this version does not know is an error.
  throw new Error("A stored file's text is in a form this version of the app cannot read.");
}
