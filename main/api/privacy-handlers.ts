import type { Handlers } from './handler-types';
import type { Database } from 'better-sqlite3';
import { scanWorkspace, scanWorkspaceAsync } from '../privacy/scan-workspace';
import { privacyScanOptions, privacySettings, savePrivacySettings } from '../privacy/privacy-settings';
import { decideFile, markFalsePositive } from '../privacy/decisions';
import { rememberPrivacyCheck } from '../dashboard/dashboard';

/** The scan with the workspace's own settings (its case-reference formats). */
export function scanWithSettings(db: Database) {
  return scanWorkspace(db, privacyScanOptions(db));
}

export const privacyHandlers: Handlers<
  'privacy.check' | 'privacy.markFalsePositive' | 'privacy.decideFile' | 'privacy.settings' | 'privacy.saveSettings'
> = {
  'privacy.check': async (_req, { backend }) => {
    const workspace = backend.openWorkspace();
    // The check keeps each file's findings, so the next check, the build and the bundle rescan only what changed.
    const scan = await scanWorkspaceAsync(workspace.db, {
      ...privacyScanOptions(workspace.db),
      remember: !workspace.session().readOnly,
    });
    // Remembered for the dashboard's next steps; a read-only copy just does not remember.
    if (workspace.isWritable()) {
      try {
        rememberPrivacyCheck(workspace.db, scan.blocking);
      } catch {
        /* a check still answers on a disk that cannot be written to; only the dashboard's tick waits */
      }
    }
    return scan;
  },
  'privacy.settings': (_req, { backend }) => privacySettings(backend.openWorkspace().db),
  'privacy.saveSettings': (req, { backend }) =>
    savePrivacySettings(backend.writableWorkspace().db, req, backend.userName()),
  'privacy.markFalsePositive': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    markFalsePositive(db, req.key, req.reason, backend.userName());
    return scanWithSettings(db);
  },
  'privacy.decideFile': (req, { backend }) => {
    const db = backend.writableWorkspace().db;
    decideFile(db, req.attachmentId, req.decision, req.reason, backend.userName());
    return scanWithSettings(db);
  },
};
