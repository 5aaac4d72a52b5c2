import type { OperationName } from '../../shared/api/operation-names';

/**
 * IPC channel names shared by the preload and main. Free of electron imports so the sandboxed preload bundle
 * stays a single file. Operation names contain a dot, so no operation channel can collide with the two event
 * channels below.
 */
export const CHANNEL_PREFIX = 'sendpack:';
export const PROGRESS_CHANNEL = 'sendpack:progress';
export const MENU_CHANNEL = 'sendpack:menu';
export const SAVE_FILE_CHANNEL = 'sendpack:save-file';
export const SAVE_PACK_FILE_CHANNEL = 'sendpack:save-pack-file';
export const CHOOSE_WORKSPACE_CHANNEL = 'sendpack:choose-workspace';

export const operationChannel = (name: OperationName): string => `${CHANNEL_PREFIX}${name}`;

export type { MenuCommand } from '../../shared/api/menu';
