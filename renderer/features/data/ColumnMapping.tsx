import { useState, type FormEvent } from 'react';
import type { Response } from '../../../shared/api/contract';

type Preview = Response<'imports.preview'>;
export interface ColumnChoice {
  header: string;
  field: string | null;
}

const HOW: Record<Preview['columns'][number]['how'], string> = {
  recognised: 'Recognised from its header',
  chosen: 'Your choice',
  remembered: 'Your earlier choice for files like this',
  unused: 'Not used',
};

/**
 * The column-mapping step of an import: every column of the officer's table with what it was taken as, each one
 * changeable (or cleared: "Not used"). Reading the file again with the choices shows the new preview; the choices
 * are remembered for files with the same headers once the import is made.
 */
export function ColumnMapping({
  preview,
  onRemap,
  busy,
}: {
  preview: Preview;
  onRemap: (choices: ColumnChoice[]) => void;
  busy: boolean;
}) {
  const [draft, setDraft] = useState<Record<string, string>>({});
  const valueOf = (c: Preview['columns'][number]) => draft[c.header] ?? c.field ?? '';
  const changed = preview.columns.some((c) => valueOf(c) !== (c.field ?? ''));
  const ownChoices = preview.columns.some((c) => c.how === 'chosen' || c.how === 'remembered');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    // The officer's earlier choices stay, with what was changed now; columns left as recognised are not named.
    const choices = preview.columns
      .filter((c) => valueOf(c) !== (c.field ?? '') || c.how === 'chosen' || c.how === 'remembered')
      .map((c) => ({ header: c.header, field: valueOf(c) || null }));
    onRemap(choices);
  };
  const reset = () => {
    setDraft({});
    onRemap([]);
  };
  const required = preview.targets.filter((t) => t.required);
  const taken = new Set(preview.columns.map((c) => valueOf(c)).filter(Boolean));
  const missing = required.filter((t) => !taken.has(t.id));
  return (
    <form className="column-mapping" onSubmit={submit} aria-labelledby="mapping-heading" noValidate>
      <h4 id="mapping-heading">What each column is taken as</h4>
      <p className="hint">
        Check each column of your table. Change what a column is taken as, or choose "Not used" to leave it out, then
        read the file again. Your choices are remembered for files with the same headers.
      </p>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Columns of the file">
        <table className="table">
          <caption className="visually-hidden">Columns of {preview.fileName} and what each is taken as</caption>
          <thead>
            <tr>
              <th scope="col">Column in the file</th>
              <th scope="col">Taken as</th>
            </tr>
          </thead>
          <tbody>
            {preview.columns.map((c, i) => (
              <tr key={`${c.header}-${i}`} data-column={c.header}>
                <th scope="row">{c.header}</th>
                <td>
                  <label className="visually-hidden" htmlFor={`map-${i}`}>
                    Take the column {c.header} as
                  </label>
                  <select
                    id={`map-${i}`}
                    className="select"
                    value={valueOf(c)}
                    disabled={busy}
                    aria-describedby={`map-how-${i}`}
                    onChange={(e) => setDraft({ ...draft, [c.header]: e.target.value })}
                  >
                    <option value="">Not used</option>
                    {preview.targets.map((t) => (
                      <option key={t.id} value={t.id}>
                        {t.title}
                      </option>
                    ))}
                  </select>
                  <p className="hint column-mapping__how" id={`map-how-${i}`}>
                    {valueOf(c) !== (c.field ?? '') ? 'Changed: read the file again to see it' : HOW[c.how]}
                    {c.note ? `. ${c.note}.` : ''}
                  </p>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {missing.length > 0 && (
        <p className="hint">
          No column is taken as {missing.map((t) => t.title).join(', ')}
          {missing.some((t) => t.kind === 'period') ? ' (without a period column, give the period above)' : ''}.
        </p>
      )}
      <span className="button-row">
        <button type="submit" className="button button--secondary" disabled={busy || !changed}>
          Read the file again with these columns
        </button>
        {ownChoices && (
          <button type="button" className="button button--secondary" disabled={busy} onClick={reset}>
            Go back to the columns the app recognised
          </button>
        )}
      </span>
    </form>
  );
}
