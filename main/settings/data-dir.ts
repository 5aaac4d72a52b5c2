import { homedir } from 'node:os';
import { join } from 'node:path';

export const APP_FOLDER_NAME = 'SEND Evidence Pack';

/**
 * Where settings and, by default, new workspaces live: SENDPACK_DATA_DIR, else the platform's per-user
 * application data folder (the same place Electron's app.getPath('userData') points to).
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform = process.platform): string {
  if (env.SENDPACK_DATA_DIR) return env.SENDPACK_DATA_DIR;
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), APP_FOLDER_NAME);
  if (platform === 'darwin') return join(homedir(), 'Library', 'Application Support', APP_FOLDER_NAME);
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), APP_FOLDER_NAME);
}

export const workspacesDir = (dataDir: string): string => join(dataDir, 'workspaces');
