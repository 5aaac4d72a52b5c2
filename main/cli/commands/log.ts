import { call, openForCli } from '../cli-backend';
import type { Command } from '../command';

export const logCommand: Command = {
  name: 'log',
  summary: 'Show the audit trail: who changed what, and when',
  usage: 'sendpack log --db PATH [--item ID] [--json]',
  help: [
    '--db PATH    a workspace folder or its workspace.db',
    "--item ID    only this item's events",
    '--json       print {"events": [{"at", "who", "item", "action", "before", "after", "reason"}]}',
  ],
  options: { db: { type: 'string' }, item: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const backend = await openForCli(values, io);
    try {
      const { events } = await call(backend, 'audit.list', values.item ? { itemId: values.item } : {});
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              events: events.map((e) => ({
                at: e.at,
                who: e.who,
                item: e.itemId,
                action: e.action,
                before: e.before,
                after: e.after,
                reason: e.reason,
              })),
            },
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      for (const e of events) {
        const change = e.before !== null || e.after !== null ? `: ${e.before ?? ''} → ${e.after ?? ''}` : '';
        io.stdout(
          `${e.at}  ${e.who}  ${e.itemId ?? '(workspace)'}  ${e.action}${change.replace(/\s+/g, ' ').slice(0, 160)}${e.reason ? ` (reason: ${e.reason})` : ''}\n`,
        );
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
