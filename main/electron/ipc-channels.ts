import type { OperationName } from '../../shared/api/operation-names';

/**
 * IPC channel names shared by the preload and main. Free of electron imports so the sandboxed preload bundle
 * stays a single file. Operation names contain a dot, so no operation channel can collide with the two event
 * channels below.
 */
export const CHANNEL_PREFIX = 'sendpack:';
export const PROGRESS_CHANNEL = 'sendpack:progress';
export const MENU_CHANNEL = 'sendpack:menu';

export const operationChannel = (name: OperationName): string => `${CHANNEL_PREFIX}${name}`;

/**
 * What the File menu asks the renderer to do. Main shows the native folder picker itself for "Open", so the
 * renderer only ever receives a path the person chose. Not yet part of SendpackApi (it needs an onMenu in
 * shared/api/api.ts); until then main sends these and nothing listens.
 */
export type MenuCommand = { command: 'new-workspace' } | { command: 'open-workspace'; path: string };
