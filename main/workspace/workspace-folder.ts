import { existsSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';

export const WORKSPACE_SUFFIX = '.sendpack';
export const DB_FILE = 'workspace.db';
export const SUBFOLDERS = ['files', 'backups', 'bin'] as const;

/** "Northshire County Council" → "Northshire County Council.sendpack", safe on Windows, macOS and Linux. */
export function workspaceFolderName(areaName: string): string {
  const safe = areaName
    .normalize('NFC')
    .replace(/[<>:"/\\|?*\u0000-\u001f]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[. ]+$/, '')
    .slice(0, 80);
  return `${safe || 'Workspace'}${WORKSPACE_SUFFIX}`;
}

/**
 * Accepts a workspace folder or its workspace.db, as the CLI's --db and the open dialog do, and returns the folder.
 */
export function resolveWorkspaceFolder(input: string): string {
  const full = resolve(input);
  if (basename(full) === DB_FILE) return resolve(full, '..');
  return full;
}

export function databaseFile(folder: string): string {
  return join(folder, DB_FILE);
}

export function isWorkspaceFolder(folder: string): boolean {
  try {
    return statSync(folder).isDirectory() && existsSync(databaseFile(folder));
  } catch {
    return false;
  }
}

/** A folder for a new workspace under parentDir that does not exist yet: "Area.sendpack", "Area (2).sendpack", … */
export function freeWorkspaceFolder(parentDir: string, areaName: string): string {
  const name = workspaceFolderName(areaName);
  let folder = join(parentDir, name);
  for (let n = 2; existsSync(folder); n++) folder = join(parentDir, name.replace(/\.sendpack$/, ` (${n}).sendpack`));
  return folder;
}
