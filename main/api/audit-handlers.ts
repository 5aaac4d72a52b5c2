import type { Handlers } from './handler-types';
import { listEvents } from '../checklist/audit-events';
import { auditTrailCsv } from '../checklist/audit-csv';
import { workspaceFolderName } from '../workspace/workspace-folder';
import { search } from '../search/search-index';

export const auditHandlers: Handlers<'audit.list' | 'audit.exportCsv' | 'search.query'> = {
  'audit.list': (req, { backend }) => ({
    events: listEvents(backend.openWorkspace().db, req.itemId).map((e) => ({ ...e, reason: e.reason ?? null })),
  }),
  'audit.exportCsv': (_req, { backend }) => {
    const workspace = backend.openWorkspace();
    const area = workspaceFolderName(workspace.session().areaName).replace(/\.sendpack$/, '');
    return { fileName: `${area} audit trail ${new Date().toISOString().slice(0, 10)}.csv`, csv: auditTrailCsv(listEvents(workspace.db)) };
  },
  'search.query': (req, { backend }) => ({ hits: search(backend.openWorkspace().db, req.query) }),
};
