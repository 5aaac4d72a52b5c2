import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { seededRandom } from '../../shared/domain/privacy/synthetic';
import { describe, expect, it } from 'vitest';
import { attachFiles } from '../../main/evidence/attachments-repository';
import { blobPath } from '../../main/store/blob-store';
import { extractText } from '../../main/formats/extract-text';
import { exportWorkspace, importWorkspace } from '../../main/workspace/workspace-archive';
import { search } from '../../main/search/search-index';
import { Workspace } from '../../main/workspace/workspace';
import { makeWorkspace } from '../helpers/workspace';
import { useTempDirs } from '../helpers/temp-dir';

const tempDir = useTempDirs();

/** Seeded, so a failing sequence of kills can be replayed exactly (the seed is in every assertion message). */
const SEED = 0x5e9d2026;

interface KillPlan {
  afterCommits: number;
  delayMs: number;
}

function killPlans(): KillPlan[] {
  const random = seededRandom(SEED);
  const fixed: KillPlan[] = [
    { afterCommits: 0, delayMs: 0 },
    { afterCommits: 1, delayMs: 0 },
    { afterCommits: 3, delayMs: 0 },
  ];
  const randomised = Array.from({ length: 9 }, () => ({
    afterCommits: Math.floor(random() * 3),
    delayMs: Math.floor(random() * 80),
  }));
  return [...fixed, ...randomised];
}

const wait = (ms: number) =>
  new Promise<void>((ok) => {
    setTimeout(ok, ms);
  });

/** Runs the attach loop in its own process and SIGKILLs it after `afterCommits` commits and `delayMs` more. */
async function runAndKill(
  folder: string,
  runId: number,
  plan: KillPlan,
): Promise<{ pid: number; committed: number; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/crash-attach.ts', folder, String(runId)], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((ok) => {
    child.once('exit', (code, signal) => ok({ code, signal }));
  });
  let committed = 0;
  let ready = false;
  let stderr = '';
  let buffered = '';
  let reached: () => void = () => {};
  const target = new Promise<void>((ok) => {
    reached = ok;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    buffered += chunk;
    const lines = buffered.split('\n');
    buffered = lines.pop()!;
    for (const line of lines) {
      if (line === 'ready') ready = true;
      else if (line.startsWith('committed ')) committed = Number(line.slice('committed '.length));
    }
    if (ready && committed >= plan.afterCommits) reached();
  });
  const outcome = await Promise.race([target.then(() => 'reached' as const), exited.then(() => 'exited' as const)]);
  if (outcome === 'exited') throw new Error(`the attach loop ended before it could be killed: ${stderr}`);
  if (plan.delayMs > 0) await wait(plan.delayMs);
  child.kill('SIGKILL');
  const { signal } = await exited;
  expect(signal, stderr).toBe('SIGKILL');
  return { pid: child.pid!, committed, stderr };
}

const sha256File = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

/** Everything under files/: stored blobs as their names, and anything else (temporary files) as its path. */
function filesFolder(folder: string): { blobs: string[]; other: string[] } {
  const blobs: string[] = [];
  const other: string[] = [];
  const root = join(folder, 'files');
  for (const entry of readdirSync(root)) {
    const path = join(root, entry);
    if (!/^[0-9a-f]{2}$/.test(entry) || !statSync(path).isDirectory()) {
      other.push(entry);
      continue;
    }
    for (const name of readdirSync(path))
      (/^[0-9a-f]{64}$/.test(name) && name.startsWith(entry) ? blobs : other).push(join(entry, name));
  }
  return { blobs: blobs.map((b) => b.slice(3)), other };
}

/** The database as the killed process left it, checked without the app's own open (which would tidy up). */
function checkDatabase(
  folder: string,
  label: string,
  committedSeen: number,
): { attachments: number; referenced: Set<string> } {
  const db = new BetterSqlite3(join(folder, 'workspace.db'));
  try {
    expect(db.pragma('integrity_check', { simple: true }), label).toBe('ok');
    expect(db.pragma('foreign_key_check'), label).toEqual([]);
    const attachments = db.prepare('SELECT id, item_id, sha256, bytes, state, file_name FROM attachments').all() as {
      id: number;
      item_id: string;
      sha256: string;
      bytes: number;
      state: string;
      file_name: string;
    }[];
    for (const a of attachments) {
      const path = blobPath(folder, a.sha256);
      expect(existsSync(path), `${label}: blob of attachment ${a.id}`).toBe(true);
      expect(statSync(path).size, `${label}: size of attachment ${a.id}`).toBe(a.bytes);
      expect(sha256File(path), `${label}: SHA-256 of attachment ${a.id}`).toBe(a.sha256);
      expect(
        db.prepare('SELECT bytes FROM blobs WHERE sha256 = ?').pluck().get(a.sha256),
        `${label}: blobs row of ${a.id}`,
      ).toBe(a.bytes);
    }
    const unreferencedRows = db
      .prepare('SELECT sha256 FROM blobs b WHERE NOT EXISTS (SELECT 1 FROM attachments a WHERE a.sha256 = b.sha256)')
      .all();
    expect(unreferencedRows, `${label}: blobs rows nothing refers to`).toEqual([]);
    const unindexed = db
      .prepare(
        `SELECT id FROM attachments a WHERE a.state = 'current' AND NOT EXISTS
      (SELECT 1 FROM search_docs s WHERE s.kind = 'attachment' AND s.ref = CAST(a.id AS TEXT))`,
      )
      .all();
    expect(unindexed, `${label}: attachments without their search row`).toEqual([]);
    // What is indexed is listed in search_docs (the index itself holds no text: migration 0014).
    const indexRows = db.prepare("SELECT COUNT(*) FROM search_docs WHERE kind = 'attachment'").pluck().get() as number;
    expect(indexRows, `${label}: search rows`).toBe(attachments.length);
    const attachEvents = db.prepare("SELECT COUNT(*) FROM events WHERE action = 'attach'").pluck().get() as number;
    expect(attachEvents, `${label}: attach events`).toBe(attachments.length);
    // Each attach commits its two files together or not at all: never one without the other.
    expect(attachments.length % 2, `${label}: half an attach`).toBe(0);
    expect(attachments.length, `${label}: attachments vs commits reported`).toBeGreaterThanOrEqual(2 * committedSeen);
    for (const a of attachments.filter((x) => x.file_name.endsWith('.txt'))) {
      const marker = a.file_name.replace(/^notes-(\d+)-(\d+)\.txt$/, 'crashmarker$1x$2');
      expect(
        search(db, marker).map((h) => h.attachmentId),
        `${label}: ${marker} searchable`,
      ).toEqual([a.id]);
    }
    return { attachments: attachments.length, referenced: new Set(attachments.map((a) => a.sha256)) };
  } finally {
    db.close();
  }
}

describe('crash consistency', () => {
  it(
    'keeps the workspace consistent when the process attaching files is killed at any moment',
    { timeout: 240_000 },
    async () => {
      const folder = makeWorkspace(tempDir()).folder;
      let previous = 0;
      const plans = killPlans();
      expect(plans.length).toBeGreaterThanOrEqual(10);
      for (const [runId, plan] of plans.entries()) {
        const label = `seed ${SEED}, kill ${runId} (${JSON.stringify(plan)})`;
        const { pid, committed } = await runAndKill(folder, runId, plan);
        const { attachments, referenced } = checkDatabase(folder, label, 0);
        expect(attachments, label).toBeGreaterThanOrEqual(previous + 2 * committed);
        expect(attachments, label).toBeLessThanOrEqual(previous + 2 * (committed + 1));
        previous = attachments;

        // The killed process's lock is still there: its process has ended, so the next opener takes it over (with a
        // note) and tidies what the kill left.
        const taken = Workspace.open(folder, { user: 'Next Officer' });
        try {
          expect(taken.readOnly, label).toBe(false);
          expect(taken.tookOverFrom, label).toMatchObject({ user: 'Crash Tester', pid });
          const after = filesFolder(folder);
          expect(after.other, `${label}: temporary files left`).toEqual([]);
          expect(after.blobs.sort(), `${label}: stored files`).toEqual([...referenced].sort());
          expect(
            taken.db.prepare("SELECT COUNT(*) FROM attachments WHERE state = 'current'").pluck().get(),
            label,
          ).toBe(attachments);
        } finally {
          taken.close();
        }
        expect(existsSync(join(folder, 'workspace.lock')), label).toBe(false);
        checkDatabase(folder, `${label}, reopened`, 0);
      }
    },
  );

  it('never leaves a half-imported workspace when the importing process is killed', { timeout: 240_000 }, async () => {
    const dir = tempDir();
    const source = makeWorkspace(dir, { area: 'Sourceshire' }).folder;
    const workspace = Workspace.open(source, { user: 'Exporter' });
    const zip = join(dir, 'Sourceshire.zip');
    try {
      for (let n = 0; n < 6; n++) {
        await attachFiles(
          workspace,
          'send-strategy',
          [{ name: `part-${n}.bin`, bytes: randomBytes(3 * 1024 * 1024) }],
          {},
          'Exporter',
          extractText,
        );
      }
      await exportWorkspace(workspace.db, source, 'Sourceshire', zip);
    } finally {
      workspace.close();
    }
    const parent = join(dir, 'imports');
    mkdirSync(parent);
    const random = seededRandom(SEED + 1);
    const outcomes = { killed: 0, finished: 0 };
    for (let run = 0; run < 10; run++) {
      const target = join(parent, `Run${run}.sendpack`);
      const delayMs = run === 0 ? 0 : Math.floor(random() * 1200);
      const label = `seed ${SEED + 1}, import ${run} killed after ${delayMs} ms`;
      const child = spawn(process.execPath, ['--import', 'tsx', 'tests/fixtures/crash-import.ts', zip, target], {
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      const exited = new Promise<NodeJS.Signals | null>((ok) => {
        child.once('exit', (_code, signal) => ok(signal));
      });
      let out = '';
      await new Promise<void>((ok) => {
        child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
          out += chunk;
          if (out.includes('ready')) ok();
        });
        void exited.then(() => ok());
      });
      await wait(delayMs);
      child.kill('SIGKILL');
      const signal = await exited;
      outcomes[signal === 'SIGKILL' && !out.includes('imported') ? 'killed' : 'finished']++;
      // The target is either absent or a whole workspace that opens, with every file and row intact.
      if (existsSync(target)) {
        expect(readdirSync(target).sort(), label).toEqual(['backups', 'bin', 'files', 'workspace.db']);
        const copy = Workspace.open(target, { user: 'Importer' });
        try {
          expect(copy.readOnly, label).toBe(false);
          const shas = copy.db.prepare('SELECT sha256 FROM attachments').pluck().all() as string[];
          expect(shas, label).toHaveLength(6);
          for (const sha of shas) expect(sha256File(blobPath(target, sha)), label).toBe(sha);
        } finally {
          copy.close();
        }
      }
    }
    expect(outcomes.killed, JSON.stringify(outcomes)).toBeGreaterThan(0);
    // A later import tidies the staging folders the killed ones left, and succeeds.
    await importWorkspace(zip, join(parent, 'Final.sendpack'));
    expect(
      readdirSync(parent).filter((n) => n.startsWith('.')),
      'staging folders left',
    ).toEqual([]);
  });
});
