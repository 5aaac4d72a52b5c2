import { app, dialog, type BrowserWindow, type MessageBoxOptions, type OpenDialogOptions } from 'electron';
import { isWorkspaceFolder, resolveWorkspaceFolder, WORKSPACE_SUFFIX } from '../workspace/workspace-folder';

/*
 * Native dialogs. They run in main because only main may show them; the renderer gets the chosen path (via
 * the menu event) and then calls the ordinary contract operations with it.
 */

async function pickFolder(window: BrowserWindow | null, options: OpenDialogOptions): Promise<string | null> {
  const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
  return result.canceled ? null : (result.filePaths[0] ?? null);
}

/**
 * Asks for a workspace folder (NAME.sendpack). Folder pickers cannot filter by name on any platform, so the
 * choice is checked afterwards: a folder holding workspace.db is accepted; anything else is explained and
 * refused. Returns the workspace folder, or null if cancelled or refused.
 */
export async function chooseWorkspaceToOpen(
  window: BrowserWindow | null,
  defaultPath?: string,
): Promise<string | null> {
  const picked = await pickFolder(window, {
    title: 'Open a workspace',
    buttonLabel: 'Open workspace',
    message: `Choose a workspace folder: its name ends in ${WORKSPACE_SUFFIX}`,
    properties: ['openDirectory', 'dontAddToRecent'],
    ...(defaultPath ? { defaultPath } : {}),
  });
  if (!picked) return null;
  const folder = resolveWorkspaceFolder(picked);
  if (isWorkspaceFolder(folder)) return folder;
  await showMessage(window, {
    type: 'warning',
    title: 'Not a workspace',
    message: 'That folder is not a SEND Evidence Pack workspace.',
    detail: `${folder}\n\nA workspace is a folder whose name ends in ${WORKSPACE_SUFFIX} and which holds a file called workspace.db. Choose that folder itself, not the folder around it.`,
  });
  return null;
}

export function showAbout(window: BrowserWindow | null): Promise<unknown> {
  const versions = process.versions;
  return showMessage(window, {
    type: 'info',
    title: `About ${app.getName()}`,
    message: `${app.getName()} ${app.getVersion()}`,
    detail:
      'Assemble the evidence for an area SEND inspection and build the Word evidence pack. Works offline: ' +
      'nothing you enter leaves this computer.\n\n' +
      `Electron ${versions.electron ?? '?'} · Chromium ${versions.chrome ?? '?'} · Node.js ${versions.node}`,
    buttons: ['OK'],
    noLink: true,
  });
}

function showMessage(window: BrowserWindow | null, options: MessageBoxOptions) {
  return window ? dialog.showMessageBox(window, options) : dialog.showMessageBox(options);
}
