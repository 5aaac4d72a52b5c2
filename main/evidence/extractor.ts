import type { ExtractResult } from '../extract/types';

/** Extracts a file's text once, on attach, for search and the personal-data scan (main/extract/extract-text.ts). */
export type Extractor = (bytes: Uint8Array, fileName: string) => Promise<ExtractResult>;
