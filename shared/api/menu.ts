/** What the desktop app's File and Go menus ask the renderer to do. Main shows the folder picker itself for "Open". */
import type { ShortcutView } from './shortcuts';

export type MenuCommand =
  | { command: 'new-workspace' }
  | { command: 'open-workspace'; path: string }
  | { command: 'show-view'; view: ShortcutView };
