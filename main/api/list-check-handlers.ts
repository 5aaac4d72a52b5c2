import { randomBytes } from 'node:crypto';
import type { Handlers } from './handler-types';
import type { Backend } from './backend';
import { WorkspaceError } from '../refusal/refusal';
import { checkListFile, readListFile, resultCsv } from '../annex-a/check-list';
import { listChecks, listProfileOf, recordListCheck, saveListProfile } from '../annex-a/list-check-store';
import { sha256Of } from '../store/blob-store';
import { getInspection } from '../inspection/inspection-repository';
import { todayIso } from '../inspection/calendar-settings';
import { privacySettings } from '../privacy/privacy-settings';
import type { AnnexAProfile } from '../../shared/domain/annex-a';

/**
 * A checked list's bytes stay in this process's memory only, so the officer can change the mapping or the
 * reference date and check again without choosing the file again; at most one file per list, and none once the
 * workspace changes. Never written anywhere.
 */
interface Held {
  checkId: string;
  list: 1 | 2;
  name: string;
  bytes: Uint8Array;
  folder: string;
  profile: AnnexAProfile | null;
}
const held = new WeakMap<Backend, Map<string, Held>>();

function heldFor(backend: Backend): Map<string, Held> {
  let map = held.get(backend);
  if (!map) {
    map = new Map();
    held.set(backend, map);
  }
  return map;
}

/** Holds a list's bytes for the officer's next check of it, in place of any earlier file of that list. */
function hold(backend: Backend, entry: Omit<Held, 'checkId'>): string {
  const files = heldFor(backend);
  for (const [id, h] of files) if (h.list === entry.list || h.folder !== entry.folder) files.delete(id);
  const checkId = randomBytes(16).toString('hex');
  files.set(checkId, { checkId, ...entry });
  return checkId;
}

export const listCheckHandlers: Handlers<
  'lists.preview' | 'lists.check' | 'lists.checks' | 'lists.saveProfile' | 'lists.profile'
> = {
  // The header only, matched to the fields for the officer to confirm or change; no row is checked, nothing recorded.
  'lists.preview': (req, { backend }) => {
    const workspace = backend.writableWorkspace();
    const file = backend.uploads.takeAllBytes([req.file.handle])[0]!;
    const read = readListFile(file.bytes, file.name, {
      list: req.list,
      ...(req.sheet !== undefined ? { sheet: req.sheet } : {}),
    });
    if (!read.ok) throw new WorkspaceError('refused', read.problem, 'file');
    const checkId = hold(backend, {
      list: req.list,
      name: file.name,
      bytes: file.bytes,
      folder: workspace.folder,
      profile: null,
    });
    return {
      checkId,
      list: req.list,
      fileName: file.name,
      sheet: read.sheet,
      sheets: read.sheets,
      notes: read.notes,
      headerRow: read.headerRow,
      columns: read.columns,
      mapping: read.mapping,
      fileColumns: read.fileColumns,
    };
  },
  'lists.check': (req, { backend }) => {
    const workspace = backend.writableWorkspace();
    const files = heldFor(backend);
    for (const [id, h] of files) if (h.folder !== workspace.folder) files.delete(id);
    let file: { name: string; bytes: Uint8Array };
    if (req.checkId !== undefined) {
      const earlier = files.get(req.checkId);
      if (!earlier || earlier.list !== req.list) {
        throw new WorkspaceError(
          'not-found',
          'That list is no longer held in memory; choose the file again.',
          'checkId',
        );
      }
      file = earlier;
    } else {
      file = backend.uploads.takeAllBytes([req.file!.handle])[0]!;
    }
    const asOf = req.asOf ?? getInspection(workspace.db)?.notifiedDate ?? todayIso();
    const threshold = privacySettings(workspace.db).smallNumberThreshold;
    let result: ReturnType<typeof checkListFile>;
    try {
      result = checkListFile(file.bytes, file.name, {
        list: req.list,
        asOf,
        profileThreshold: threshold,
        ...(req.mapping ? { mapping: req.mapping } : {}),
        ...(req.sheet !== undefined ? { sheet: req.sheet } : {}),
      });
    } catch (error) {
      // An unexpected failure is logged by dispatch; its message could quote a cell, so only its kind goes on.
      throw new Error(
        `The list check failed unexpectedly (${(error as Error)?.name ?? 'error'}); nothing was recorded.`,
      );
    }
    if (!result.ok) throw new WorkspaceError('refused', result.problem, 'file');
    const recorded = recordListCheck(
      workspace.db,
      {
        list: req.list,
        fileName: file.name,
        sha256: sha256Of(file.bytes),
        rows: result.rows,
        asOf,
        rules: result.rules,
      },
      backend.userName(),
    );
    const checkId = hold(backend, {
      list: req.list,
      name: file.name,
      bytes: file.bytes,
      folder: workspace.folder,
      profile: result.profile ?? null,
    });
    return {
      checkId,
      list: req.list,
      fileName: file.name,
      sheet: result.sheet,
      sheets: result.sheets,
      notes: result.notes,
      asOf,
      rows: result.rows,
      headerRow: result.headerRow,
      rules: result.rules,
      columns: result.columns,
      mapping: result.mapping,
      fileColumns: result.fileColumns,
      completeness: result.completeness,
      profile: result.profile!,
      csv: resultCsv(result),
      recorded,
    };
  },
  'lists.checks': (req, { backend }) => ({ checks: listChecks(backend.openWorkspace().db, req.list) }),
  'lists.saveProfile': (req, { backend }) => {
    const workspace = backend.writableWorkspace();
    const entry = heldFor(backend).get(req.checkId);
    if (!entry?.profile || entry.folder !== workspace.folder) {
      throw new WorkspaceError(
        'not-found',
        'That check is no longer held; check the list again, then save its profile.',
        'checkId',
      );
    }
    saveListProfile(workspace.db, entry.profile, backend.userName());
    return listProfileOf(workspace.db, entry.list)!;
  },
  'lists.profile': (req, { backend }) => listProfileOf(backend.openWorkspace().db, req.list),
};
