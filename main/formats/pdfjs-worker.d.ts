// pdfjs-dist ships no types for its worker module; PDF.js reads only this export of it (globalThis.pdfjsWorker).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}
