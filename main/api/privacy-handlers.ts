import type { Handlers } from './handler-types';
import type { Database } from 'better-sqlite3';
import { scanWorkspace } from '../privacy-check/scan-workspace';
import { privacyScanOptions, privacySettings, savePrivacySettings } from '../privacy-check/privacy-settings';
import { decideFile, markFalsePositive } from '../privacy-check/decisions';

/** The scan with the workspace's own settings (its case-reference formats). */
export function scanWithSettings(db: Database) {
  return scanWorkspace(db, privacyScanOptions(db));
}

export const privacyHandlers: Handlers<'privacy.check' | 'privacy.markFalsePositive' | 'privacy.decideFile' | 'privacy.settings' | 'privacy.saveSettings'> = {
  'privacy.check': (_req, { backend }) => scanWithSettings(backend.openWorkspace().db),
  'privacy.settings': (_req, { backend }) => privacySettings(backend.openWorkspace().db),
  'privacy.saveSettings': (req, { backend }) => savePrivacySettings(backend.writableWorkspace().db, req, backend.userName()),
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
