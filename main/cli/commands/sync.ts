import { rmSync } from 'node:fs';
import { resolve } from 'node:path';
import { SHIPPED_CATALOGUE } from '../../catalogue/shipped-catalogue';
import { SettingsStore } from '../../settings/settings-store';
import { defaultDataDir } from '../../settings/data-dir';
import { Workspace } from '../../workspace/workspace';
import { resolveWorkspaceFolder } from '../../workspace/workspace-folder';
import { isRole, ROLES } from '../../sync/doc-model';
import { invitePerson } from '../../sync/people';
import { isWorkspaceId, startSyncServer, storedDigest } from '../../sync/server';
import { syncOnce, type SyncReport } from '../../sync/client';
import {
  exportContribution,
  importContribution,
  openContribution,
  readContributionFile,
  returnContribution,
} from '../../sync/contribution';
import { RefusedError, UsageError, type CliIo } from '../cli-io';
import { cliUserName, openForCli, requireDb } from '../cli-backend';
import type { Command, OptionValues } from '../command';

function requireString(values: OptionValues, name: string, what: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value.trim()) throw new UsageError(`--${name} ${what} is required.`);
  return value.trim();
}

/** The token: --token, else SENDPACK_SYNC_TOKEN (kept out of the process list and shell history). */
function token(values: OptionValues, io: CliIo): string {
  const given = typeof values.token === 'string' ? values.token : io.env.SENDPACK_SYNC_TOKEN;
  if (!given)
    throw new UsageError('--token TOKEN (or SENDPACK_SYNC_TOKEN) is required: the token your coordinator gave you.');
  return given.trim();
}

export const syncServerCommand: Command = {
  name: 'sync-server',
  summary: "Run the partnership's sync server, invite people to it, or print a workspace's digest as it holds it",
  usage:
    'sendpack sync-server --data DIR [--port N] [--host ADDR] [--cert FILE --key FILE]\n' +
    '       sendpack sync-server invite --data DIR --name "NAME" --role coordinator|contributor|viewer\n' +
    '       sendpack sync-server digest --data DIR --workspace ID',
  help: [
    "--data DIR       the server's folder: documents, evidence files and the people it lets in (created if missing)",
    '--port N         the port to listen on (default 4455; 0 picks a free one and prints it)',
    '--host ADDR      the address to listen on (default 127.0.0.1, this machine only; 0.0.0.0 for the network)',
    '--cert FILE --key FILE   serve over TLS (wss://) with this certificate and private key (PEM)',
    'invite: --name "NAME" --role R   prints the person\'s token alone on the last line; it works at once, no restart',
    "digest: --workspace ID   the digest of the workspace's shared state as the server stores it",
  ],
  options: {
    data: { type: 'string' },
    port: { type: 'string' },
    host: { type: 'string' },
    cert: { type: 'string' },
    key: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string' },
    workspace: { type: 'string' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const dataDir = resolve(requireString(values, 'data', 'DIR'));
    const [action] = positionals;
    if (action === 'invite') {
      const name = requireString(values, 'name', '"NAME"');
      const role = values.role;
      if (!isRole(role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}.`);
      const { token } = invitePerson(dataDir, name, role);
      io.stdout(
        `Invited ${name} as ${role}. Give them this token privately (it is not kept anywhere it can be read back):\n${token}\n`,
      );
      return 0;
    }
    if (action === 'digest') {
      const workspace = requireString(values, 'workspace', 'ID');
      const digest = storedDigest(dataDir, workspace);
      if (!digest) throw new RefusedError(`The sync server in ${dataDir} holds no workspace ${workspace}.`);
      io.stdout(`${digest}\n`);
      return 0;
    }
    if (action !== undefined)
      throw new UsageError(`Unknown action "${action}": use invite or digest, or none to run the server.`);
    const port = values.port === undefined ? 4455 : Number(values.port);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      throw new UsageError('--port must be a port number (0–65535).');
    if ((values.cert === undefined) !== (values.key === undefined))
      throw new UsageError('TLS needs both --cert FILE and --key FILE.');
    const tls =
      typeof values.cert === 'string' && typeof values.key === 'string'
        ? { cert: values.cert, key: values.key }
        : undefined;
    const server = await startSyncServer({
      dataDir,
      port,
      host: typeof values.host === 'string' ? values.host : undefined,
      tls,
      log: (line) => io.stderr(`${new Date().toISOString()} ${line}\n`),
    });
    io.stdout(`Sync server listening on ${server.url} (data in ${dataDir}). Stop it with Ctrl+C.\n`);
    await new Promise<void>((done) => {
      const stop = () => {
        server.close().finally(done);
      };
      process.once('SIGINT', stop);
      process.once('SIGTERM', stop);
    });
    return 0;
  },
};

function printReport(report: SyncReport, json: boolean, io: CliIo): number {
  if (json) {
    io.stdout(
      `${JSON.stringify({
        workspace: report.workspace,
        inStep: report.inStep,
        digest: report.digest,
        person: report.person,
        pulledItems: report.pulledItems,
        pushedItems: report.pushedItems,
        filesSent: report.filesSent,
        filesReceived: report.filesReceived,
        fileProblems: report.fileProblems,
        putBack: report.putBack,
      })}\n`,
    );
  } else {
    io.stdout(
      `Workspace ${report.workspace}: ${report.inStep ? 'in step with the server' : 'NOT in step with the server yet'}` +
        ` (${report.person.name}, ${report.person.role}; ${report.pushedItems} item(s) sent, ${report.pulledItems} received, ` +
        `${report.filesSent} file(s) sent, ${report.filesReceived} received).\n`,
    );
    for (const problem of report.fileProblems) io.stdout(`  ${problem}\n`);
  }
  if (report.putBack.length > 0) {
    io.stderr(
      `Not shared: ${report.person.name} is a viewer, so the server takes no changes from this replica; your changes to ` +
        `${report.putBack.join(', ')} were put back to the shared version (the audit trail here keeps them).\n`,
    );
  }
  return report.inStep ? 0 : 1;
}

export const syncCommand: Command = {
  name: 'sync',
  summary: "Sync a workspace once with the partnership's sync server (the first sync publishes it)",
  usage: 'sendpack sync --db PATH --server ws://HOST:PORT --token TOKEN [--json]',
  help: [
    '--db PATH        a workspace folder or its workspace.db',
    '--server URL     the sync server, ws://HOST:PORT (wss:// with TLS)',
    '--token TOKEN    your token from the coordinator (or set SENDPACK_SYNC_TOKEN)',
    '--json           print {"workspace": ID, "inStep": true|false, …}; exit 0 only when in step',
  ],
  options: {
    db: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    json: { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const server = requireString(values, 'server', 'ws://HOST:PORT');
    const secret = token(values, io);
    const backend = await openForCli(values, io);
    try {
      const report = await syncOnce(backend.writableWorkspace(), { server, token: secret, extract: backend.extract });
      return printReport(report, values.json === true, io);
    } finally {
      backend.close();
    }
  },
};

export const joinCommand: Command = {
  name: 'join',
  summary: 'Make a new local replica of a workspace shared on a sync server',
  usage: 'sendpack join --server ws://HOST:PORT --token TOKEN --workspace ID --db PATH [--json]',
  help: [
    '--server URL     the sync server, ws://HOST:PORT (wss:// with TLS)',
    '--token TOKEN    your token from the coordinator (or set SENDPACK_SYNC_TOKEN)',
    '--workspace ID   the workspace id the coordinator gave you (printed by their sendpack sync)',
    '--db PATH        the new workspace folder to make here (must not exist)',
  ],
  options: {
    db: { type: 'string' },
    server: { type: 'string' },
    token: { type: 'string' },
    workspace: { type: 'string' },
    json: { type: 'boolean' },
    user: { type: 'string' },
  },
  async run(values, _positionals, io) {
    const server = requireString(values, 'server', 'ws://HOST:PORT');
    const workspaceId = requireString(values, 'workspace', 'ID');
    if (!isWorkspaceId(workspaceId))
      throw new RefusedError(`--workspace "${workspaceId}" is not a workspace id (letters, digits and dashes).`);
    const secret = token(values, io);
    const folder = resolveWorkspaceFolder(requireDb(values));
    // The area's name and code arrive with the first sync.
    Workspace.create({
      folder,
      areaName: 'Joining…',
      laCode: null,
      user: cliUserName(values, new SettingsStore(defaultDataDir(io.env))),
      catalogue: SHIPPED_CATALOGUE,
    });
    const backend = await openForCli({ ...values, db: folder }, io);
    let joined = false;
    try {
      const report = await syncOnce(backend.writableWorkspace(), {
        server,
        token: secret,
        extract: backend.extract,
        joinWorkspace: workspaceId,
      });
      joined = true;
      return printReport(report, values.json === true, io);
    } finally {
      backend.close();
      // A replica that never received the workspace is no use to anyone: nothing half-made is left behind.
      if (!joined) rmSync(folder, { recursive: true, force: true });
    }
  },
};

export const contributionCommand: Command = {
  name: 'contribution',
  summary: 'Send items to a partner with no shared server, open what you were sent, and import what comes back',
  usage:
    'sendpack contribution export --db PATH --for NAME --items a,b --out FILE   (coordinator: the items for one person)\n' +
    '       sendpack contribution open --db NEW_PATH FILE                           (contributor: a workspace of your own from the file)\n' +
    '       sendpack contribution export --db NEW_PATH --out FILE                   (contributor: the file to send back)\n' +
    '       sendpack contribution import --db PATH FILE                             (coordinator: take their work in)',
  help: [
    '--db PATH        the workspace (for open: the new folder to make, which must not exist)',
    '--for NAME       who the items are for (recorded as the author of what comes back)',
    '--items a,b      the item ids to send (see: sendpack status)',
    '--out FILE       the file to write',
  ],
  options: {
    db: { type: 'string' },
    for: { type: 'string' },
    items: { type: 'string' },
    out: { type: 'string' },
    user: { type: 'string' },
    json: { type: 'boolean' },
  },
  allowPositionals: true,
  async run(values, positionals, io) {
    const [action, file] = positionals;
    if (action === 'open') {
      if (!file) throw new UsageError('Name the contribution file: sendpack contribution open --db NEW_PATH FILE');
      const folder = resolveWorkspaceFolder(requireDb(values));
      const user = cliUserName(values, new SettingsStore(defaultDataDir(io.env)));
      // Read and checked before anything is made: a refused file leaves no folder behind.
      const { manifest } = await readContributionFile(resolve(file));
      Workspace.create({
        folder,
        areaName: `Contribution for ${manifest.for}`,
        laCode: null,
        user,
        catalogue: SHIPPED_CATALOGUE,
      });
      const backend = await openForCli({ ...values, db: folder }, io);
      try {
        await openContribution(backend.writableWorkspace(), resolve(file), backend.extract);
      } catch (error) {
        backend.close();
        rmSync(folder, { recursive: true, force: true });
        throw error;
      }
      backend.close();
      io.stdout(
        `Opened the contribution for ${manifest.for} (${manifest.items.join(', ')}) in ${folder}. Work on it, then: sendpack contribution export --db ${folder} --out FILE\n`,
      );
      return 0;
    }
    const backend = await openForCli(values, io);
    try {
      const workspace = backend.writableWorkspace();
      if (action === 'export') {
        const out = resolve(requireString(values, 'out', 'FILE'));
        if (values.for === undefined && values.items === undefined) {
          const back = await returnContribution(workspace, out);
          io.stdout(
            `Wrote ${out}: your work on contribution ${back.contribution}, with ${back.files} evidence file(s). Send it back to your coordinator.\n`,
          );
          return 0;
        }
        const person = requireString(values, 'for', 'NAME');
        const items = requireString(values, 'items', 'a,b')
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean);
        const sent = await exportContribution(workspace, { for: person, items, out, who: backend.userName() });
        io.stdout(
          `Wrote ${out} for ${person}: ${items.length} item(s) and ${sent.files} evidence file(s), nothing else of the workspace.\n`,
        );
        return 0;
      }
      if (action === 'import') {
        if (!file) throw new UsageError('Name the returned file: sendpack contribution import --db PATH FILE');
        const result = await importContribution(workspace, resolve(file), backend.extract);
        if (values.json === true) {
          io.stdout(`${JSON.stringify(result)}\n`);
          return 0;
        }
        io.stdout(
          `Imported ${result.for}'s contribution: ${result.changedItems.length} item(s) changed (${result.changedItems.join(', ') || 'none'}), ${result.files} evidence file(s).\n`,
        );
        if (result.privacy.length > 0) {
          io.stdout(
            `The privacy check found ${result.privacy.length} possible item(s) of personal data in what arrived; deal with them before the pack goes:\n`,
          );
          for (const f of result.privacy) io.stdout(`  ${f.itemId}: ${f.kind} ${f.masked}\n`);
        }
        return 0;
      }
      throw new UsageError(`Use export, open or import. Usage: ${this.usage}`);
    } finally {
      backend.close();
    }
  },
};
