import { MAX_LOCATION_CHARS, type ExtractKind, type ExtractOk, type Segment } from './types';

const count = (n: number) => n.toLocaleString('en-GB');

/** A location label no longer than MAX_LOCATION_CHARS (a sheet or property name is the file's to choose). */
export function clipLabel(label: string): string {
  return label.length <= MAX_LOCATION_CHARS ? label : `${label.slice(0, MAX_LOCATION_CHARS - 1)}…`;
}

/**
 * Gathers segments up to a character cap and a segment cap. Blank segments are dropped (their location numbers still
 * count, so "paragraph 12" is the twelfth paragraph whether or not the others were empty) but are counted against
 * the segment cap, so empty paragraphs cannot run the reader on unbounded. Once a cap is reached the last segment
 * is cut, `full` turns true, everything after is ignored, and the result says what was left unread.
 */
export class TextCollector {
  readonly segments: Segment[] = [];
  readonly notes: string[] = [];
  /** What was left unread, in plain words (see ExtractOk.unread). */
  readonly unread: string[] = [];
  private length = 0;
  private seen = 0;
  private cut = false;
  private charCut = false;

  constructor(
    private readonly maxChars: number,
    private readonly maxSegments = Number.POSITIVE_INFINITY,
  ) {}

  get full(): boolean {
    return this.cut;
  }

  /** Records that input was dropped before it reached the collector (e.g. a text file beyond the bytes decoded). */
  markTruncated(): void {
    if (!this.cut) {
      this.unread.push(`the text after the first ${count(this.maxChars)} characters`);
      this.charCut = true;
    }
    this.cut = true;
  }

  /** Records a part of the file that was not read (an embedded file, pages past the cap…). */
  markUnread(what: string): void {
    this.unread.push(what);
  }

  /** Counts pieces that were looked at but hold nothing (empty paragraphs); false once past the segment cap. */
  skip(pieces = 1): boolean {
    this.seen += pieces;
    if (this.seen > this.maxSegments && !this.cut) {
      this.cut = true;
      this.unread.push(`everything after the first ${count(this.maxSegments)} paragraphs, rows or lines`);
    }
    return !this.cut;
  }

  /** Adds a segment; false once a cap has been reached (stop reading). */
  add(location: string, text: string): boolean {
    if (this.cut) return false;
    if (!this.skip()) return false;
    if (!/\S/.test(text)) return true;
    const separator = this.segments.length > 0 ? 1 : 0;
    const room = this.maxChars - this.length - separator;
    const label = clipLabel(location);
    if (text.length > room) {
      if (room > 0) {
        let end = room;
        // Never leave half of a surrogate pair at the cut.
        const last = text.charCodeAt(end - 1);
        if (last >= 0xd800 && last <= 0xdbff) end -= 1;
        if (end > 0) {
          this.segments.push({ location: label, text: text.slice(0, end) });
          this.length += separator + end;
        }
      }
      this.markTruncated();
      return false;
    }
    this.segments.push({ location: label, text });
    this.length += separator + text.length;
    return true;
  }

  result(kind: ExtractKind): ExtractOk {
    const notes = [...this.notes];
    if (this.charCut) {
      notes.push(
        `The text is longer than ${count(this.maxChars)} characters; only the start of the file was read for ` +
          'search and scanning.',
      );
    }
    const others = this.unread.slice(this.charCut ? 1 : 0);
    if (others.length > 0)
      notes.push(`Not fully scanned: ${others.join('; ')} ${others.length === 1 ? 'was' : 'were'} not read.`);
    return {
      status: 'ok',
      kind,
      text: this.segments.map((s) => s.text).join('\n'),
      segments: this.segments,
      truncated: this.cut,
      notes,
      unread: [...this.unread],
    };
  }
}
