import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { appendEvent } from '../../checklist/audit-events';
import { WorkspaceError } from '../../store/workspace-error';
import { mkdirSync, renameSync, writeFileSync } from '../../util/fs-faults';
import type { Workspace } from '../../workspace/workspace';
import { readCouncilTemplate, type CouncilTemplate } from './council-template';

/**
 * The council template a workspace builds its packs into, remembered per workspace: a checked copy in its
 * templates/ folder (so it travels with the workspace and a moved original does not break the build) and its name
 * in meta. Choosing and removing it are recorded in the audit trail.
 */
const KEY = 'pack_template';
const folderOf = (workspace: Workspace) => join(workspace.folder, 'templates');

/** The stored copy's name: the original's, made safe as a file name on every system. */
function storedName(fileName: string): string {
  const safe = fileName.replace(/[\\/:*?"<>|\u0000-\u001f]/g, '_').replace(/^\.+/, '').slice(0, 120);
  return /\.(docx|dotx)$/i.test(safe) ? safe : `${safe || 'template'}.docx`;
}

export function templateName(workspace: Workspace): string | null {
  return (workspace.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(KEY) as string | undefined) ?? null;
}

/** The workspace's template, checked again (a copy damaged on disk is refused by name), or null when none is chosen. */
export async function workspaceTemplate(workspace: Workspace): Promise<CouncilTemplate | null> {
  const name = templateName(workspace);
  if (!name) return null;
  const path = join(folderOf(workspace), name);
  if (!existsSync(path)) {
    throw new WorkspaceError('not-found', `The council template ${name} is missing from the workspace's templates folder: choose it again on the build screen, or stop using it.`, 'template');
  }
  return readCouncilTemplate(name, readFileSync(path));
}

export async function chooseTemplate(workspace: Workspace, file: { name: string; bytes: Uint8Array }, who: string): Promise<CouncilTemplate> {
  workspace.assertWritable();
  const template = await readCouncilTemplate(file.name, file.bytes);
  const dir = folderOf(workspace);
  const name = storedName(file.name);
  const before = templateName(workspace);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${name}.${process.pid}.partial`);
  try {
    writeFileSync(temp, file.bytes);
    renameSync(temp, join(dir, name));
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  workspace.db.transaction(() => {
    workspace.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(KEY, name);
    appendEvent(workspace.db, { at: new Date().toISOString(), who, itemId: null, action: 'choose-pack-template', before, after: name });
  })();
  if (before && before !== name) rmSync(join(dir, before), { force: true });
  return { ...template, fileName: name };
}

export function stopUsingTemplate(workspace: Workspace, who: string): void {
  workspace.assertWritable();
  const before = templateName(workspace);
  if (!before) return;
  workspace.db.transaction(() => {
    workspace.db.prepare('DELETE FROM meta WHERE key = ?').run(KEY);
    appendEvent(workspace.db, { at: new Date().toISOString(), who, itemId: null, action: 'stop-pack-template', before, after: null });
  })();
  rmSync(join(folderOf(workspace), before), { force: true });
}
