import type { Response } from '../../../shared/api/contract';
import { ColumnMapping, type ColumnChoice } from './ColumnMapping';

type Preview = Response<'imports.preview'>;

export function ImportPreview({
  preview,
  onCommit,
  onCancel,
  onRemap,
  busy = false,
}: {
  preview: Preview;
  onCommit: () => void;
  onCancel: () => void;
  onRemap: (choices: ColumnChoice[]) => void;
  busy?: boolean;
}) {
  const title = (field: string) => preview.targets.find((t) => t.id === field)?.title ?? field;
  const mapped = preview.columns.filter((c) => c.field);
  const national = preview.rows.filter((r) => r.geography === 'national').length;
  const regional = preview.rows.filter((r) => r.geography === 'regional').length;
  const comparators = [national ? 'the national figures' : '', regional ? 'the regional figures' : '']
    .filter(Boolean)
    .join(' and ');
  const ignored = preview.columns.filter((c) => !c.field);
  return (
    <section className="preview" aria-labelledby="preview-heading">
      <h3 id="preview-heading">Preview: {preview.fileName}</h3>
      <dl className="summary-list">
        <div>
          <dt>Rows read</dt>
          <dd>{preview.rowsRead}</dd>
        </div>
        <div>
          <dt>Rows to import</dt>
          <dd>
            {preview.rows.length}
            {preview.authority ? ` (for ${preview.authority.name}${comparators ? `, with ${comparators}` : ''})` : ''}
          </dd>
        </div>
        <div>
          <dt>Periods</dt>
          <dd>
            {preview.periods.join(', ') || '—'}
            {preview.replaces.length ? `. This replaces the figures held for ${preview.replaces.join(', ')}.` : ''}
          </dd>
        </div>
        {!preview.mappable && (
          <div>
            <dt>Columns used</dt>
            <dd>{mapped.map((c) => `${c.header} → ${title(c.field!)}`).join('; ') || 'none'}</dd>
          </div>
        )}
        {!preview.mappable && ignored.length > 0 && (
          <div>
            <dt>Columns ignored</dt>
            <dd>{ignored.map((c) => c.header).join('; ')}</dd>
          </div>
        )}
        {preview.discardedColumns.length > 0 && (
          <div>
            <dt>Not kept (personal data)</dt>
            <dd>
              {preview.discardedColumns.join('; ')}. These columns were read only to count; no identifier or row about a
              child is stored.
            </dd>
          </div>
        )}
      </dl>
      {preview.notes.map((n) => (
        <p key={n} className="inset-text">
          {n}
        </p>
      ))}
      {preview.problems.length > 0 && (
        <div className="error-summary" role="alert">
          <h4 className="error-summary__title">
            {preview.problems.length} problem{preview.problems.length === 1 ? '' : 's'} to fix before importing
          </h4>
          <ul>
            {preview.problems.slice(0, 50).map((p, i) => (
              <li key={i}>
                {p.row !== null ? `Row ${p.row}` : 'File'}
                {p.column ? `, column ${p.column}` : ''}: {p.message}
              </li>
            ))}
          </ul>
          {preview.problems.length > 50 && <p>and {preview.problems.length - 50} more.</p>}
        </div>
      )}
      {preview.mappable && preview.columns.length > 0 && (
        <ColumnMapping key={preview.previewId} preview={preview} onRemap={onRemap} busy={busy} />
      )}
      {preview.firstRows.length > 1 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label="First rows of the file">
          <table className="table table--compact">
            <caption>First rows of the file</caption>
            <thead>
              <tr>
                {preview.firstRows[0]!.map((h, i) => (
                  <th key={i} scope="col">
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.firstRows.slice(1).map((r, i) => (
                <tr key={i}>
                  {r.map((c, j) => (
                    <td key={j}>{c}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="button-row">
        <button type="button" className="button" disabled={!preview.canCommit || busy} onClick={onCommit}>
          Import {preview.rows.length} row{preview.rows.length === 1 ? '' : 's'}
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </section>
  );
}
