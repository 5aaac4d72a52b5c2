import type { Response } from '../../../shared/api/contract';
import { ITEM_STATUS_LABELS, type ItemStatus } from '../../../shared/domain/item-status';
import { formatDisplayDate } from '../../../shared/domain/dates';
import { FINDING_KIND_LABELS, type FindingKind } from '../../../shared/domain/privacy/findings';
import { auditActionLabel } from '../../../shared/domain/audit';
import { useAppStore } from '../../state/app-store';
import { formatDateTime } from '../../ui/dates';
import { showDirectionControls } from '../../../shared/domain/xml-text';

type AuditEvent = Response<'audit.list'>['events'][number];

const LABELS: Record<string, string> = {
  title: 'title',
  documentDate: 'document date',
  versionLabel: 'version',
  author: 'author',
  source: 'source',
  note: 'note',
  fileName: 'file',
  versionNo: 'version',
  decision: 'decision',
};

const valueText = (key: string, v: unknown): string => {
  if (v === null || v === undefined || v === '') return 'none';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v)) return formatDisplayDate(v);
  if (Array.isArray(v))
    return v.length === 0
      ? 'none'
      : v.length > 6
        ? `${v.length} entries`
        : v.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');
  if (typeof v === 'boolean') return v ? 'yes' : 'no';
  return typeof v === 'string' ? v : JSON.stringify(v);
};

/** An entry's detail in words: no hashes or ids, dates as "6 Dec 2026". */
function describe(value: string | null, action: string): string {
  return showDirectionControls(describeRaw(value, action));
}

function describeRaw(value: string | null, action: string): string {
  if (value === null || value === '') return '—';
  if (action === 'status' && value in ITEM_STATUS_LABELS) return ITEM_STATUS_LABELS[value as ItemStatus];
  if (action === 'send-back' && value in ITEM_STATUS_LABELS) return ITEM_STATUS_LABELS[value as ItemStatus];
  if (action === 'due-date') return formatDisplayDate(value);
  if (action === 'private-note') return `${value[0]!.toUpperCase()}${value.slice(1)} (its text is not recorded)`;
  if (value === 'current') return 'In use';
  if (value === 'binned') return 'In the bin';
  if (value.startsWith('{')) {
    try {
      const data = JSON.parse(value) as Record<string, unknown>;
      if (data.redacted === 'purged') return 'A purged file (its name is not kept)';
      if (action === 'redaction') {
        const kinds = ((data.kinds as FindingKind[] | undefined) ?? [])
          .map((k) => FINDING_KIND_LABELS[k] ?? k)
          .join(', ');
        return `${kinds} masked in ${data.entries as number} earlier entr${data.entries === 1 ? 'y' : 'ies'} and in backups`;
      }
      if (action === 'attach') return `"${data.title as string}" (${data.fileName as string})`;
      if (action === 'attach-new-version')
        return data.fileName
          ? `Version ${data.versionNo as number}: ${data.fileName as string}`
          : `Version ${data.versionNo as number}`;
      if (action === 'remove-attachment') return 'In the bin';
      if (action === 'restore-attachment') return 'In use';
      if (action === 'purge-attachment')
        return `Purged, with ${data.versions as number} version${data.versions === 1 ? '' : 's'}`;
      return (
        Object.entries(data)
          .filter(([k]) => k !== 'attachmentId' && k !== 'sha256')
          .map(([k, v]) => `${LABELS[k] ?? k}: ${valueText(k, v)}`)
          .join('; ') || '—'
      );
    } catch {
      /* shown as it is */
    }
  }
  return value;
}

/** Lines taken out and put in between a narrative's text before and after: a readable difference, not two copies. */
export function lineDiff(before: string, after: string): { removed: string[]; added: string[] } {
  const a = before.split('\n').filter((l) => l.trim());
  const b = after.split('\n').filter((l) => l.trim());
  const inA = new Set(a);
  const inB = new Set(b);
  return { removed: a.filter((l) => !inB.has(l)), added: b.filter((l) => !inA.has(l)) };
}

function NarrativeChange({ event }: { event: AuditEvent }) {
  const { removed, added } = lineDiff(event.before ?? '', event.after ?? '');
  if (removed.length === 0 && added.length === 0) return <>Blank lines or spacing only</>;
  return (
    <ul className="diff">
      {removed.map((l, i) => (
        <li key={`r${i}`} className="diff__removed">
          <span className="visually-hidden">Removed: </span>
          <del>{l}</del>
        </li>
      ))}
      {added.map((l, i) => (
        <li key={`a${i}`} className="diff__added">
          <span className="visually-hidden">Added: </span>
          <ins>{l}</ins>
        </li>
      ))}
    </ul>
  );
}

export function AuditTable({
  events,
  showItem,
  newestFirst,
}: {
  events: AuditEvent[];
  showItem: boolean;
  newestFirst?: boolean;
}) {
  const items = useAppStore((s) => s.items);
  const titleOf = (id: string) => items.find((i) => i.id === id)?.title ?? id;
  if (events.length === 0) return <p>No changes recorded yet.</p>;
  const rows = newestFirst ? events : [...events].reverse();
  return (
    <table className="table table--audit">
      <caption className="visually-hidden">Audit trail</caption>
      <thead>
        <tr>
          <th scope="col">When</th>
          <th scope="col">Who</th>
          {showItem && <th scope="col">Item</th>}
          <th scope="col">What</th>
          <th scope="col">Change</th>
          <th scope="col">Reason or comment</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((e, index) => (
          <tr key={`${e.at}-${index}`}>
            <td className="nowrap">{formatDateTime(e.at)}</td>
            <td>{e.who}</td>
            {showItem && <td>{e.itemId ? titleOf(e.itemId) : 'Workspace'}</td>}
            <td>{auditActionLabel(e.action)}</td>
            <td className="wrap">
              {e.action === 'note' ? (
                <NarrativeChange event={e} />
              ) : e.before !== null &&
                e.after !== null &&
                !e.before.startsWith('{') &&
                !e.after.startsWith('{') &&
                e.action !== 'private-note' ? (
                <>
                  {describe(e.before, e.action)} → {describe(e.after, e.action)}
                </>
              ) : (
                describe(e.after ?? e.before, e.action)
              )}
            </td>
            <td className="wrap">{showDirectionControls(e.reason ?? '')}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
