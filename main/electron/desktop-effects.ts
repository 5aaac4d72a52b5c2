import type { Response } from '../../shared/api/contract';
import type { OperationName } from '../../shared/api/operation-names';

/** What the desktop does with a result: open the file in its program, or show it selected in its folder. */
export interface DesktopEffect {
  kind: 'open' | 'show-in-folder';
  path: string;
}

type EffectOf<K extends OperationName> = (value: Response<K>) => DesktopEffect;

/**
 * The one map of results the desktop acts on, by operation. The backend has already decided how a file may be shown:
 * an attachment that is a program or script comes back as `opensWith: 'folder'` (main/evidence/open-safely.ts) and is
 * never handed to the system to open, which would run it. A built pack opens in the word processor; a bundle is shown
 * in the file manager. The browser host has no desktop to act on: its screens offer a download instead.
 */
export const DESKTOP_EFFECTS: { [K in OperationName]?: EffectOf<K> } = {
  'attachments.open': (copy) => ({ kind: copy.opensWith === 'viewer' ? 'open' : 'show-in-folder', path: copy.path }),
  'pack.open': (built) => ({ kind: built.kind === 'docx' ? 'open' : 'show-in-folder', path: built.path }),
  'plan.openDocument': (built) => ({ kind: 'open', path: built.path }),
};

/** The effect of an operation's result on the desktop, if it has one. */
export function desktopEffect<K extends OperationName>(operation: K, value: unknown): DesktopEffect | null {
  const effect = DESKTOP_EFFECTS[operation] as EffectOf<K> | undefined;
  return effect ? effect(value as Response<K>) : null;
}
