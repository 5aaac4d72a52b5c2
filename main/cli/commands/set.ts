import { ITEM_STATUSES, isItemStatus, ITEM_STATUS_LABELS } from '../../../shared/domain/item-status';
import { RefusedError, UsageError } from '../cli-io';
import { call, openForCli } from '../cli-backend';
import type { Command } from '../command';

export const setCommand: Command = {
  name: 'set',
  summary: "Change an item's status, owner, narrative (in the pack) or your private note",
  usage:
    'sendpack set --db PATH --item ID [--status S] [--owner NAME] [--note TEXT] [--private-note TEXT] [--due DATE] [--reason TEXT] [--user NAME]',
  help: [
    '--db PATH       a workspace folder or its workspace.db',
    '--item ID       the catalogue id, e.g. jsna-send (see: sendpack status)',
    `--status S      one of ${ITEM_STATUSES.join(', ')}`,
    '--owner NAME    who owns the item',
    "--note TEXT     the item's narrative, printed in the pack (replaces the current one)",
    '--private-note TEXT  your own private note on the item: only you see it; never in the pack, tracker or bundle ("" removes it)',
    '--reason TEXT   why; required to reopen an approved item',
    '--due DATE      the item\'s own due date (YYYY-MM-DD), or "pack" to follow the pack deadline',
    '--user NAME     who is recorded as making the change',
  ],
  options: {
    db: { type: 'string' },
    item: { type: 'string' },
    status: { type: 'string' },
    owner: { type: 'string' },
    note: { type: 'string' },
    'private-note': { type: 'string' },
    reason: { type: 'string' },
    user: { type: 'string' },
    due: { type: 'string' },
  },
  async run(values, _positionals, io) {
    if (typeof values.item !== 'string' || !values.item) throw new UsageError('--item ID is required.');
    const privateNote = values['private-note'];
    const itemChange =
      values.status !== undefined ||
      values.owner !== undefined ||
      values.note !== undefined ||
      values.due !== undefined;
    if (!itemChange && privateNote === undefined) {
      throw new UsageError('Give at least one of --status, --owner, --note, --private-note or --due.');
    }
    if (typeof values.status === 'string' && !isItemStatus(values.status)) {
      throw new RefusedError(`--status "${values.status}" is not a status; use one of ${ITEM_STATUSES.join(', ')}.`);
    }
    const backend = await openForCli(values, io);
    try {
      if (privateNote !== undefined) {
        await call(backend, 'privateNotes.save', { itemId: values.item, note: privateNote });
        if (!itemChange) {
          io.stdout(`${values.item}: private note ${privateNote === '' ? 'removed' : 'saved'}\n`);
          return 0;
        }
      }
      const item = await call(backend, 'checklist.update', {
        itemId: values.item,
        status: values.status,
        owner: values.owner,
        note: values.note,
        reason: values.reason,
        dueDate: values.due === undefined ? undefined : values.due === 'pack' ? null : values.due,
      });
      io.stdout(`${item.id}: ${ITEM_STATUS_LABELS[item.status]}${item.owner ? `, owner ${item.owner}` : ''}\n`);
      return 0;
    } finally {
      backend.close();
    }
  },
};
