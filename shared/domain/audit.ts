import { PLAN_AUDIT_LABELS } from './follow-up';

/**
 * Every kind of change the audit trail records, with the words the audit screen and its CSV show for it. Main writes
 * only these (appendEvent takes an AuditAction), and the renderer labels them from this same list. An event written
 * by a later version under a name not here is shown by its name (auditActionLabel).
 */
export const AUDIT_ACTION_LABELS = {
  status: 'Status',
  owner: 'Owner',
  note: 'Narrative (in the pack)',
  'due-date': 'Due date',
  attach: 'Attached a file',
  'attach-new-version': 'New version of a file',
  'attachment-details': 'File details',
  'remove-attachment': 'Moved a file to the bin',
  'restore-attachment': 'Restored a file',
  'purge-attachment': 'Purged a file',
  notification: 'Recorded the notification',
  'notification-replaced': 'Recorded the notification again',
  'milestone-date': 'Milestone date',
  'create-workspace': 'Created the workspace',
  'catalogue-load': 'Loaded the evidence catalogue',
  'catalogue-upgrade': 'Upgraded the evidence catalogue',
  'add-item': 'Added an item',
  'holiday-overrides': 'Bank holiday settings',
  'restore-backup': 'Restored a backup',
  import: 'Imported figures',
  'import-replaced': 'Replaced imported figures',
  'import-columns': 'Chose what the columns of an import are',
  'neighbours-replaced': 'Replaced the statistical neighbours',
  'build-pack': 'Built the pack',
  'privacy-false-positive': 'Not personal data',
  'privacy-file-decision': 'Privacy decision on a file',
  'privacy-settings': 'Privacy settings',
  'send-back': 'Sent back',
  'approval-not-counted': 'Approval or send-back not counted (not a coordinator)',
  'contribution-export': 'Sent items to a partner',
  'contribution-import': "Took in a partner's contribution",
  'private-note': 'Private note',
  redaction: 'Personal data redacted',
  'review-settings': 'Review settings',
  'list-check': 'Checked the list (counts only)',
  'list-profile-saved': "Saved the list's profile",
  'item-split': 'Split from an earlier item',
  'take-over-lock': 'Took over the workspace from an app that was gone',
  'self-evaluation-edit': 'Self-evaluation',
  'self-evaluation-rate': 'Self-evaluation rating',
  'self-evaluation-scale': 'Rating scale',
  'local-context-edit': 'Local context',
  'case-study-save': 'Saved a case study',
  'case-study-remove': 'Removed a case study',
  'metric-target': 'KPI target',
  'choose-pack-template': 'Chose the council template',
  'stop-pack-template': 'Stopped using the council template',
  ...PLAN_AUDIT_LABELS,
} as const;

export type AuditAction = keyof typeof AUDIT_ACTION_LABELS;

export const isAuditAction = (action: string): action is AuditAction => Object.hasOwn(AUDIT_ACTION_LABELS, action);

/** The words for an action as the audit trail shows it; an action this version does not know is shown by its name. */
export const auditActionLabel = (action: string): string =>
  isAuditAction(action) ? AUDIT_ACTION_LABELS[action] : action;
