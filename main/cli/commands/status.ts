import { ITEM_STATUS_LABELS } from '../../../shared/domain/item-status';
import { findLocalAuthorityByOldCode } from '../../catalogue/local-authorities';
import { call, openForCli } from '../cli-backend';
import { privateNotesOf } from '../../checklist/private-notes';
import type { Command } from '../command';

export const statusCommand: Command = {
  name: 'status',
  summary: 'Show every checklist item with its status, owner, narrative and your own private note',
  usage: 'sendpack status --db PATH [--json] [--user NAME]',
  help: [
    '--db PATH   a workspace folder or its workspace.db',
    '--json      print one JSON document on stdout ("note" is the narrative in the pack; "privateNote" your own)',
    "--user NAME whose private notes to show (default: this installation's name)",
  ],
  options: { db: { type: 'string' }, json: { type: 'boolean' }, user: { type: 'string' } },
  async run(values, _positionals, io) {
    const backend = await openForCli(values, io);
    try {
      const session = backend.openWorkspace().session();
      const { items } = await call(backend, 'checklist.list', {});
      const plan = await call(backend, 'plan.get', {});
      const la = session.laCode ? findLocalAuthorityByOldCode(session.laCode) : undefined;
      // The caller's own private notes only: --user (or this installation's name) is whose notes these are.
      const privateNotes = privateNotesOf(backend.openWorkspace().db, backend.userName());
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              area: {
                name: session.areaName,
                laCode: session.laCode,
                laName: la?.name ?? null,
                newLaCode: la?.newCode ?? null,
                catalogueVersion: session.catalogueVersion,
                path: session.path,
                readOnly: session.readOnly,
              },
              items: items.map((i) => ({
                id: i.id,
                title: i.title,
                areas: i.areas,
                kind: i.kinds.join('+'),
                status: i.status,
                owner: i.owner,
                note: i.note,
                privateNote: privateNotes.get(i.id) ?? '',
                personLevel: i.personLevel,
                approvedBy: i.approvedBy,
                approvedAt: i.approvedAt,
                due: i.due,
                overdue: i.overdue,
                stale: i.stale,
                expires: i.expires,
                attachments: i.attachments,
              })),
              outcome: plan.outcome?.outcome ?? null,
              followUp: plan.followUp.map((m) => ({
                milestone: m.id,
                due: m.date,
                name: m.name,
                verified: m.verified,
                done: m.done,
              })),
              afterInspection: plan.outcome
                ? {
                    outcome: plan.outcome.outcome,
                    label: plan.outcome.outcomeLabel,
                    siteWeek: plan.outcome.siteWeekStart,
                    siteWeekEnd: plan.outcome.siteWeekEnd,
                    received: plan.outcome.reportReceived,
                    published: plan.outcome.reportPublished,
                    areasForImprovement: plan.outcome.areasForImprovement,
                    areasForPriorityAction: plan.outcome.areasForPriorityAction,
                    current: plan.current,
                  }
                : null,
              actions: plan.actions.map((a) => ({
                id: a.id,
                action: a.action,
                area: a.area,
                lead: a.lead,
                due: a.due,
                rag: a.rag,
                overdue: a.overdue,
                completedOn: a.completedOn,
                metrics: a.metrics.map((m) => ({
                  id: m.metricId,
                  baseline: m.baseline,
                  target: m.target,
                  latest: m.latest,
                  trend: m.trend,
                })),
              })),
            },
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      io.stdout(`${session.areaName}${session.laCode ? ` (LA ${session.laCode})` : ''}: ${items.length} items\n`);
      if (plan.outcome) {
        const next = plan.followUp.find((m) => !m.done && m.date >= plan.today);
        io.stdout(
          `Inspection outcome: ${plan.outcome.outcomeLabel}; ${plan.actions.length} plan action${plan.actions.length === 1 ? '' : 's'}` +
            `${next ? `; next: ${next.name} ${next.date}` : ''}\n`,
        );
      }
      const width = Math.max(...items.map((i) => i.id.length));
      for (const item of items) {
        const extras = [
          item.owner && `owner: ${item.owner}`,
          item.due && `due ${item.due}${item.overdue ? ' (overdue)' : ''}`,
          item.attachments && `${item.attachments} file${item.attachments === 1 ? '' : 's'}`,
          item.stale && `stale since ${item.expires}`,
          item.note && `note: ${item.note.replace(/\s+/g, ' ').slice(0, 60)}`,
        ]
          .filter(Boolean)
          .join('; ');
        io.stdout(`${item.id.padEnd(width)}  ${ITEM_STATUS_LABELS[item.status].padEnd(16)}  ${extras}\n`);
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
