import { SYNC_HISTORY } from '../sync/replica';
import { WorkspaceError } from '../refusal/refusal';
import { documentDateOf } from '../evidence/document-date';
import type { Handlers } from './handler-types';
import type { Extractor } from '../evidence/extractor';
import type { Backend } from './backend';
import {
  attachFiles,
  binAttachment,
  getAttachment,
  listAttachments,
  readOnlyCopy,
  replaceAttachment,
  restoreAttachment,
  updateAttachment,
} from '../evidence/attachments-repository';
import { purgeAttachment } from '../evidence/purge-attachment';
import { openDecision } from '../evidence/open-safely';

/** Takes the uploaded files for an operation and releases them whether or not it succeeds. */
async function withUploads<T>(
  backend: Backend,
  handles: string[],
  work: (files: ReturnType<Backend['uploads']['take']>[]) => Promise<T>,
): Promise<T> {
  try {
    return await work(handles.map((h) => backend.uploads.take(h)));
  } finally {
    backend.uploads.release(handles);
  }
}

export const evidenceHandlers: Handlers<
  | 'files.upload'
  | 'attachments.list'
  | 'attachments.add'
  | 'attachments.replace'
  | 'attachments.update'
  | 'attachments.remove'
  | 'attachments.restore'
  | 'attachments.purge'
  | 'attachments.open'
> = {
  'files.upload': async (req, { backend }) => {
    const upload = backend.uploads.put(req.name, req.bytes, { memoryOnly: req.memoryOnly === true });
    // A memory-only upload (a person-level list) has no path, so nothing is read from it here.
    const path = backend.uploads.pathOf(upload.handle);
    return { ...upload, documentDate: path ? await documentDateOf(path, upload.name) : null };
  },
  'attachments.list': (req, { backend }) => ({ attachments: listAttachments(backend.openWorkspace().db, req.itemId) }),
  'attachments.add': (req, { backend, progress, stopIfCancelled, signal, outsideQueue }) => {
    const workspace = backend.writableWorkspace();
    const total = req.files.length;
    progress({ phase: 'Storing and reading the files', done: 0, total });
    // Reading a file's text is the slow part (a long PDF), so progress is told per file read.
    let read = 0;
    // Cancelling stops the file being read and attaches nothing: the database is written only after every file is read.
    const extract: Extractor = async (bytes, fileName) => {
      await stopIfCancelled();
      progress({ phase: `Reading ${fileName}`, done: read, total });
      try {
        // Read outside the request queue: the officer's other screens are answered while a long file is read.
        const text = await outsideQueue(() =>
          backend.cancellableExtract
            ? backend.cancellableExtract(bytes, fileName, signal)
            : backend.extract(bytes, fileName),
        );
        if (backend.workspace !== workspace)
          throw new WorkspaceError(
            'refused',
            'The workspace was closed while the files were read; nothing was attached.',
          );
        return text;
      } finally {
        // Files are read while the next ones are stored, so each read that ends is told too: the count moves as
        // files finish, not only as they start.
        read++;
        progress({ phase: `Read ${fileName}`, done: read, total });
      }
    };
    return withUploads(
      backend,
      req.files.map((f) => f.handle),
      async (files) => {
        const attachments = await attachFiles(
          workspace,
          req.itemId,
          files,
          req.metadata,
          backend.userName(),
          extract,
          undefined,
          stopIfCancelled,
        );
        progress({ phase: 'Done', done: total, total });
        return { attachments };
      },
    );
  },
  'attachments.replace': (req, { backend }) => {
    const workspace = backend.writableWorkspace();
    return withUploads(backend, [req.file.handle], async ([file]) =>
      replaceAttachment(workspace, req.attachmentId, file!, req.metadata, backend.userName(), backend.extract),
    );
  },
  'attachments.update': (req, { backend }) =>
    updateAttachment(backend.writableWorkspace().db, req.attachmentId, req.metadata, backend.userName()),
  'attachments.remove': (req, { backend }) =>
    binAttachment(backend.writableWorkspace().db, req.attachmentId, backend.userName()),
  'attachments.restore': (req, { backend }) =>
    restoreAttachment(backend.writableWorkspace().db, req.attachmentId, backend.userName()),
  'attachments.purge': async (req, { backend }) => {
    const workspace = backend.writableWorkspace();
    getAttachment(workspace.db, req.attachmentId);
    const { backupsRewritten } = await purgeAttachment(
      workspace,
      req.attachmentId,
      backend.userName(),
      req.reason,
      backend.rewriteBackups,
      SYNC_HISTORY,
    );
    return { purged: true, backupsRewritten };
  },
  'attachments.open': (req, { backend }) => {
    const copy = readOnlyCopy(backend.openWorkspace(), req.attachmentId);
    return { ...copy, ...openDecision(copy.fileName) };
  },
};
