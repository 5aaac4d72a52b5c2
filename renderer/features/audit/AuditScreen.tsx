import { useState } from 'react';
import { api, call } from '../../api/call';
import { useAppStore } from '../../state/app-store';
import { AuditTable } from './AuditTable';
import { auditActionLabel } from '../../../shared/domain/audit';
import { DateField } from '../../ui/DateField';
import { useApiQuery } from '../../state/use-api-query';
import { messageOf } from '../../state/errors';
import './audit.css';

const PAGE = 50;

/** The audit trail, newest first, a page at a time, filtered by item, person, action and dates. */
export function AuditScreen() {
  const items = useAppStore((s) => s.items);
  const [itemId, setItemId] = useState('');
  const [who, setWho] = useState('');
  const [action, setAction] = useState('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [offset, setOffset] = useState(0);
  const { data, error } = useApiQuery('audit.list', {
    ...(itemId ? { itemId } : {}),
    ...(who ? { who } : {}),
    ...(action ? { action } : {}),
    ...(from ? { from } : {}),
    ...(to ? { to } : {}),
    page: { offset, limit: PAGE },
  });
  const [status, setStatus] = useState('');
  const filter = (change: () => void) => {
    change();
    setOffset(0);
  };
  const exportCsv = async () => {
    try {
      const { fileName, csv } = await call('audit.exportCsv', {});
      const result = await api().saveFile(fileName, csv);
      setStatus(result.saved ? `Saved ${result.path ?? fileName}` : 'Not saved');
    } catch (e) {
      setStatus(messageOf(e));
    }
  };
  const total = data?.total ?? 0;
  return (
    <>
      <h1>Audit trail</h1>
      <p className="lead">
        Every change to this workspace, who made it and when, newest first. Entries are never removed; personal data the
        privacy check found and an officer took out of a narrative is masked in earlier entries too.
      </p>
      <button type="button" className="button button--secondary" onClick={() => void exportCsv()}>
        Export the whole trail as CSV
      </button>
      <p role="status" className="hint">
        {status}
      </p>
      <search className="filters filters--checklist" aria-label="Filter the audit trail">
        <div className="form-group form-group--inline">
          <label className="label" htmlFor="audit-item">
            Item
          </label>
          <select
            id="audit-item"
            className="select"
            value={itemId}
            onChange={(e) => filter(() => setItemId(e.target.value))}
          >
            <option value="">All items and the workspace</option>
            {items.map((i) => (
              <option key={i.id} value={i.id}>
                {i.title}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group form-group--inline">
          <label className="label" htmlFor="audit-who">
            Person
          </label>
          <select id="audit-who" className="select" value={who} onChange={(e) => filter(() => setWho(e.target.value))}>
            <option value="">Anyone</option>
            {(data?.people ?? []).map((p) => (
              <option key={p} value={p}>
                {p}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group form-group--inline">
          <label className="label" htmlFor="audit-action">
            Change
          </label>
          <select
            id="audit-action"
            className="select"
            value={action}
            onChange={(e) => filter(() => setAction(e.target.value))}
          >
            <option value="">Every kind</option>
            {(data?.actions ?? []).map((a) => (
              <option key={a} value={a}>
                {auditActionLabel(a)}
              </option>
            ))}
          </select>
        </div>
        <div className="form-group form-group--inline">
          <DateField
            id="audit-from"
            label="From"
            hint="dd/mm/yyyy"
            value={from}
            onCommit={(iso) => filter(() => setFrom(iso ?? ''))}
          />
        </div>
        <div className="form-group form-group--inline">
          <DateField
            id="audit-to"
            label="To"
            hint="dd/mm/yyyy"
            value={to}
            onCommit={(iso) => filter(() => setTo(iso ?? ''))}
          />
        </div>
      </search>
      {error && (
        <p className="error-message" role="alert">
          {error}
        </p>
      )}
      {data && (
        <>
          <p aria-live="polite">
            {total === 0
              ? 'No entries match.'
              : total === 1
                ? 'Showing the one entry that matches'
                : `Showing ${offset + 1}–${Math.min(offset + PAGE, total)} of ${total} entries`}
          </p>
          <AuditTable events={data.events} showItem newestFirst />
          {total > PAGE && (
            <nav className="pager" aria-label="Pages of the audit trail">
              <button
                type="button"
                className="button button--secondary"
                disabled={offset === 0}
                onClick={() => setOffset(Math.max(0, offset - PAGE))}
              >
                Newer entries
              </button>
              <span className="pager__where">
                Page {Math.floor(offset / PAGE) + 1} of {Math.ceil(total / PAGE)}
              </span>
              <button
                type="button"
                className="button button--secondary"
                disabled={offset + PAGE >= total}
                onClick={() => setOffset(offset + PAGE)}
              >
                Older entries
              </button>
            </nav>
          )}
        </>
      )}
    </>
  );
}
