/**
 * A replica process for the sync trials (sync-trials.ts): opens its workspace as the app does (taking over the lock a
 * killed predecessor left), keeps it connected to the sync server (LiveSync, as the desktop and browser hosts do) and
 * runs the engine's operations one line at a time, through the same store functions the app uses.
 *
 * Engine → worker (stdin, JSON lines): {op:'edit', n, item, word, at} inserts a unique word into the item's narrative
 * at a fraction `at` of its length (between words); {op:'owner', n, item, value}; {op:'offline'}; {op:'online'};
 * {op:'settle'} answers once everything here has reached the server.
 * Worker → engine (stdout): `ready`, `saved <n>` once the change has committed to the workspace database (it must
 * survive any kill from then on), `settled`, `refused <n> <why>`.
 */
import { createInterface } from 'node:readline';
import { openWorkspace } from '../../main/workspace/open-workspace';
import { SHIPPED_CATALOGUE } from '../../main/catalogue/shipped-catalogue';
import { getItem } from '../../main/checklist/checklist-repository';
import { updateItem } from '../../main/review/update-item';
import { LiveSync } from '../../main/sync/live-sync';
import { isRole } from '../../main/sync/doc-model';

const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};
const [folder, server, token, name, role] = process.argv.slice(2) as [string, string, string, string, string];

async function main(): Promise<void> {
  const workspace = await openWorkspace(folder, { user: name, catalogue: SHIPPED_CATALOGUE, breakLock: true });
  if (!workspace.isWritable()) throw new Error(`${name} could not take the workspace's lock`);
  if (!isRole(role)) throw new Error(`role ${role}`);
  const live = new LiveSync(workspace, {
    server,
    token,
    person: { name, role },
    extract: async () => ({ status: 'not-scanned', kind: 'unknown', reason: 'trial' }),
  });
  say('ready');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    const op = JSON.parse(line) as {
      op: string;
      n?: number;
      item?: string;
      word?: string;
      at?: number;
      value?: string;
    };
    try {
      if (op.op === 'edit') {
        const note = getItem(workspace.db, op.item!).note;
        const words = note ? note.split(' ') : [];
        words.splice(Math.floor(op.at! * (words.length + 1)), 0, op.word!);
        updateItem(workspace.db, { itemId: op.item!, note: words.join(' ') }, name);
        say(`saved ${op.n}`);
        live.localChanged();
      } else if (op.op === 'owner') {
        updateItem(workspace.db, { itemId: op.item!, owner: op.value! }, name);
        say(`saved ${op.n}`);
        live.localChanged();
      } else if (op.op === 'offline') {
        live.disconnect();
      } else if (op.op === 'online') {
        await live.connect();
      } else if (op.op === 'settle') {
        const end = Date.now() + 60_000;
        live.localChanged();
        while (!live.inStep && Date.now() < end) await new Promise((r) => setTimeout(r, 25));
        say(live.inStep ? 'settled' : 'not-settled');
      } else if (op.op === 'quit') {
        await live.close();
        workspace.close();
        process.exit(0);
      }
    } catch (error) {
      say(`refused ${op.n ?? ''} ${(error as Error).message.replace(/\n/g, ' ')}`);
    }
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack}\n`);
  process.exit(3);
});
