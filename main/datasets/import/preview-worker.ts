/**
 * The import preview's worker entry (a worker thread): reads one file for a preview and answers it
 * (preview-in-worker.ts). Bundled on its own as dist-electron/preview-worker.cjs; run from source with tsx.
 */
import { parentPort } from 'node:worker_threads';
import { datasetById } from '../../../shared/domain/datasets/index';
import { failed, previewImport, type ImportRequest, type Preview } from './preview-import';

export type PreviewWorkerRequest = Omit<ImportRequest, 'def'> & { dataset: string };

const port = parentPort;
if (port) {
  port.on('message', (request: PreviewWorkerRequest) => {
    const { dataset, ...rest } = request;
    const def = datasetById(dataset);
    let preview: Preview;
    try {
      preview = def
        ? previewImport({ ...rest, def })
        : failed({ row: null, column: null, message: `There is no dataset "${dataset}".` });
    } catch (error) {
      preview = failed(
        { row: null, column: null, message: `${rest.fileName} could not be read: ${(error as Error)?.message}` },
        def,
      );
    }
    port.postMessage(preview);
  });
}
