import { userInfo } from 'node:os';
import { dispatch } from '../api/dispatch';
import { Backend } from '../api/backend';
import { defaultDataDir } from '../settings/data-dir';
import { openWorkspace } from '../workspace/open-workspace';
import { finishInterruptedRedaction } from '../api/redaction-finish';
import { describeGoneHolder } from '../workspace/workspace-lock';
import { SettingsStore } from '../settings/settings-store';
import { WorkspaceError } from '../refusal/refusal';
import type { OperationName } from '../../shared/api/operation-names';
import type { Response } from '../../shared/api/contract';
import { RefusedError, UsageError, type CliIo } from './cli-io';
import type { OptionValues } from './command';

/** Who the CLI records as making changes: --user, else this installation's name, else the OS account. */
export function cliUserName(values: OptionValues, settings: SettingsStore): string {
  if (typeof values.user === 'string' && values.user.trim()) return values.user.trim();
  return settings.read().userName ?? userInfo().username;
}

export function requireDb(values: OptionValues): string {
  if (typeof values.db !== 'string' || !values.db)
    throw new UsageError('--db PATH is required (a workspace folder or its workspace.db).');
  return values.db;
}

/** Opens the workspace named by --db for one command; the lock is released when the command ends. */
export async function openForCli(values: OptionValues, io: CliIo): Promise<Backend> {
  const dataDir = defaultDataDir(io.env);
  const backend = new Backend({ dataDir, host: 'cli', userName: cliUserName(values, new SettingsStore(dataDir)) });
  const takeOver = values['take-over'] === true;
  const workspace = await openWorkspace(requireDb(values), {
    user: backend.userName(),
    catalogue: backend.catalogue,
    breakLock: takeOver,
  });
  backend.replaceWorkspace(workspace);
  const unfinished = await finishInterruptedRedaction(backend);
  if (unfinished) io.stderr(`Warning: ${unfinished}\n`);
  if (workspace.tookOverFrom) {
    io.stderr(
      `Note: took over the lock left by ${describeGoneHolder(workspace.tookOverFrom)}; whatever it was doing was not finished. Recorded in the audit trail.\n`,
    );
  }
  if (workspace.lockedBy) {
    const who = workspace.lockedBy;
    io.stderr(
      `Note: ${who.user} has this workspace open on ${who.host} (process ${who.pid}, since ${who.since}); it is open read-only here. ` +
        `If they are no longer using it, run the command again with --take-over.\n`,
    );
  }
  return backend;
}

/** Runs an operation through the same dispatch as the app, so the CLI validates exactly as the UI does. */
export async function call<K extends OperationName>(
  backend: Backend,
  operation: K,
  payload: unknown,
): Promise<Response<K>> {
  const result = await dispatch(backend, operation, payload);
  if (!result.ok) throw new RefusedError(result.error.message);
  return result.value as Response<K>;
}

export function refusalFrom(error: unknown): RefusedError | null {
  if (error instanceof RefusedError) return error;
  if (error instanceof WorkspaceError) return new RefusedError(error.message);
  return null;
}
