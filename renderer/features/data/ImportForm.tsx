import { useRef, useState, type FormEvent } from 'react';
import type { Response } from '../../../shared/api/contract';
import { call, uploadFiles } from '../../api/call';
import { write } from '../../state/write';
import { useAppStore } from '../../state/app-store';
import { ImportPreview } from './ImportPreview';
import type { ColumnChoice } from './ColumnMapping';
import { DateField } from '../../ui/DateField';
import { messageOf } from '../../state/errors';

type Dataset = Response<'datasets.list'>['datasets'][number];
type Preview = Response<'imports.preview'>;

/** Choose a file, see exactly what would be imported and every problem, then import all rows or none. */
export function ImportForm({ dataset }: { dataset: Dataset }) {
  const laCode = useAppStore((s) => s.session?.laCode ?? '');
  const [file, setFile] = useState<File | null>(null);
  const [authority, setAuthority] = useState(laCode ?? '');
  const [period, setPeriod] = useState('');
  const [snapshot, setSnapshot] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const [reading, setReading] = useState(false);
  // Each read gets a number; a cancelled read's answer is dropped. Reading writes nothing, so dropping it is safe.
  const readNumber = useRef(0);

  const read = async (event: FormEvent | null, mapping?: ColumnChoice[]) => {
    event?.preventDefault();
    if (!file) {
      setProblem('Choose a file to import');
      return;
    }
    const mine = ++readNumber.current;
    setProblem(null);
    setReading(true);
    setStatus(`Reading ${file.name}…`);
    try {
      const [handle] = await uploadFiles([file]);
      if (mine !== readNumber.current) return;
      const result = await call('imports.preview', {
        dataset: dataset.name,
        file: handle!,
        ...(authority.trim() ? { authority: authority.trim() } : {}),
        ...(period.trim() ? { period: period.trim() } : {}),
        ...(snapshot ? { snapshot } : {}),
        ...(mapping ? { mapping } : {}),
      });
      if (mine !== readNumber.current) return;
      setPreview(result);
      setStatus(`Read ${result.rowsRead} rows from ${result.fileName}${mapping ? ' with your column choices' : ''}`);
    } catch (error) {
      if (mine !== readNumber.current) return;
      setStatus('');
      setProblem(messageOf(error));
    } finally {
      if (mine === readNumber.current) setReading(false);
    }
  };
  const stopReading = () => {
    readNumber.current++;
    // The worker reading it is ended too, not left to finish a file nobody will see (its answer is dropped above).
    void call('work.cancel', { operation: 'imports.preview' }).catch(() => {});
    setReading(false);
    setStatus('Stopped reading the file. Nothing was imported.');
  };
  const commit = async () => {
    if (!preview) return;
    try {
      const result = await write('imports.commit', { previewId: preview.previewId });
      setStatus(
        `Imported ${result.rowsKept} rows for ${result.periods.join(', ')}${result.replacedPeriods.length ? `, replacing the figures held for ${result.replacedPeriods.join(', ')}` : ''}.`,
      );
      setPreview(null);
      setFile(null);
    } catch (error) {
      setProblem(messageOf(error));
    }
  };

  return (
    <div className="panel panel--wide">
      <form onSubmit={(e) => void read(e)} noValidate aria-labelledby="import-heading">
        <h3 id="import-heading">Import a file</h3>
        <p className="hint">
          CSV or Excel (.xlsx): DfE's published files, your case-management export or the template. Nothing is saved
          until you have seen the preview.
        </p>
        {problem && (
          <p className="error-message" role="alert">
            {problem}
          </p>
        )}
        <div className="form-group">
          <label className="label" htmlFor="import-file">
            File
          </label>
          <input
            id="import-file"
            type="file"
            className="file-input"
            accept=".csv,.xlsx,.txt,text/csv"
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setPreview(null);
            }}
          />
        </div>
        <div className="form-row">
          <div className="form-group">
            <label className="label" htmlFor="import-authority">
              Local authority
            </label>
            <p className="hint" id="import-authority-hint">
              For national files: a name, old or new LA code (or a region).
            </p>
            <input
              id="import-authority"
              className="input"
              value={authority}
              aria-describedby="import-authority-hint"
              onChange={(e) => setAuthority(e.target.value)}
            />
          </div>
          <div className="form-group">
            <label className="label" htmlFor="import-period">
              Period (if the file has none)
            </label>
            <p className="hint" id="import-period-hint">
              e.g. 2024 or 2023/24
            </p>
            <input
              id="import-period"
              className="input"
              value={period}
              aria-describedby="import-period-hint"
              onChange={(e) => setPeriod(e.target.value)}
            />
          </div>
          <div className="form-group">
            <DateField
              id="import-snapshot"
              label="Snapshot date (case-level lists)"
              hint="The day the waiting list was taken, e.g. 31/03/2026."
              value={snapshot}
              onCommit={(iso) => setSnapshot(iso ?? '')}
            />
          </div>
        </div>
        <span className="button-row">
          <button type="submit" className="button button--secondary" disabled={reading}>
            {reading ? 'Reading the file…' : 'Preview the import'}
          </button>
          {reading && (
            <button type="button" className="button button--secondary" onClick={stopReading}>
              Stop reading
            </button>
          )}
        </span>
      </form>
      <p className="hint" role="status">
        {status}
      </p>
      {preview && (
        <ImportPreview
          preview={preview}
          onCommit={() => void commit()}
          onCancel={() => setPreview(null)}
          onRemap={(choices) => void read(null, choices)}
          busy={reading}
        />
      )}
    </div>
  );
}
