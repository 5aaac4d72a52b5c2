import type { Handlers } from './handler-types';
import { settingsHandlers } from './settings-handlers';
import { workspaceHandlers } from './workspace-handlers';
import { checklistHandlers } from './checklist-handlers';
import { evidenceHandlers } from './evidence-handlers';
import { auditHandlers } from './audit-handlers';
import { inspectionHandlers } from './inspection-handlers';
import { backupHandlers } from './backup-handlers';
import { datasetHandlers } from './dataset-handlers';
import { packHandlers } from './pack-handlers';
import { privacyHandlers } from './privacy-handlers';
import { workHandlers } from './work-handlers';
import { benchmarkHandlers } from './benchmark-handlers';
import { selfEvaluationHandlers } from './self-evaluation-handlers';
import { listCheckHandlers } from './list-check-handlers';
import { planHandlers } from './plan-handlers';
import { syncHandlers } from './sync-handlers';

/** Every operation's handler; the type fails to check if an operation of the contract has none. */
export const HANDLERS: Handlers = {
  ...settingsHandlers,
  ...workspaceHandlers,
  ...checklistHandlers,
  ...evidenceHandlers,
  ...auditHandlers,
  ...inspectionHandlers,
  ...backupHandlers,
  ...datasetHandlers,
  ...packHandlers,
  ...privacyHandlers,
  ...workHandlers,
  ...benchmarkHandlers,
  ...selfEvaluationHandlers,
  ...listCheckHandlers,
  ...planHandlers,
  ...syncHandlers,
};
