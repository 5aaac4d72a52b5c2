/**
 * Every operation of the API, by name. Kept free of schemas so the sandboxed preload can expose one named
 * function per operation without bundling the validators. contract.ts must define exactly these.
 */
export const OPERATION_NAMES = [
  'app.info',
  'settings.get',
  'settings.setUserName',
  'localAuthorities.list',
  'workspace.recent',
  'workspace.create',
  'workspace.open',
  'workspace.breakLock',
  'workspace.current',
  'workspace.close',
  'checklist.list',
  'checklist.update',
  'checklist.addItem',
  'files.upload',
  'attachments.list',
  'attachments.add',
  'attachments.replace',
  'attachments.update',
  'attachments.remove',
  'attachments.restore',
  'attachments.purge',
  'attachments.open',
  'audit.list',
  'audit.exportCsv',
  'search.query',
  'inspection.get',
  'inspection.record',
  'inspection.setMilestone',
  'calendar.get',
  'calendar.setOverrides',
  'dashboard.get',
  'backups.list',
  'backups.create',
  'backups.restore',
  'datasets.list',
  'datasets.template',
  'datasets.rows',
  'datasets.enter',
  'imports.preview',
  'imports.commit',
  'imports.list',
  'metrics.list',
  'metrics.chart',
  'pack.build',
  'pack.builds',
  'pack.file',
  'pack.open',
  'privacy.check',
  'privacy.markFalsePositive',
  'privacy.decideFile',
  'privacy.settings',
  'privacy.saveSettings',
] as const;

export type OperationName = (typeof OPERATION_NAMES)[number];

export function isOperationName(value: string): value is OperationName {
  return (OPERATION_NAMES as readonly string[]).includes(value);
}
