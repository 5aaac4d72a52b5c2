import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { lastLine, sendpackAsync, startServerProcess, type ServerProcess } from '../../helpers/sync-processes';

const tempDir = useTempDirs();
let server: ServerProcess | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

interface Officer {
  name: string;
  dir: string;
  db: string;
  token: string;
}

type StatusItem = {
  id: string;
  status: string;
  owner: string;
  note: string;
  attachments: number;
  approvedBy: string | null;
};
type Json = { workspace: string; inStep: boolean; digest: string };

async function status(o: Officer): Promise<Map<string, StatusItem>> {
  const run = await sendpackAsync(['status', '--db', o.db, '--json'], o.dir);
  expect(run.code, run.stderr).toBe(0);
  return new Map((JSON.parse(run.stdout) as { items: StatusItem[] }).items.map((i) => [i.id, i]));
}

async function log(
  o: Officer,
  item: string,
): Promise<{ who: string; action: string; before: string | null; after: string | null; reason: string | null }[]> {
  const run = await sendpackAsync(['log', '--db', o.db, '--item', item, '--json'], o.dir);
  expect(run.code, run.stderr).toBe(0);
  return (JSON.parse(run.stdout) as { events: never[] }).events;
}

async function set(o: Officer, item: string, ...args: string[]): Promise<void> {
  const run = await sendpackAsync(['set', '--db', o.db, '--item', item, '--user', o.name, ...args], o.dir);
  expect(run.code, run.stderr).toBe(0);
}

async function sync(o: Officer, url: string): Promise<Json & { code: number | null; stderr: string }> {
  const run = await sendpackAsync(['sync', '--db', o.db, '--server', url, '--json', '--user', o.name], o.dir, {
    SENDPACK_SYNC_TOKEN: o.token,
  });
  expect(run.stdout, run.stderr).toMatch(/^\{/);
  return { ...(JSON.parse(run.stdout) as Json), code: run.code, stderr: run.stderr };
}

async function invite(data: string, name: string, role: string): Promise<string> {
  const run = await sendpackAsync(['sync-server', 'invite', '--data', data, '--name', name, '--role', role], data);
  expect(run.code, run.stderr).toBe(0);
  return lastLine(run.stdout);
}

/** A server process and a coordinator's published workspace; more officers join with `join`. */
async function partnership() {
  const data = join(tempDir(), 'server');
  const coordinatorToken = await invite(data, 'Cora Hale', 'coordinator');
  server = await startServerProcess(data);
  const url = server.url;
  const cora: Officer = { name: 'Cora Hale', dir: tempDir(), db: '', token: coordinatorToken };
  cora.db = join(cora.dir, 'Northshire.sendpack');
  expect(
    (
      await sendpackAsync(
        ['init', '--db', cora.db, '--area', 'Northshire', '--la-code', '841', '--user', cora.name],
        cora.dir,
      )
    ).code,
  ).toBe(0);
  const first = await sync(cora, url);
  expect(first.code, first.stderr).toBe(0);
  const workspace = first.workspace;
  const join_ = async (name: string, role: string): Promise<Officer> => {
    // Invited while the server runs: the token works at once.
    const o: Officer = { name, dir: tempDir(), db: '', token: await invite(data, name, role) };
    o.db = join(o.dir, 'Replica.sendpack');
    const run = await sendpackAsync(
      ['join', '--server', url, '--workspace', workspace, '--db', o.db, '--json', '--user', name],
      o.dir,
      { SENDPACK_SYNC_TOKEN: o.token },
    );
    expect(run.code, run.stderr + run.stdout).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ workspace, inStep: true });
    return o;
  };
  return { data, url, cora, workspace, join: join_ };
}

describe('the partnership on one workspace through a sync server (separate processes, own data folders)', () => {
  it('three officers edit different items and one narrative at once, one of them offline for part of it; all converge with the evidence intact', async () => {
    const p = await partnership();
    const ben = await p.join('Ben Okafor (ICB)', 'contributor');
    const cai = await p.join('Cai Evans (social care)', 'contributor');
    expect((await status(ben)).get('jsna-send')!.status).toBe('not-started');

    // Cora attaches evidence and starts the shared narrative; everyone takes it.
    const evidence = join(p.cora.dir, 'SEND-JSNA-chapter-2026.txt');
    writeFileSync(evidence, `Joint strategic needs assessment, SEND chapter.\n${'Prevalence by ward. '.repeat(2000)}`);
    const sha = createHash('sha256').update(readFileSync(evidence)).digest('hex');
    expect(
      (
        await sendpackAsync(
          ['attach', '--db', p.cora.db, '--item', 'jsna-send', evidence, '--user', p.cora.name],
          p.cora.dir,
        )
      ).code,
    ).toBe(0);
    await set(
      p.cora,
      'send-strategy',
      '--note',
      'The strategy was agreed by the partnership board.',
      '--status',
      'in-progress',
    );
    expect((await sync(p.cora, p.url)).inStep).toBe(true);
    await Promise.all([sync(ben, p.url), sync(cai, p.url)]);

    // Cai goes offline and edits the shared narrative; Cora and Ben edit it and other items, syncing at the same time.
    await set(cai, 'send-strategy', '--note', 'Since March: the strategy was agreed by the partnership board.');
    await set(cai, 'local-offer', '--owner', "Children's social care");
    // (Each officer's own commands run one after another: one process at a time holds a workspace.)
    await Promise.all([
      (async () => {
        await set(p.cora, 'send-strategy', '--note', 'The strategy was agreed by the partnership board in May 2026.');
        await set(p.cora, 'self-evaluation', '--note', 'Draft self-evaluation in progress.');
      })(),
      (async () => {
        await set(
          ben,
          'send-strategy',
          '--note',
          'The strategy was agreed by the partnership board. The ICB signed it too.',
        );
        await set(ben, 'jsna-send', '--owner', 'Public health (ICB)', '--status', 'in-progress');
      })(),
    ]);
    const concurrent = await Promise.all([sync(p.cora, p.url), sync(ben, p.url)]);
    expect(
      concurrent.every((r) => r.code === 0),
      concurrent.map((r) => r.stderr).join('\n'),
    ).toBe(true);
    // Cai is back online.
    expect((await sync(cai, p.url)).code).toBe(0);
    const final = [];
    for (const o of [p.cora, ben, cai]) final.push(await sync(o, p.url));
    expect(final.map((r) => r.inStep)).toEqual([true, true, true]);
    const digests = new Set(final.map((r) => r.digest));
    const serverDigest = await sendpackAsync(
      ['sync-server', 'digest', '--data', p.data, '--workspace', p.workspace],
      p.data,
    );
    digests.add(serverDigest.stdout.trim());
    expect(digests.size, 'every replica and the server hold one state').toBe(1);

    const states = await Promise.all([p.cora, ben, cai].map(status));
    for (const s of states) {
      const narrative = s.get('send-strategy')!.note;
      // Each officer keeps their words: the engine merged the three edits.
      expect(narrative).toContain('Since March');
      expect(narrative).toContain('in May 2026');
      expect(narrative).toContain('The ICB signed it too.');
      expect(s.get('jsna-send')).toMatchObject({ owner: 'Public health (ICB)', status: 'in-progress', attachments: 1 });
      expect(s.get('local-offer')!.owner).toBe("Children's social care");
      expect(s.get('self-evaluation')!.note).toBe('Draft self-evaluation in progress.');
    }
    // The evidence file arrived intact on every replica.
    for (const o of [ben, cai]) {
      const copy = readFileSync(join(o.db, 'files', sha.slice(0, 2), sha));
      expect(createHash('sha256').update(copy).digest('hex')).toBe(sha);
    }
    // Remote changes are in each audit trail with their author as the server authenticated them.
    const trail = await log(p.cora, 'local-offer');
    expect(trail.at(-1)).toMatchObject({
      who: 'Cai Evans (social care)',
      action: 'owner',
      after: "Children's social care",
    });
  }, 180_000);

  it("refuses a viewer's edits at the server, counts approvals only from a coordinator, and reopens an approved item someone edits", async () => {
    const p = await partnership();
    const ben = await p.join('Ben Okafor (ICB)', 'contributor');
    const vic = await p.join('Vic Patel (parent carer forum)', 'viewer');

    await set(p.cora, 'jsna-send', '--note', 'JSNA chapter refreshed.', '--status', 'ready-for-review');
    await sync(p.cora, p.url);
    // A viewer reads the workspace…
    await sync(vic, p.url);
    expect((await status(vic)).get('jsna-send')!.note).toBe('JSNA chapter refreshed.');
    // …but what they change locally is not taken by anyone: the server is read-only for them.
    await set(vic, 'jsna-send', '--note', 'A viewer rewrote this.');
    const vicSync = await sync(vic, p.url);
    expect(vicSync.stderr).toMatch(/Not shared: Vic Patel \(parent carer forum\) is a viewer.*jsna-send were put back/);
    await sync(p.cora, p.url);
    expect((await status(p.cora)).get('jsna-send')!.note).toBe('JSNA chapter refreshed.');
    expect((await status(vic)).get('jsna-send')!.note).toBe('JSNA chapter refreshed.');

    // A contributor's approval does not count.
    await sync(ben, p.url);
    await set(ben, 'jsna-send', '--status', 'approved');
    await sync(ben, p.url);
    await sync(p.cora, p.url);
    expect((await status(p.cora)).get('jsna-send')!.status).toBe('ready-for-review');
    expect((await status(ben)).get('jsna-send')!.status).toBe('ready-for-review');
    const benTrail = await log(ben, 'jsna-send');
    expect(benTrail.some((e) => e.action === 'approval-not-counted' && e.who === 'Ben Okafor (ICB)')).toBe(true);

    // The coordinator's does.
    await set(p.cora, 'send-strategy', '--note', 'Agreed.', '--status', 'approved');
    await sync(p.cora, p.url);
    await sync(ben, p.url);
    expect((await status(ben)).get('send-strategy')).toMatchObject({ status: 'approved', approvedBy: 'Cora Hale' });

    // Ben edits the narrative while Cora approves it: his edit reaches an approved item, which goes back to review.
    await set(ben, 'jsna-send', '--note', 'JSNA chapter refreshed with 2026 prevalence.');
    await set(p.cora, 'jsna-send', '--status', 'approved');
    await sync(p.cora, p.url);
    await sync(ben, p.url);
    await sync(p.cora, p.url);
    for (const o of [p.cora, ben]) {
      expect((await status(o)).get('jsna-send')).toMatchObject({
        note: 'JSNA chapter refreshed with 2026 prevalence.',
        status: 'ready-for-review',
        approvedBy: null,
      });
    }
    const trail = await log(p.cora, 'jsna-send');
    expect(trail.filter((e) => e.action === 'status').at(-1)).toMatchObject({
      who: 'Ben Okafor (ICB)',
      before: 'approved',
      after: 'ready-for-review',
    });
    expect(trail.filter((e) => e.action === 'status').at(-1)!.reason).toMatch(/changed it after it was approved/);
  }, 180_000);
});
