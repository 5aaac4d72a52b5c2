import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { writeFileAtomic } from '../files/atomic-write';

export interface RecentEntry {
  path: string;
  areaName: string;
  lastOpened: string;
}

/** Per-installation settings: kept beside the app's data, not in any workspace. */
export interface Settings {
  userName: string | null;
  recent: RecentEntry[];
}

const MAX_RECENT = 10;

export class SettingsStore {
  private readonly file: string;

  constructor(readonly dataDir: string) {
    this.file = join(dataDir, 'settings.json');
  }

  read(): Settings {
    try {
      const parsed = JSON.parse(readFileSync(this.file, 'utf8')) as Partial<Settings>;
      return {
        userName: typeof parsed.userName === 'string' && parsed.userName.trim() ? parsed.userName : null,
        recent: Array.isArray(parsed.recent) ? parsed.recent.filter((r) => typeof r?.path === 'string') : [],
      };
    } catch {
      // Missing or unreadable settings mean a first run; the person is asked again rather than blocked.
      return { userName: null, recent: [] };
    }
  }

  private write(settings: Settings): void {
    writeFileAtomic(this.file, JSON.stringify(settings, null, 2));
  }

  setUserName(userName: string): Settings {
    const settings = { ...this.read(), userName };
    this.write(settings);
    return settings;
  }

  /** Best effort: the recent list is a convenience, and a data folder that cannot be written never stops a workspace opening. */
  rememberWorkspace(path: string, areaName: string): void {
    const settings = this.read();
    const recent = [
      { path, areaName, lastOpened: new Date().toISOString() },
      ...settings.recent.filter((r) => r.path !== path),
    ].slice(0, MAX_RECENT);
    try {
      this.write({ ...settings, recent });
    } catch (error) {
      console.warn('[sendpack] the recent workspaces list could not be saved:', error);
    }
  }
}
