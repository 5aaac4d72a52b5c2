import { useEffect } from 'react';
import type { View } from '../state/app-store';

/** Ctrl (⌘ on a Mac) with these keys opens a view from anywhere in a workspace; shown to people in the nav. */
export const SHORTCUTS: { view: View; key: string; shift: boolean; label: string; aria: string; does: string }[] = [
  { view: 'search', key: 'f', shift: false, label: 'Ctrl+F', aria: 'Control+F', does: 'search' },
  { view: 'build', key: 'b', shift: true, label: 'Ctrl+Shift+B', aria: 'Control+Shift+B', does: 'build the pack' },
  { view: 'checklist', key: 'l', shift: true, label: 'Ctrl+Shift+L', aria: 'Control+Shift+L', does: 'checklist' },
];

export function shortcutFor(view: View) {
  return SHORTCUTS.find((s) => s.view === view);
}

export function useShortcuts(open: (view: View) => void, enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return undefined;
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const hit = SHORTCUTS.find((s) => s.key === event.key.toLowerCase() && s.shift === event.shiftKey);
      if (!hit) return;
      event.preventDefault();
      open(hit.view);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, enabled]);
}
