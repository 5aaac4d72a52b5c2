import { useState } from 'react';
import type { SelfEvaluation, useSelfEvaluation } from './self-evaluation-state';
import { useApiQuery } from '../../state/use-api-query';

type Change = ReturnType<typeof useSelfEvaluation>['change'];
type Target = SelfEvaluation['targets'][number];

/** A baseline period and a target per metric: the pack's KPI table prints each metric given one. */
export function TargetsPanel({ targets, readOnly, change }: { targets: Target[]; readOnly: boolean; change: Change }) {
  const metrics = useApiQuery('metrics.list', {});
  const ok = (metrics.data?.metrics ?? []).filter((m) => m.status === 'ok' && !m.breakdown);
  const byId = new Map<string, { title: string; unit: string; periods: string[] }>();
  for (const m of ok) {
    const held = byId.get(m.id) ?? { title: m.title, unit: m.unit, periods: [] };
    held.periods.push(m.period);
    byId.set(m.id, held);
  }
  const [metricId, setMetricId] = useState('');
  const chosen = byId.get(metricId);
  const existing = targets.find((t) => t.metricId === metricId && t.breakdown === '');
  const [baseline, setBaseline] = useState('');
  const [target, setTarget] = useState('');
  const [targetPeriod, setTargetPeriod] = useState('');
  const [status, setStatus] = useState('');
  const pick = (id: string) => {
    setMetricId(id);
    const t = targets.find((x) => x.metricId === id && x.breakdown === '');
    setBaseline(t?.baselinePeriod ?? '');
    setTarget(t?.target === null || t?.target === undefined ? '' : String(t.target));
    setTargetPeriod(t?.targetPeriod ?? '');
  };
  const save = async () => {
    const value = target.trim() === '' ? null : Number(target);
    if (value !== null && !Number.isFinite(value)) {
      setStatus('The target must be a number, e.g. 75 for 75%.');
      return;
    }
    if (
      await change('selfEvaluation.setTarget', {
        metricId,
        baselinePeriod: baseline || null,
        target: value,
        targetPeriod,
      })
    )
      setStatus(`Saved the target for ${chosen?.title ?? metricId}.`);
  };
  return (
    <section aria-labelledby="targets-heading" className="panel panel--wide">
      <h2 id="targets-heading">KPI targets</h2>
      <p className="hint">
        The pack's KPI table shows each metric given a target here: baseline, target, latest, trend and England.
      </p>
      {targets.length > 0 && (
        <ul>
          {targets.map((t) => (
            <li key={`${t.metricId}|${t.breakdown}`}>
              {byId.get(t.metricId)?.title ?? t.metricId}: baseline {t.baselinePeriod ?? 'earliest period'}, target{' '}
              {t.target ?? 'not set'}
              {t.targetPeriod ? ` by ${t.targetPeriod}` : ''}
            </li>
          ))}
        </ul>
      )}
      {!readOnly &&
        (byId.size === 0 ? (
          <p>No metrics yet: import data on the Data screen.</p>
        ) : (
          <>
            <div className="form-group">
              <label className="label" htmlFor="kpi-metric">
                Metric
              </label>
              <select id="kpi-metric" className="select" value={metricId} onChange={(e) => pick(e.target.value)}>
                <option value="">Choose a metric</option>
                {[...byId.entries()].map(([id, m]) => (
                  <option key={id} value={id}>
                    {m.title}
                  </option>
                ))}
              </select>
            </div>
            {chosen && (
              <div className="form-row">
                <div className="form-group">
                  <label className="label" htmlFor="kpi-baseline">
                    Baseline period
                  </label>
                  <select
                    id="kpi-baseline"
                    className="select"
                    value={baseline}
                    onChange={(e) => setBaseline(e.target.value)}
                  >
                    <option value="">The earliest</option>
                    {chosen.periods.map((p) => (
                      <option key={p} value={p}>
                        {p}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="form-group">
                  <label className="label" htmlFor="kpi-target">
                    Target ({chosen.unit})
                  </label>
                  <input
                    id="kpi-target"
                    className="input"
                    inputMode="decimal"
                    value={target}
                    onChange={(e) => setTarget(e.target.value)}
                  />
                </div>
                <div className="form-group">
                  <label className="label" htmlFor="kpi-by">
                    By (period)
                  </label>
                  <input
                    id="kpi-by"
                    className="input"
                    value={targetPeriod}
                    maxLength={20}
                    onChange={(e) => setTargetPeriod(e.target.value)}
                  />
                </div>
              </div>
            )}
            <button type="button" className="button" disabled={!chosen} onClick={() => void save()}>
              {existing ? 'Change the target' : 'Save the target'}
            </button>
          </>
        ))}
      <p role="status" className="hint">
        {status}
      </p>
    </section>
  );
}
