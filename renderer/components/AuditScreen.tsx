import { useState } from 'react';
import { api, call } from '../api/call';
import { AuditTable } from './AuditTable';
import { useLoaded } from './use-loaded';

export function AuditScreen() {
  const { data, error } = useLoaded(() => call('audit.list', {}));
  const [status, setStatus] = useState('');
  const exportCsv = async () => {
    try {
      const { fileName, csv } = await call('audit.exportCsv', {});
      const result = await api().saveFile(fileName, csv);
      setStatus(result.saved ? `Saved ${result.path ?? fileName}` : 'Not saved');
    } catch (e) {
      setStatus((e as Error).message);
    }
  };
  return (
    <>
      <h1>Audit trail</h1>
      <p className="lead">Every change to this workspace, who made it and when. Entries are never changed or removed.</p>
      <button type="button" className="button button--secondary" onClick={() => void exportCsv()}>Export as CSV</button>
      <p role="status" className="hint">{status}</p>
      {error && <p className="error-message" role="alert">{error}</p>}
      {data && <AuditTable events={data.events} showItem />}
    </>
  );
}
