import { createHash, randomBytes } from 'node:crypto';
import {
  createReadStream,
  createWriteStream,
  existsSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  unlinkSync,
} from 'node:fs';
import { createServer as createHttpsServer } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';
import { Server, isTransactionOrigin, type Hocuspocus } from '@hocuspocus/server';
import * as Y from 'yjs';
import { isSha256 } from '../store/blob-store';
import { mkdirSync } from '../files/fs-faults';
import { attachmentsOf, docDigest, purgedOf, type Author } from './doc-model';
import { personForToken } from './people';
import { enforceRules } from './rules';

export interface SyncServerOptions {
  dataDir: string;
  port: number;
  /** 127.0.0.1 unless the council says otherwise (a machine other officers reach). */
  host?: string;
  tls?: { cert: string; key: string };
  log?: (line: string) => void;
}

export interface RunningSyncServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

/** A workspace's id as a document name: letters, digits and dashes only (it is also part of a URL). */
export const isWorkspaceId = (value: string): boolean => /^[A-Za-z0-9-]{8,80}$/.test(value);

/** One largest evidence file the server takes (the app's own limit is the disk; this keeps a mistake from filling it). */
const MAX_BLOB_BYTES = 8 * 2 ** 30;

function openStore(dataDir: string): Database {
  const db = new BetterSqlite3(join(dataDir, 'documents.db'));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = FULL');
  db.exec(
    `CREATE TABLE IF NOT EXISTS documents (name TEXT PRIMARY KEY, state BLOB NOT NULL, updated_at TEXT NOT NULL) STRICT`,
  );
  return db;
}

const blobFile = (dataDir: string, sha: string): string => join(dataDir, 'blobs', sha.slice(0, 2), sha);

/** The person a request's `Authorization: Bearer TOKEN` names, or null. */
function requestPerson(dataDir: string, request: IncomingMessage): Author | null {
  const header = request.headers.authorization ?? '';
  const match = /^Bearer\s+(\S+)$/.exec(header);
  return match ? personForToken(dataDir, match[1]) : null;
}

function send(response: ServerResponse, status: number, body: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
  response.end(JSON.stringify(body));
}

/**
 * The partnership's sync server: Hocuspocus for the workspaces' Yjs documents (stored in DIR/documents.db, one row
 * per workspace, written in full after changes so deleted text is gone from it too), and beside it an HTTP blob store
 * for evidence files by SHA-256 (DIR/blobs), checked on arrival. Tokens are checked on every connection and request.
 */
export async function startSyncServer(options: SyncServerOptions): Promise<RunningSyncServer> {
  const { dataDir } = options;
  mkdirSync(join(dataDir, 'blobs'), { recursive: true });
  const store = openStore(dataDir);
  const log = options.log ?? (() => {});
  const loadState = store.prepare('SELECT state FROM documents WHERE name = ?').pluck();
  const saveState = store.prepare(`INSERT INTO documents (name, state, updated_at) VALUES (?, ?, ?)
    ON CONFLICT (name) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`);

  const removePurgedBlobs = (document: Y.Doc) => {
    const referenced = new Set([...attachmentsOf(document).values()].map((a) => a.sha256));
    for (const sha of purgedOf(document).keys()) {
      if (!isSha256(sha) || referenced.has(sha)) continue;
      const file = blobFile(dataDir, sha);
      if (existsSync(file)) {
        unlinkSync(file);
        log(`purged file ${sha.slice(0, 12)}… removed from the blob store`);
      }
    }
  };

  const server = new Server({
    port: options.port,
    address: options.host ?? '127.0.0.1',
    quiet: true,
    stopOnSignals: false,
    // Stored within half a second of a change; a replica that sent a change the server lost in a crash sends it
    // again on its next connection (the Yjs handshake compares state vectors).
    debounce: 100,
    maxDebounce: 500,
    async onAuthenticate({ token, connectionConfig, documentName }) {
      const person = personForToken(dataDir, token);
      if (!person)
        throw new Error(
          'This token is not one the sync server issued (or it was replaced). Ask your coordinator for a new one.',
        );
      if (!isWorkspaceId(documentName)) throw new Error('Not a workspace id.');
      // A viewer reads; the server drops anything a viewer's replica sends.
      if (person.role === 'viewer') connectionConfig.readOnly = true;
      log(`${person.name} (${person.role}) connected to ${documentName}`);
      return person;
    },
    async onLoadDocument({ document, documentName }) {
      const state = loadState.get(documentName) as Buffer | undefined;
      if (state) Y.applyUpdate(document, new Uint8Array(state));
      enforceRules(document, (origin) =>
        isTransactionOrigin(origin) && origin.source === 'connection' ? (origin.connection.context as Author) : null,
      );
      purgedOf(document).observe(() => removePurgedBlobs(document));
      return document;
    },
    async onStoreDocument({ document, documentName }) {
      saveState.run(documentName, Buffer.from(Y.encodeStateAsUpdate(document)), new Date().toISOString());
    },
    async onRequest({ request, response, instance }) {
      const handled = await handleHttp(request, response, instance);
      // Hocuspocus answers requests nobody handled; rejecting with nothing tells it this one was answered.
      if (handled) throw null;
    },
  });

  const handleHttp = async (
    request: IncomingMessage,
    response: ServerResponse,
    instance: Hocuspocus,
  ): Promise<boolean> => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (!url.pathname.startsWith('/sendpack/')) return false;
    const person = requestPerson(dataDir, request);
    if (!person) {
      send(response, 401, { error: 'This token is not one the sync server issued (or it was replaced).' });
      return true;
    }
    if (url.pathname === '/sendpack/whoami') {
      send(response, 200, person);
      return true;
    }
    const digest = /^\/sendpack\/workspaces\/([A-Za-z0-9-]+)\/digest$/.exec(url.pathname);
    if (digest && request.method === 'GET') {
      const name = digest[1]!;
      const live = instance.documents.get(name);
      let doc: Y.Doc | null = live ?? null;
      if (!doc) {
        const state = loadState.get(name) as Buffer | undefined;
        if (state) {
          doc = new Y.Doc();
          Y.applyUpdate(doc, new Uint8Array(state));
        }
      }
      if (!doc) {
        send(response, 404, { error: `The server has no workspace ${name}.` });
        return true;
      }
      send(response, 200, { workspace: name, digest: docDigest(doc) });
      return true;
    }
    const blob = /^\/sendpack\/blobs\/([0-9a-f]{64})$/.exec(url.pathname);
    if (!blob) {
      send(response, 404, { error: 'Not found.' });
      return true;
    }
    const sha = blob[1]!;
    const file = blobFile(dataDir, sha);
    if (request.method === 'HEAD' || request.method === 'GET') {
      if (!existsSync(file)) {
        response.writeHead(404);
        response.end();
        return true;
      }
      response.writeHead(200, { 'Content-Type': 'application/octet-stream', 'Content-Length': statSync(file).size });
      if (request.method === 'HEAD') {
        response.end();
        return true;
      }
      await new Promise<void>((resolve) => {
        createReadStream(file)
          .on('end', resolve)
          .on('error', () => {
            response.destroy();
            resolve();
          })
          .pipe(response);
      });
      return true;
    }
    if (request.method === 'PUT') {
      if (person.role === 'viewer') {
        send(response, 403, {
          error: `${person.name} is a viewer: viewers read the workspace and cannot add evidence.`,
        });
        return true;
      }
      if (existsSync(file)) {
        request.resume();
        send(response, 200, { stored: sha, existed: true });
        return true;
      }
      mkdirSync(join(dataDir, 'blobs', sha.slice(0, 2)), { recursive: true });
      const temp = join(dataDir, 'blobs', `.incoming-${randomBytes(6).toString('hex')}`);
      const hash = createHash('sha256');
      let size = 0;
      const ok = await new Promise<boolean>((resolve) => {
        const out = createWriteStream(temp, { mode: 0o600 });
        request.on('data', (chunk: Buffer) => {
          size += chunk.length;
          if (size > MAX_BLOB_BYTES) {
            request.destroy();
            out.destroy();
            resolve(false);
            return;
          }
          hash.update(chunk);
          out.write(chunk);
        });
        request.on('end', () => out.end(() => resolve(true)));
        request.on('error', () => {
          out.destroy();
          resolve(false);
        });
      });
      const got = hash.digest('hex');
      if (!ok || got !== sha) {
        rmSync(temp, { force: true });
        send(response, 400, {
          error: ok
            ? `The file sent as ${sha} has SHA-256 ${got}: it was damaged on the way and was not stored.`
            : 'The file did not arrive whole and was not stored.',
        });
        return true;
      }
      renameSync(temp, file);
      send(response, 201, { stored: sha, existed: false });
      return true;
    }
    send(response, 405, { error: 'Method not allowed.' });
    return true;
  };

  if (options.tls) {
    const secure = createHttpsServer(
      { cert: readFileSync(options.tls.cert), key: readFileSync(options.tls.key) },
      server.requestHandler,
    );
    server.httpServer = secure as unknown as typeof server.httpServer;
    (server as unknown as { setupHttpUpgrade(): void }).setupHttpUpgrade();
  }
  await server.listen();
  const port = server.address.port;
  const scheme = options.tls ? 'wss' : 'ws';
  return {
    url: `${scheme}://${options.host ?? '127.0.0.1'}:${port}`,
    port,
    async close() {
      await server.destroy();
      store.close();
    },
  };
}

/** The digest of a workspace as the server stores it (for `sendpack sync-server digest`, with the server stopped or not). */
export function storedDigest(dataDir: string, workspace: string): string | null {
  const db = new BetterSqlite3(join(dataDir, 'documents.db'), { readonly: true, fileMustExist: true });
  try {
    const state = db.prepare('SELECT state FROM documents WHERE name = ?').pluck().get(workspace) as Buffer | undefined;
    if (!state) return null;
    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(state));
    return docDigest(doc);
  } finally {
    db.close();
  }
}
