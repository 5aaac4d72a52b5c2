/**
 * The victim of the crash trials: opens a workspace the way the app does (taking over the lock the killed process
 * left) and runs a seeded random mix of operations through the real API until the engine SIGKILLs it — import a
 * dataset (a CSV through upload, preview and commit), attach files, change an item's status (approve, reopen),
 * build the pack with its share bundle, and restore the trial's first backup, open, and undo the restore. Before each operation it prints `begin`, after each commit `commit`, so the
 * engine knows what must survive any kill (see protocol.ts).
 *
 * Started by run-trials.ts (bundled with esbuild, so a trial does not pay for TypeScript on every start); it loads,
 * prints `loaded` and waits for its `go` line on stdin, so the engine can start the next worker while it checks.
 */
import { createHash } from 'node:crypto';
import { createInterface } from 'node:readline';
import { Backend } from '../../main/api/backend';
import { dispatch } from '../../main/api/dispatch';
import type { OperationName } from '../../shared/api/operation-names';
import type { Request, Response } from '../../shared/api/contract';
import type { ItemStatus } from '../../shared/domain/item-status';
import { seededRandom } from '../../shared/domain/privacy/synthetic';
import type { Go, Op } from './protocol';

const say = (line: string) => {
  process.stdout.write(`${line}\n`);
};

class Refused extends Error {}

async function call<K extends OperationName>(
  backend: Backend,
  operation: K,
  payload: Request<K>,
): Promise<Response<K>> {
  const result = await dispatch(backend, operation, payload);
  if (result.ok) return result.value as Response<K>;
  // Errors the app reports as its own failure are not refusals: the engine counts them as worker errors.
  if (result.error.code === 'internal') throw new Error(`${operation}: ${result.error.message}`);
  throw new Refused(`${operation}: ${result.error.code}: ${result.error.message}`);
}

type Random = () => number;
const pick = <T>(random: Random, list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
const between = (random: Random, low: number, high: number) => low + Math.floor(random() * (high - low + 1));
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

// ---- Datasets: CSV files in the template layout, local and national rows, every value within the rules. ----

interface DatasetPlan {
  id: string;
  /** The breakdown column's header and the titles the importer recognises, with the id each becomes. */
  breakdown: { header: string; values: [title: string, id: string][] } | null;
  header: string[];
  values: (random: Random) => number[];
}

const DATASET_PLANS: DatasetPlan[] = [
  {
    id: 'advice-timeliness',
    breakdown: {
      header: 'agency',
      values: [
        ['All agencies', 'all'],
        ['Educational psychology', 'ep'],
        ['Health', 'health'],
        ['Social care', 'social-care'],
      ],
    },
    header: ['advice_requests', 'advice_within_6_weeks'],
    values: (random) => {
      const requests = between(random, 40, 2400);
      return [requests, between(random, 0, requests)];
    },
  },
  {
    id: 'ehcp-timeliness',
    breakdown: null,
    header: [
      'plans_issued_den',
      'plans_issued_within_20_weeks',
      'plans_issued_gt20weeks_ltyear',
      'plans_issued_gt_1_year',
    ],
    values: (random) => {
      const den = between(random, 50, 3000);
      const within = between(random, 0, den);
      const late = between(random, 0, den - within);
      return [den, within, late, den - within - late];
    },
  },
];

const GEOGRAPHIES: [title: string, stored: string][] = [
  ['Local authority', 'local'],
  ['National', 'national'],
];

function datasetFile(
  random: Random,
  trial: number,
  n: number,
): { plan: DatasetPlan; fileName: string; bytes: Uint8Array; keys: string[] } {
  const plan = pick(random, DATASET_PLANS);
  const first = between(random, 2010, 2024);
  const last = Math.min(2025, first + between(random, 0, 7));
  const lines = [['period', 'geography', ...(plan.breakdown ? [plan.breakdown.header] : []), ...plan.header].join(',')];
  const keys: string[] = [];
  for (let year = first; year <= last; year++) {
    for (const [geographyTitle, geography] of GEOGRAPHIES) {
      for (const [title, id] of plan.breakdown?.values ?? [['', '']]) {
        lines.push(
          [String(year), geographyTitle, ...(plan.breakdown ? [title] : []), ...plan.values(random).map(String)].join(
            ',',
          ),
        );
        keys.push(`${year}|${geography}|${id}`);
      }
    }
  }
  const bytes = new TextEncoder().encode(`${lines.join('\r\n')}\r\n`);
  return { plan, fileName: `${plan.id} t${trial} op${n}.csv`, bytes, keys };
}

// ---- Evidence files: plain text with no personal data (the pack's privacy check must let builds through). ----

const WORDS = [
  'evidence',
  'review',
  'quarterly',
  'partnership',
  'provision',
  'outcome',
  'summary',
  'improvement',
  'timeline',
  'panel',
  'meeting',
  'action',
  'plan',
  'update',
  'progress',
  'area',
  'strategy',
  'data',
  'findings',
  'sufficiency',
  'commissioning',
  'assessment',
  'inclusion',
  'support',
  'training',
  'feedback',
  'co-production',
  'survey',
  'board',
  'minutes',
];

function evidenceText(random: Random, marker: string, bytes: number): Uint8Array {
  const parts = [`${marker} evidence notes for the crash trials.\n`];
  let length = parts[0]!.length;
  while (length < bytes) {
    const sentence = `${Array.from({ length: between(random, 6, 14) }, () => pick(random, WORDS)).join(' ')}.\n`;
    parts.push(sentence);
    length += sentence.length;
  }
  return new TextEncoder().encode(parts.join(''));
}

// ---- The loop. ----

interface ItemState {
  id: string;
  status: ItemStatus;
  personLevel: boolean;
}

async function run(go: Go): Promise<void> {
  const random = seededRandom(go.seed);
  const backend = new Backend({ dataDir: go.dataDir, host: 'cli', userName: 'Crash Tester' });
  await call(backend, 'workspace.breakLock', { path: go.folder, confirm: true });
  // What a restore goes back to: the workspace as this trial found it.
  const startBackup = (await call(backend, 'backups.create', {})).name;
  say('ready');
  const items = new Map<string, ItemState>(
    (await call(backend, 'checklist.list', {})).items.map((i) => [
      i.id,
      { id: i.id, status: i.status, personLevel: i.personLevel },
    ]),
  );
  const itemList = [...items.values()];

  for (let n = 0; ; n++) {
    const roll = random();
    let op: Op;
    let work: () => Promise<Op>;
    if (roll < 0.25) {
      const file = datasetFile(random, go.trial, n);
      op = {
        op: 'import',
        n,
        dataset: file.plan.id,
        fileName: file.fileName,
        sha256: sha256(file.bytes),
        keys: file.keys,
      };
      work = async () => {
        const { handle } = await call(backend, 'files.upload', { name: file.fileName, bytes: file.bytes });
        const preview = await call(backend, 'imports.preview', { dataset: file.plan.id, file: { handle } });
        if (!preview.canCommit || preview.rows.length !== file.keys.length) {
          throw new Error(
            `the importer read ${preview.rows.length} of ${file.keys.length} rows of ${file.fileName}: ${JSON.stringify(preview.problems)}`,
          );
        }
        await call(backend, 'imports.commit', { previewId: preview.previewId });
        return op;
      };
    } else if (roll < 0.5) {
      const open = itemList.filter((i) => !i.personLevel && i.status !== 'approved');
      const item = pick(random, open);
      const files = Array.from({ length: between(random, 1, 3) }, (_, k) => {
        // Sizes from 1 KB to 512 KB, spread evenly in scale: most attaches are quick, some write for a while.
        const size = Math.round(1024 * 2 ** (random() * 9));
        const name = `notes t${go.trial} op${n} file${k}.txt`;
        const bytes = evidenceText(random, `crashtrial${go.trial}x${n}x${k}`, size);
        return { name, bytes };
      });
      op = {
        op: 'attach',
        n,
        itemId: item.id,
        files: files.map((f) => ({ name: f.name, bytes: f.bytes.length, sha256: sha256(f.bytes) })),
      };
      work = async () => {
        const handles = [];
        for (const f of files)
          handles.push({ handle: (await call(backend, 'files.upload', { name: f.name, bytes: f.bytes })).handle });
        await call(backend, 'attachments.add', {
          itemId: item.id,
          files: handles,
          metadata: { documentDate: '2025-06-30' },
        });
        return op;
      };
    } else if (roll < 0.75) {
      const item = pick(random, itemList);
      const to: ItemStatus =
        item.status === 'approved'
          ? 'in-progress'
          : pick(
              random,
              (['in-progress', 'ready-for-review', 'approved', 'approved', 'not-applicable'] as const).filter(
                (s) => s !== item.status,
              ),
            );
      op = { op: 'status', n, itemId: item.id, from: item.status, to };
      work = async () => {
        await call(backend, 'checklist.update', {
          itemId: item.id,
          status: to,
          ...(item.status === 'approved' ? { reason: 'Reopened by a crash trial' } : {}),
        });
        item.status = to;
        return op;
      };
    } else if (roll < 0.88) {
      op = { op: 'build', n };
      work = async () => {
        const built = await call(backend, 'pack.build', { bundle: true, pdf: false, approvedOnly: false });
        return { op: 'build', n, version: built.version };
      };
    } else {
      op = { op: 'restore', n, backup: startBackup };
      work = async () => {
        const restored = await call(backend, 'backups.restore', { path: go.folder, name: startBackup, confirm: true });
        await call(backend, 'workspace.open', { path: go.folder });
        if (!restored.savedAs) throw new Error('the restore kept no pre-restore copy');
        await call(backend, 'backups.restore', { path: go.folder, name: restored.savedAs, confirm: true });
        return op;
      };
    }
    say(`begin ${JSON.stringify(op)}`);
    try {
      const done = await work();
      say(`commit ${JSON.stringify(done)}`);
    } catch (error) {
      if (!(error instanceof Refused)) throw error;
      say(`refused ${JSON.stringify(op)} ${error.message.replace(/\s+/g, ' ')}`);
    }
  }
}

say('loaded');
const lines = createInterface({ input: process.stdin });
let started = false;
lines.on('line', (line) => {
  if (started || !line.startsWith('go ')) return;
  started = true;
  run(JSON.parse(line.slice(3)) as Go).catch((error: unknown) => {
    process.stderr.write(`crash-trial worker failed: ${(error as Error)?.stack ?? String(error)}\n`);
    process.exit(1);
  });
});
// The engine closes stdin to stop a worker it started ahead and no longer needs.
lines.on('close', () => {
  if (!started) process.exit(0);
});
