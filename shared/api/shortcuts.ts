/**
 * Ctrl (⌘ on a Mac) with these keys opens a view from anywhere in a workspace. One list for the page's key handler,
 * the desktop app's Go menu and the hint people read at the foot of every screen.
 */
export const SHORTCUT_VIEWS = ['search', 'build', 'checklist'] as const;
export type ShortcutView = (typeof SHORTCUT_VIEWS)[number];

export interface Shortcut {
  view: ShortcutView;
  key: string;
  shift: boolean;
  label: string;
  aria: string;
  does: string;
  menuLabel: string;
}

export const SHORTCUTS: readonly Shortcut[] = [
  { view: 'search', key: 'f', shift: false, label: 'Ctrl+F', aria: 'Control+F', does: 'search', menuLabel: 'Search…' },
  {
    view: 'build',
    key: 'b',
    shift: true,
    label: 'Ctrl+Shift+B',
    aria: 'Control+Shift+B',
    does: 'build the pack',
    menuLabel: 'Build the pack…',
  },
  {
    view: 'checklist',
    key: 'l',
    shift: true,
    label: 'Ctrl+Shift+L',
    aria: 'Control+Shift+L',
    does: 'checklist',
    menuLabel: 'Checklist',
  },
];

/** "CmdOrCtrl+Shift+B": Electron's accelerator for a shortcut. */
export const acceleratorOf = (s: Shortcut): string => `CmdOrCtrl+${s.shift ? 'Shift+' : ''}${s.key.toUpperCase()}`;
