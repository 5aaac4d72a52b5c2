/**
 * The one way tests make a workspace: `makeWorkspace(parentDir, options)` creates NAME.sendpack under parentDir.
 * - directly (Workspace.create), returning the folder, and the workspace opened when `open` asks for it;
 * - through the API (`via: backend`): the backend is given the user's name and runs `workspace.create` (which names
 *   the folder after the area), so it holds the workspace open; parentDir null leaves the folder to the backend (its
 *   data folder's workspaces, as when an officer chooses none);
 * - as the fictional sample area (`sample: true` or the sample's options).
 */
import { join } from 'node:path';
import { call } from './api';
import type { Backend } from '../../main/api/backend';
import { SHIPPED_CATALOGUE } from '../../main/catalogue/shipped-catalogue';
import { createSampleWorkspace, type SampleOptions } from '../../main/sample/create-sample-workspace';
import { Workspace, type WritableWorkspace } from '../../main/workspace/workspace';
import type { Catalogue } from '../../shared/domain/catalogue';

interface Made {
  /** The area's name, also the folder's name (NAME.sendpack) unless `name` is given. Testshire unless given. */
  area?: string;
  /** The folder's name without .sendpack; the area's name unless given. */
  name?: string;
  /** '841' unless given. */
  laCode?: string | null;
  /** Who creates the workspace: 'Test Officer' unless given. */
  user?: string;
}

interface Direct extends Made {
  catalogue?: Catalogue;
  /** Opens the new workspace as `openAs` ('A' unless given): 'writable' refuses unless it takes the lock. */
  open?: 'writable' | 'readable' | false;
  openAs?: string;
}

/** What makeWorkspace takes through the API (`useBackends().workspace` passes its own backend). */
export type ApiOptions = Omit<Made, 'name'>;

export function makeWorkspace(parentDir: string, options?: Direct & { open?: false }): { folder: string };
export function makeWorkspace(
  parentDir: string,
  options: Direct & { open: 'writable' },
): { folder: string; workspace: WritableWorkspace };
export function makeWorkspace(
  parentDir: string,
  options: Direct & { open: 'readable' },
): { folder: string; workspace: Workspace };
export function makeWorkspace(
  parentDir: string | null,
  options: ApiOptions & { via: Backend },
): Promise<{ folder: string; backend: Backend }>;
export function makeWorkspace(
  parentDir: string,
  options: { name?: string; sample: true | SampleOptions },
): Promise<{ folder: string }>;
export function makeWorkspace(
  parentDir: string | null,
  options: Direct & { via?: Backend; sample?: true | SampleOptions } = {},
): { folder: string; workspace?: Workspace } | Promise<{ folder: string; backend?: Backend }> {
  const area = options.area ?? 'Testshire';
  const laCode = options.laCode === undefined ? '841' : options.laCode;
  const user = options.user ?? 'Test Officer';
  if (options.via) return viaApi(options.via, parentDir, { area, laCode, user });
  if (parentDir === null) throw new Error('Only a workspace made through the API may leave its folder to the backend.');
  if (options.sample) {
    return createSampleWorkspace(
      join(parentDir, `${options.name ?? 'Sample'}.sendpack`),
      options.sample === true ? {} : options.sample,
    );
  }
  const { folder } = Workspace.create({
    folder: join(parentDir, `${options.name ?? area}.sendpack`),
    areaName: area,
    laCode,
    user,
    catalogue: options.catalogue ?? SHIPPED_CATALOGUE,
  });
  if (!options.open) return { folder };
  const openAs = { user: options.openAs ?? 'A' };
  return {
    folder,
    workspace: options.open === 'writable' ? Workspace.openWritable(folder, openAs) : Workspace.open(folder, openAs),
  };
}

async function viaApi(
  backend: Backend,
  parentDir: string | null,
  made: { area: string; laCode: string | null; user: string },
) {
  await call(backend, 'settings.setUserName', { userName: made.user });
  const { session } = await call(backend, 'workspace.create', {
    areaName: made.area,
    laCode: made.laCode,
    ...(parentDir === null ? {} : { parentDir }),
  });
  return { folder: session.path, backend };
}
