/**
 * A privacy scan worker's entry (a worker thread): inflates and scans stored files' text for the privacy check
 * (text-scan-pool.ts). Bundled on its own as dist-electron/scan-worker.cjs; run from source with tsx.
 */
import { parentPort } from 'node:worker_threads';
import { scanStoredBlob, type StoredFinding } from './stored-text-scan';

export interface ScanRequest {
  id: number;
  text: unknown;
  segments: string;
  rules: {
    /** The council's case-reference formats as [source, flags]: a RegExp does not cross to a worker. */
    casePatterns: [string, string][];
    today: string;
    publicContacts: readonly string[];
    namedStaff: readonly string[];
  };
}

export type ScanReply =
  { id: number; findings: StoredFinding[]; dependsOnDay: boolean; characters: number } | { id: number; error: string };

const port = parentPort;
if (port) {
  let patterns: { key: string; list: RegExp[] } = { key: '', list: [] };
  port.on('message', (request: ScanRequest) => {
    try {
      const key = JSON.stringify(request.rules.casePatterns);
      if (key !== patterns.key)
        patterns = { key, list: request.rules.casePatterns.map(([source, flags]) => new RegExp(source, flags)) };
      const { findings, dependsOnDay, characters } = scanStoredBlob(request.text, request.segments, {
        ...request.rules,
        casePatterns: patterns.list,
      });
      port.postMessage({ id: request.id, findings, dependsOnDay, characters } satisfies ScanReply);
    } catch (error) {
      port.postMessage({
        id: request.id,
        error: error instanceof Error ? error.message : String(error),
      } satisfies ScanReply);
    }
  });
}
