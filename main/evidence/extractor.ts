/** What text extraction gives back for one file (see main/extract/). */
export type ExtractOutcome =
  | { status: 'ok'; kind: string; text: string; segments: { location: string; text: string }[] }
  | { status: 'not-scanned'; kind: string; reason: string };

export type Extractor = (bytes: Uint8Array, fileName: string) => Promise<ExtractOutcome>;
