import type { Handlers } from './handler-types';
import { listEvents, queryEvents } from '../audit/audit-events';
import { auditTrailCsv } from '../audit/audit-csv';
import { workspaceFolderName } from '../workspace/workspace-folder';
import { search } from '../search/search-index';
import { WorkspaceError } from '../refusal/refusal';
import { itemEverLoaded } from '../checklist/checklist-repository';

export const auditHandlers: Handlers<'audit.list' | 'audit.exportCsv' | 'search.query'> = {
  'audit.list': (req, { backend }) => {
    const db = backend.openWorkspace().db;
    // Retired items keep their history, so the check is against every item ever loaded, not the current checklist.
    if (req.itemId && !itemEverLoaded(db, req.itemId)) {
      throw new WorkspaceError('not-found', `There is no checklist item with id "${req.itemId}".`, 'itemId');
    }
    if (!req.page && !req.who && !req.action && !req.from && !req.to) {
      const { people, actions } = queryEvents(db, { itemId: req.itemId, limit: 0 });
      const events = listEvents(db, req.itemId).map((e) => ({ ...e, reason: e.reason ?? null }));
      return { events, total: events.length, people, actions };
    }
    const page = queryEvents(db, {
      itemId: req.itemId,
      who: req.who,
      action: req.action,
      from: req.from,
      to: req.to,
      offset: req.page?.offset,
      limit: req.page?.limit,
    });
    return { ...page, events: page.events.map((e) => ({ ...e, reason: e.reason ?? null })) };
  },
  'audit.exportCsv': (_req, { backend }) => {
    const workspace = backend.openWorkspace();
    const area = workspaceFolderName(workspace.session().areaName).replace(/\.sendpack$/, '');
    return {
      fileName: `${area} audit trail ${new Date().toISOString().slice(0, 10)}.csv`,
      csv: auditTrailCsv(listEvents(workspace.db)),
    };
  },
  'search.query': (req, { backend }) => ({ hits: search(backend.openWorkspace().db, req.query) }),
};
