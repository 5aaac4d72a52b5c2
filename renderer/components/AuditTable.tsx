import type { Response } from '../../shared/api/contract';
import { ITEM_STATUS_LABELS, type ItemStatus } from '../../shared/domain/item-status';
import { useAppStore } from '../state/app-store';
import { formatDateTime } from './use-loaded';

type AuditEvent = Response<'audit.list'>['events'][number];

const ACTION_LABELS: Record<string, string> = {
  status: 'Status', owner: 'Owner', note: 'Narrative', 'due-date': 'Due date', attach: 'Attached a file',
  'attach-new-version': 'New version of a file', 'attachment-details': 'File details', 'remove-attachment': 'Moved a file to the bin',
  'restore-attachment': 'Restored a file', 'purge-attachment': 'Purged a file', notification: 'Recorded the notification',
  'notification-replaced': 'Recorded the notification again', 'milestone-date': 'Milestone date', 'create-workspace': 'Created the workspace',
  'catalogue-load': 'Loaded the evidence catalogue', 'catalogue-upgrade': 'Upgraded the evidence catalogue', 'add-item': 'Added an item',
  'holiday-overrides': 'Bank holiday settings', 'restore-backup': 'Restored a backup', import: 'Imported figures',
  'import-replaced': 'Replaced imported figures', 'build-pack': 'Built the pack', 'privacy-false-positive': 'Not personal data', 'privacy-file-decision': 'Privacy decision on a file',
  'privacy-settings': 'Privacy settings', 'self-evaluation-edit': 'Self-evaluation', 'self-evaluation-rate': 'Self-evaluation rating',
  'self-evaluation-scale': 'Rating scale', 'local-context-edit': 'Local context', 'case-study-save': 'Saved a case study',
  'case-study-remove': 'Removed a case study', 'metric-target': 'KPI target', 'choose-pack-template': 'Chose the council template',
  'stop-pack-template': 'Stopped using the council template',
};

/** "in-progress" → "In progress"; JSON details shown as key: value pairs. */
function describe(value: string | null, action: string): string {
  if (value === null || value === '') return '—';
  if (action === 'status' && value in ITEM_STATUS_LABELS) return ITEM_STATUS_LABELS[value as ItemStatus];
  if (value.startsWith('{')) {
    try {
      return Object.entries(JSON.parse(value) as Record<string, unknown>)
        .map(([k, v]) => `${k}: ${k === 'sha256' && typeof v === 'string' ? v.slice(0, 12) : typeof v === 'string' ? v : JSON.stringify(v)}`).join('; ');
    } catch { /* shown as it is */ }
  }
  return value;
}

export function AuditTable({ events, showItem }: { events: AuditEvent[]; showItem: boolean }) {
  const items = useAppStore((s) => s.items);
  const titleOf = (id: string) => items.find((i) => i.id === id)?.title ?? id;
  if (events.length === 0) return <p>No changes recorded yet.</p>;
  return (
    <table className="table table--audit">
      <caption className="visually-hidden">Audit trail</caption>
      <thead>
        <tr>
          <th scope="col">When</th><th scope="col">Who</th>{showItem && <th scope="col">Item</th>}
          <th scope="col">What</th><th scope="col">Before</th><th scope="col">After</th><th scope="col">Reason</th>
        </tr>
      </thead>
      <tbody>
        {[...events].reverse().map((e, index) => (
          <tr key={`${e.at}-${index}`}>
            <td>{formatDateTime(e.at)}</td><td>{e.who}</td>{showItem && <td>{e.itemId ? titleOf(e.itemId) : 'Workspace'}</td>}
            <td>{ACTION_LABELS[e.action] ?? e.action}</td><td className="wrap">{describe(e.before, e.action)}</td>
            <td className="wrap">{describe(e.after, e.action)}</td><td className="wrap">{e.reason ?? ''}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
