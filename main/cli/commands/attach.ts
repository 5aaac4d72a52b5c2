import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { call, openForCli } from '../cli-backend';
import { RefusedError, UsageError } from '../cli-io';
import type { Command } from '../command';

export const attachCommand: Command = {
  name: 'attach',
  summary: 'Attach evidence files to a checklist item',
  usage:
    'sendpack attach --db PATH --item ID FILE... [--title T] [--date YYYY-MM-DD] [--version V] [--author A] [--source S]',
  help: [
    '--db PATH        a workspace folder or its workspace.db',
    '--item ID        the checklist item, e.g. jsna-send',
    'FILE...          one or more files of any type',
    "--title T        the attachment's title (one file only; default: the file name)",
    "--date DATE      the document's date (YYYY-MM-DD), which its freshness is counted from",
    '--version V, --author A, --source S, --note N   more details',
    '--user NAME      who is recorded as attaching',
  ],
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    item: { type: 'string' },
    title: { type: 'string' },
    date: { type: 'string' },
    version: { type: 'string' },
    author: { type: 'string' },
    source: { type: 'string' },
    note: { type: 'string' },
    user: { type: 'string' },
  },
  async run(values, files, io) {
    if (typeof values.item !== 'string') throw new UsageError('--item ID is required.');
    if (files.length === 0) throw new UsageError('Name at least one FILE to attach.');
    for (const file of files) {
      try {
        if (!statSync(file).isFile()) throw new Error();
      } catch {
        throw new RefusedError(`${file} is not a file that can be read.`);
      }
    }
    const backend = await openForCli(values, io);
    try {
      // Named by path: streamed into the workspace when attached, never read whole (a file of any size).
      const handles = files.map((file) => ({ handle: backend.uploads.putPath(resolve(file)).handle }));
      const metadata = Object.fromEntries(
        Object.entries({
          title: values.title,
          documentDate: values.date,
          versionLabel: values.version,
          author: values.author,
          source: values.source,
          note: values.note,
        }).filter(([, v]) => v !== undefined),
      );
      const { attachments } = await call(backend, 'attachments.add', { itemId: values.item, files: handles, metadata });
      for (const a of attachments) {
        const text =
          a.textStatus === 'not-scanned'
            ? ` — text not read: ${a.notScannedReason}`
            : a.notScannedReason
              ? ` — ${a.notScannedReason}`
              : '';
        io.stdout(
          `Attached ${a.fileName} to ${a.itemId} as "${a.title}" (${a.bytes} bytes, sha256 ${a.sha256?.slice(0, 12)})${text}\n`,
        );
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
