import type { ExtractResult } from '../formats/types';

/** Extracts a file's text once, on attach, for search and the personal-data scan (main/formats/extract-text.ts). */
export type Extractor = (bytes: Uint8Array, fileName: string) => Promise<ExtractResult>;

/** An extractor that a signal can stop mid-read (the worker extractor ends its worker). */
export type CancellableExtractor = (
  bytes: Uint8Array,
  fileName: string,
  signal?: AbortSignal,
) => Promise<ExtractResult>;
