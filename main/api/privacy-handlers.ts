import type { Handlers } from './handler-types';
import { scanWorkspace } from '../privacy-check/scan-workspace';
import { decideFile, markFalsePositive } from '../privacy-check/decisions';

export const privacyHandlers: Handlers<'privacy.check' | 'privacy.markFalsePositive' | 'privacy.decideFile'> = {
  'privacy.check': (_req, { backend }) => scanWorkspace(backend.openWorkspace().db),
  'privacy.markFalsePositive': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    markFalsePositive(db, req.key, req.reason, backend.userName());
    return scanWorkspace(db);
  },
  'privacy.decideFile': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    decideFile(db, req.attachmentId, req.decision, req.reason, backend.userName());
    return scanWorkspace(db);
  },
};
