/**
 * The extraction worker's entry (a worker thread): reads one file at a time for whoever started it
 * (worker-extractor.ts). Bundled on its own as dist-electron/extract-worker.cjs; run from source with tsx.
 */
import { parentPort } from 'node:worker_threads';
import { extractText } from './extract-text';

export interface ExtractRequest {
  id: number;
  bytes: Uint8Array;
  fileName: string;
}

const port = parentPort;
if (port) {
  port.on('message', (request: ExtractRequest) => {
    void extractText(request.bytes, request.fileName).then((result) => port.postMessage({ id: request.id, result }));
  });
}
