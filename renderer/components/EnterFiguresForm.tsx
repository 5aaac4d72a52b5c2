import { useState, type FormEvent } from 'react';
import type { Response } from '../../shared/api/contract';
import { call } from '../api/call';
import { useAppStore } from '../state/app-store';

type Dataset = Response<'datasets.list'>['datasets'][number];

/** For figures that arrive by email or phone: one period's figures for the workspace's own area, typed in. */
export function EnterFiguresForm({ dataset, onSaved }: { dataset: Dataset; onSaved: () => void }) {
  const reloadItems = useAppStore((s) => s.reloadItems);
  const [period, setPeriod] = useState('');
  const [breakdown, setBreakdown] = useState(dataset.breakdown?.values[0]?.id ?? '');
  const [values, setValues] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const typed = Object.entries(values).filter(([, v]) => v.trim() !== '');
    if (!period.trim()) { setProblem('Enter the period the figures are for'); return; }
    if (typed.length === 0) { setProblem('Enter at least one figure'); return; }
    const numbers: Record<string, number> = {};
    for (const [field, text] of typed) {
      const n = Number(text.replace(/,/g, ''));
      if (!Number.isFinite(n)) { setProblem(`${field}: '${text}' is not a number`); return; }
      numbers[field] = n;
    }
    try {
      const result = await call('datasets.enter', { dataset: dataset.name, period: period.trim(), breakdown, values: numbers });
      setProblem(null);
      setStatus(`Saved the figures for ${result.periods.join(', ')}${result.replacedPeriods.length ? ', replacing the earlier ones' : ''}.`);
      setValues({});
      await reloadItems();
      onSaved();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <details className="panel panel--wide">
      <summary>Type the figures in</summary>
      <form onSubmit={(e) => void save(e)} noValidate aria-label={`Type in figures for ${dataset.title}`}>
        {problem && <p className="error-message" role="alert">{problem}</p>}
        <div className="form-row">
          <div className="form-group">
            <label className="label" htmlFor="enter-period">Period</label>
            <input id="enter-period" className="input" value={period} onChange={(e) => setPeriod(e.target.value)} />
          </div>
          {dataset.breakdown && (
            <div className="form-group">
              <label className="label" htmlFor="enter-breakdown">{dataset.breakdown.title}</label>
              <select id="enter-breakdown" className="select" value={breakdown} onChange={(e) => setBreakdown(e.target.value)}>
                {dataset.breakdown.values.map((v) => <option key={v.id} value={v.id}>{v.title}</option>)}
              </select>
            </div>
          )}
        </div>
        <div className="figures-grid">
          {dataset.columns.map((c) => (
            <div className="form-group" key={c.name}>
              <label className="label label--small" htmlFor={`enter-${c.name}`}>{c.title} <span className="hint">({c.unit})</span></label>
              <input id={`enter-${c.name}`} className="input" inputMode="decimal" value={values[c.name] ?? ''}
                onChange={(e) => setValues({ ...values, [c.name]: e.target.value })} />
            </div>
          ))}
        </div>
        <button type="submit" className="button button--secondary">Save these figures</button>
        <p className="hint" role="status">{status}</p>
      </form>
    </details>
  );
}
