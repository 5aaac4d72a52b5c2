import { useEffect } from 'react';
import { SHORTCUTS } from '../../../shared/api/shortcuts';
import type { View } from '../../state/app-store';

export function shortcutFor(view: View) {
  return SHORTCUTS.find((s) => s.view === view);
}

/** Ctrl (⌘ on a Mac) with a shortcut's key opens its view from anywhere in a workspace. */
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
