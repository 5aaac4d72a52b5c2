/** The kinds of file whose text is read. */
export type ExtractKind = 'docx' | 'xlsx' | 'csv' | 'txt' | 'pdf';

/** One piece of a file's text and where it came from, e.g. "page 3", "sheet Budget, row 14", "paragraph 12". */
export interface Segment {
  location: string;
  text: string;
}

export interface ExtractOk {
  status: 'ok';
  kind: ExtractKind;
  /** The segments' text joined by newlines: what the full-text index stores. */
  text: string;
  segments: Segment[];
  /** True when the text was cut at the length cap (the note says so in words). */
  truncated: boolean;
  /** Plain-language remarks for the officer: a cut at the cap, PDF pages without text. Usually empty. */
  notes: string[];
  /**
   * What was left unread, in plain words ("the text after 20,000,000 characters", "pages 5,001 to 40,000",
   * "embedded file minutes.xlsx"). Not empty means the file was not fully scanned and needs a decision before it
   * can leave in a bundle.
   */
  unread: string[];
}

export interface ExtractNotScanned {
  status: 'not-scanned';
  /** What the file was taken to be: one of ExtractKind, or 'image', 'zip', 'pptx', 'office-legacy', 'unknown'… */
  kind: string;
  /** Why nothing was read, in plain words, fit to show the officer. */
  reason: string;
}

export type ExtractResult = ExtractOk | ExtractNotScanned;

/** The caps that keep a hostile or enormous file from exhausting the backend. */
export interface ExtractLimits {
  /** Total bytes decompressed from a zip (docx/xlsx) across every entry read. */
  maxUnzippedBytes: number;
  /** Entries in a zip's central directory. */
  maxZipEntries: number;
  /** Characters of extracted text kept; the rest is dropped and the result says it was truncated. */
  maxTextChars: number;
  /**
   * Pieces of text kept (paragraphs, rows, lines, comments…), counted whether empty or not: 9 million one-character
   * paragraphs in a 267 KB header ran the backend out of memory while the character cap was still far off.
   */
  maxSegments: number;
  /** PDF pages read: a page tree can list one page 40,000 times in 240 KB. */
  maxPages: number;
}

export const DEFAULT_LIMITS: ExtractLimits = {
  maxUnzippedBytes: 200 * 1024 * 1024,
  maxZipEntries: 10_000,
  maxTextChars: 20 * 1024 * 1024,
  maxSegments: 500_000,
  maxPages: 5_000,
};

/** Longest location label kept ("sheet NAME, row N"): names inside a file are the file's to choose. */
export const MAX_LOCATION_CHARS = 200;

/**
 * The text reader's version, stored with each file's text. 2: tracked changes, comments, notes, headers and
 * footers, document properties, hidden sheets and PDF annotations are read. Office and PDF files read by an earlier
 * version are read again when attached again, and need a decision until then.
 */
export const EXTRACTOR_VERSION = 2;

/** A controlled refusal: becomes a not-scanned result with this reason. */
export class NotScanned extends Error {
  constructor(
    readonly kind: string,
    readonly reason: string,
  ) {
    super(reason);
    this.name = 'NotScanned';
  }
}
