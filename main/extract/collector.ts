import type { ExtractKind, ExtractOk, Segment } from './types';

/**
 * Gathers segments up to a character cap. Blank segments are dropped (their location numbers still count, so
 * "paragraph 12" is the twelfth paragraph whether or not the others were empty). Once the cap is reached the last
 * segment is cut, `full` turns true and everything after is ignored.
 */
export class TextCollector {
  readonly segments: Segment[] = [];
  readonly notes: string[] = [];
  private length = 0;
  private cut = false;

  constructor(private readonly maxChars: number) {}

  get full(): boolean { return this.cut; }

  /** Records that input was dropped before it reached the collector (e.g. a text file beyond the bytes decoded). */
  markTruncated(): void { this.cut = true; }

  /** Adds a segment; false once the cap has been reached (stop reading). */
  add(location: string, text: string): boolean {
    if (this.cut) return false;
    if (!/\S/.test(text)) return true;
    const separator = this.segments.length > 0 ? 1 : 0;
    const room = this.maxChars - this.length - separator;
    if (text.length > room) {
      if (room > 0) {
        let end = room;
        // Never leave half of a surrogate pair at the cut.
        const last = text.charCodeAt(end - 1);
        if (last >= 0xd800 && last <= 0xdbff) end -= 1;
        if (end > 0) {
          this.segments.push({ location, text: text.slice(0, end) });
          this.length += separator + end;
        }
      }
      this.cut = true;
      return false;
    }
    this.segments.push({ location, text });
    this.length += separator + text.length;
    return true;
  }

  result(kind: ExtractKind): ExtractOk {
    const notes = [...this.notes];
    if (this.cut) {
      notes.push(`The text is longer than ${this.maxChars.toLocaleString('en-GB')} characters; only the start of the file `
        + 'was read for search and scanning.');
    }
    return {
      status: 'ok', kind, text: this.segments.map((s) => s.text).join('\n'), segments: this.segments,
      truncated: this.cut, notes,
    };
  }
}
