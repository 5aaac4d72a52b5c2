import { useState, type FormEvent } from 'react';
import type { Response } from '../../../shared/api/contract';
import { write } from '../../state/write';
import { useAction } from '../../state/use-action';

type Dataset = Response<'datasets.list'>['datasets'][number];

/** For figures that arrive by email or phone: one period's figures for the workspace's own area, typed in. */
export function EnterFiguresForm({ dataset }: { dataset: Dataset }) {
  const [period, setPeriod] = useState('');
  const [breakdown, setBreakdown] = useState(dataset.breakdown?.values[0]?.id ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const { run, problem, setProblem } = useAction();
  const [status, setStatus] = useState('');
  /** Figures already held for this period (and breakdown), shown for the officer to confirm before they are replaced. */
  const [pending, setPending] = useState<Response<'datasets.enter'>['wouldReplace'] | null>(null);
  const save = async (event: FormEvent | null, confirmReplace = false) => {
    event?.preventDefault();
    const typed = Object.entries(values).filter(([, v]) => v.trim() !== '');
    if (!period.trim()) {
      setProblem('Enter the period the figures are for');
      return;
    }
    if (typed.length === 0) {
      setProblem('Enter at least one figure');
      return;
    }
    const numbers: Record<string, number> = {};
    for (const [field, text] of typed) {
      const n = Number(text.replace(/,/g, ''));
      if (!Number.isFinite(n)) {
        setProblem(`${field}: '${text}' is not a number`);
        return;
      }
      numbers[field] = n;
    }
    await run(async () => {
      const result = await write('datasets.enter', {
        dataset: dataset.name,
        period: period.trim(),
        breakdown,
        values: numbers,
        confirmReplace,
      });
      if (!result.saved) {
        setPending(result.wouldReplace);
        setStatus('');
        return;
      }
      setPending(null);
      setStatus(
        `Saved the figures for ${result.periods.join(', ')}${result.replacedPeriods.length ? ', replacing the earlier ones' : ''}.`,
      );
      setValues({});
    });
  };
  return (
    <details className="panel panel--wide">
      <summary>Type the figures in</summary>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={`Type in figures for ${dataset.title}`}>
        {problem && (
          <p className="error-message" role="alert">
            {problem}
          </p>
        )}
        <div className="form-row">
          <div className="form-group">
            <label className="label" htmlFor="enter-period">
              Period
            </label>
            <input
              id="enter-period"
              className="input"
              value={period}
              onChange={(e) => {
                setPeriod(e.target.value);
                setPending(null);
              }}
            />
          </div>
          {dataset.breakdown && (
            <div className="form-group">
              <label className="label" htmlFor="enter-breakdown">
                {dataset.breakdown.title}
              </label>
              <select
                id="enter-breakdown"
                className="select"
                value={breakdown}
                onChange={(e) => {
                  setBreakdown(e.target.value);
                  setPending(null);
                }}
              >
                {dataset.breakdown.values.map((v) => (
                  <option key={v.id} value={v.id}>
                    {v.title}
                  </option>
                ))}
              </select>
            </div>
          )}
        </div>
        <div className="figures-grid">
          {dataset.columns.map((c) => (
            <div className="form-group" key={c.name}>
              <label className="label label--small" htmlFor={`enter-${c.name}`}>
                {c.title} <span className="hint">({c.unit})</span>
              </label>
              <input
                id={`enter-${c.name}`}
                className="input"
                inputMode="decimal"
                value={values[c.name] ?? ''}
                onChange={(e) => setValues({ ...values, [c.name]: e.target.value })}
              />
            </div>
          ))}
        </div>
        {pending && (
          <div className="panel" role="alertdialog" aria-labelledby="enter-replace-title">
            <p id="enter-replace-title">
              <strong>These figures are already held. Replace them?</strong>
            </p>
            <ul>
              {pending.map((h) => (
                <li key={`${h.period}-${h.breakdown}`}>
                  {h.period}
                  {h.breakdown
                    ? `, ${dataset.breakdown?.values.find((v) => v.id === h.breakdown)?.title ?? h.breakdown}`
                    : ''}
                  : {h.source === 'typed in' ? 'typed in' : `from ${h.source}`} by {h.importedBy},{' '}
                  {new Date(h.importedAt).toLocaleDateString('en-GB', {
                    day: 'numeric',
                    month: 'short',
                    year: 'numeric',
                  })}
                </li>
              ))}
            </ul>
            <p className="hint">
              Only these are replaced: other {dataset.breakdown ? `${dataset.breakdown.title.toLowerCase()}s and ` : ''}
              periods stay as they are.
            </p>
            <button type="button" className="button" onClick={() => void save(null, true)}>
              Replace them
            </button>{' '}
            <button
              type="button"
              className="button button--secondary"
              onClick={() => {
                setPending(null);
                setStatus('Nothing was saved.');
              }}
            >
              Keep the figures held
            </button>
          </div>
        )}
        <button type="submit" className="button button--secondary">
          Save these figures
        </button>
        <p className="hint" role="status">
          {status}
        </p>
      </form>
    </details>
  );
}
