import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { HocuspocusProvider } from '@hocuspocus/provider';
import WebSocket from 'ws';
import type { Workspace } from '../workspace/workspace';
import type { Extractor } from '../evidence/extractor';
import { recordBlob, storeFiles, type StoredFile } from '../evidence/attachments-repository';
import { blobPath, sha256Of } from '../store/blob-store';
import { WorkspaceError } from '../refusal/refusal';
import { attachmentsOf, docDigest, isRole, type AttachmentRecord, type Author } from './doc-model';
import { Replica, setWorkspaceSyncId, workspaceSyncId } from './replica';

export interface SyncOnceOptions {
  server: string;
  token: string;
  extract: Extractor;
  /** A workspace id to join (a new replica); otherwise the workspace's own, or a new one when it is first published. */
  joinWorkspace?: string;
  timeoutMs?: number;
}

export interface SyncReport {
  workspace: string;
  inStep: boolean;
  person: Author;
  digest: string;
  serverDigest: string | null;
  pulledItems: number;
  pushedItems: number;
  filesSent: number;
  filesReceived: number;
  /** Files the document names that could not be fetched (what failed, in words). */
  fileProblems: string[];
  /** A viewer's own changes to these items were put back: viewers read, and the server takes nothing from them. */
  putBack: string[];
}

/** The HTTP address beside a ws:// or wss:// sync server address. */
export function httpBase(server: string): string {
  const url = new URL(server);
  if (url.protocol !== 'ws:' && url.protocol !== 'wss:') {
    throw new WorkspaceError(
      'invalid-request',
      `--server "${server}" is not a sync server address; it starts ws:// (or wss:// with TLS), e.g. ws://127.0.0.1:4455.`,
      'server',
    );
  }
  return `${url.protocol === 'wss:' ? 'https:' : 'http:'}//${url.host}`;
}

async function request(server: string, token: string, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(`${httpBase(server)}/sendpack/${path}`, {
      ...init,
      headers: { ...init.headers, Authorization: `Bearer ${token}` },
    });
  } catch (error) {
    throw new WorkspaceError(
      'refused',
      `The sync server at ${server} cannot be reached (${(error as { cause?: Error }).cause?.message ?? (error as Error).message}). Your changes are kept here and go when it can.`,
    );
  }
}

export async function whoAmI(server: string, token: string): Promise<Author> {
  const response = await request(server, token, 'whoami');
  if (response.status === 401)
    throw new WorkspaceError(
      'refused',
      `The sync server at ${server} does not know this token (or it was replaced). Ask your coordinator for a new one.`,
      'token',
    );
  if (!response.ok) throw new WorkspaceError('refused', `The sync server at ${server} answered ${response.status}.`);
  const body = (await response.json()) as { name?: unknown; role?: unknown };
  if (typeof body.name !== 'string' || !isRole(body.role))
    throw new WorkspaceError('refused', `${server} is not a SEND Evidence Pack sync server.`);
  return { name: body.name, role: body.role };
}

/** Connects a replica's document to the server; resolves once the first exchange is done. */
export function connect(
  replica: Replica,
  server: string,
  token: string,
  workspace: string,
  timeoutMs: number,
): Promise<HocuspocusProvider> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      provider.destroy();
      reject(
        new WorkspaceError(
          'refused',
          `The sync server at ${server} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
        ),
      );
    }, timeoutMs);
    // The provider hands its whole configuration to the socket it makes, so the Node WebSocket (ws) goes in here.
    const provider: HocuspocusProvider = new HocuspocusProvider({
      url: server,
      name: workspace,
      document: replica.wire,
      token,
      ...({ WebSocketPolyfill: WebSocket } as object),
      onSynced: () => {
        clearTimeout(timer);
        resolve(provider);
      },
      onAuthenticationFailed: ({ reason }) => {
        clearTimeout(timer);
        provider.destroy();
        reject(new WorkspaceError('refused', `The sync server refused this token: ${reason}`, 'token'));
      },
    });
  });
}

const until = async (test: () => boolean, timeoutMs: number): Promise<boolean> => {
  const end = Date.now() + timeoutMs;
  await new Promise((r) => setImmediate(r)); // local changes reach the provider's document in a microtask
  while (!test()) {
    if (Date.now() > end) return false;
    await new Promise((r) => setTimeout(r, 20));
  }
  return true;
};

/** Sends the evidence files of this replica's attachments the server does not have yet. */
export async function sendFiles(
  replica: Replica,
  folder: string,
  server: string,
  token: string,
  serverHas = new Set<string>(),
): Promise<number> {
  let sent = 0;
  const wanted = new Set([...attachmentsOf(replica.doc).values()].map((a) => a.sha256));
  for (const sha of wanted) {
    // Files are never changed once stored: one the server was seen to have is not asked about again.
    if (serverHas.has(sha)) continue;
    const path = blobPath(folder, sha);
    if (!existsSync(path)) continue;
    const head = await request(server, token, `blobs/${sha}`, { method: 'HEAD' });
    if (head.status === 200) {
      serverHas.add(sha);
      continue;
    }
    const put = await request(server, token, `blobs/${sha}`, { method: 'PUT', body: readFileSync(path) });
    if (put.status === 403) break; // a viewer: nothing of theirs is taken
    if (!put.ok)
      throw new WorkspaceError(
        'refused',
        `The sync server would not store evidence file ${sha.slice(0, 12)}…: ${((await put.json()) as { error?: string }).error ?? put.status}`,
      );
    serverHas.add(sha);
    sent++;
  }
  return sent;
}

/** Fetches the files the document names that this replica lacks, each checked against its SHA-256 before it is kept. */
export async function receiveFiles(
  workspace: Workspace,
  replica: Replica,
  server: string,
  token: string,
  extract: Extractor,
  missing: string[],
): Promise<{ received: number; problems: string[] }> {
  workspace.assertWritable();
  let received = 0;
  const problems: string[] = [];
  const records = [...attachmentsOf(replica.doc).values()];
  const queue = [...new Set(missing)];
  const arrived: { record: AttachmentRecord; bytes: Uint8Array }[] = [];
  // Several at once: a cold replica fetches hundreds of files, and each is a round trip.
  const fetchOne = async (sha: string) => {
    const record = records.find((r) => r.sha256 === sha);
    if (!record) return;
    const response = await request(server, token, `blobs/${sha}`);
    if (response.status === 404) {
      problems.push(`"${record.fileName}" is not on the sync server yet (whoever attached it has not synced since).`);
      return;
    }
    if (!response.ok) {
      problems.push(`"${record.fileName}" could not be fetched (server answered ${response.status}).`);
      return;
    }
    const bytes = new Uint8Array(await response.arrayBuffer());
    const got = sha256Of(bytes);
    if (got !== sha) {
      problems.push(`"${record.fileName}" arrived damaged (SHA-256 ${got}, expected ${sha}); it was not kept.`);
      return;
    }
    arrived.push({ record, bytes });
  };
  await Promise.all(
    Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let sha = queue.shift(); sha; sha = queue.shift()) await fetchOne(sha);
    }),
  );
  const stored: StoredFile[] = [];
  for (const { record, bytes } of arrived)
    stored.push(...(await storeFiles(workspace, [{ name: record.fileName, bytes }], extract)));
  const at = new Date().toISOString();
  workspace.db.transaction(() => {
    for (const s of stored) recordBlob(workspace.db, s, at);
  })();
  received = stored.length;
  return { received, problems };
}

async function serverDigest(server: string, token: string, workspace: string): Promise<string | null> {
  const response = await request(server, token, `workspaces/${workspace}/digest`);
  if (!response.ok) return null;
  return ((await response.json()) as { digest: string }).digest;
}

/**
 * Syncs a workspace once with a sync server: publishes it on its first sync, exchanges document updates (each stored
 * with its row changes in one transaction), sends and fetches evidence files, and answers whether this replica and
 * the server now hold the same shared state (their digests match).
 */
export async function syncOnce(workspace: Workspace, options: SyncOnceOptions): Promise<SyncReport> {
  workspace.assertWritable();
  const timeoutMs = options.timeoutMs ?? 30_000;
  const person = await whoAmI(options.server, options.token);
  const db = workspace.db;
  let id = workspaceSyncId(db);
  if (options.joinWorkspace) {
    if (id && id !== options.joinWorkspace)
      throw new WorkspaceError(
        'refused',
        `This workspace is already shared as ${id}, not ${options.joinWorkspace}.`,
        'workspace',
      );
    id = options.joinWorkspace;
  }
  if (!id) {
    if (person.role === 'viewer')
      throw new WorkspaceError(
        'refused',
        `${person.name} is a viewer: a viewer can join a shared workspace but not publish one.`,
        'token',
      );
    id = randomUUID();
  }
  setWorkspaceSyncId(db, id);
  const replica = new Replica(db, workspace.folder, person.role === 'viewer');
  let provider: HocuspocusProvider | null = null;
  try {
    provider = await connect(replica, options.server, options.token, id, timeoutMs);
    let outcome = replica.bind();
    const putBack = outcome.putBack;
    await until(() => provider!.unsyncedChanges === 0, timeoutMs);
    const filesSent =
      person.role === 'viewer' ? 0 : await sendFiles(replica, workspace.folder, options.server, options.token);
    const { received, problems } = await receiveFiles(
      workspace,
      replica,
      options.server,
      options.token,
      options.extract,
      outcome.missingFiles,
    );
    if (received > 0) outcome = replica.bind();
    await replica.finishScrub();
    // In step: nothing unsent, every named file here, and the server's digest is this replica's (the server's own
    // rule changes, such as an approval that did not count, arrive a moment after the change they answer).
    let remote: string | null = null;
    const inStep =
      (await until(() => provider!.unsyncedChanges === 0, timeoutMs)) &&
      (await (async () => {
        const end = Date.now() + Math.min(timeoutMs, 5000);
        for (;;) {
          remote = await serverDigest(options.server, options.token, id!);
          if (remote === docDigest(replica.doc) && replica.rowDigest() === remote) return true;
          if (Date.now() > end) return false;
          await new Promise((r) => setTimeout(r, 100));
        }
      })());
    return {
      workspace: id,
      person,
      digest: docDigest(replica.doc),
      serverDigest: remote,
      inStep: inStep && outcome.missingFiles.length === 0,
      pulledItems: replica.pulledTotal,
      pushedItems: replica.pushedTotal,
      filesSent,
      filesReceived: received,
      fileProblems: problems,
      putBack,
    };
  } finally {
    provider?.destroy();
    replica.destroy();
  }
}
