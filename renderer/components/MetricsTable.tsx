import type { Response } from '../../shared/api/contract';
import { call } from '../api/call';
import { useLoaded } from './use-loaded';
import { MetricChart } from './MetricChart';

type Metric = Response<'metrics.list'>['metrics'][number];

/** Against the previous period of the same metric, in words: "Up 2.1 since 2019". */
function trendText(all: Metric[], m: Metric): string {
  if (m.status !== 'ok' || m.value === null) return '—';
  const earlier = all.filter((o) => o.id === m.id && o.breakdown === m.breakdown && o.status === 'ok' && o.value !== null && o.period < m.period)
    .sort((a, b) => (a.period < b.period ? 1 : -1))[0];
  if (!earlier || earlier.value === null) return '—';
  const change = Math.round((m.value - earlier.value) * 10) / 10;
  const points = m.unit === '%' ? ' points' : '';
  return change === 0 ? `No change since ${earlier.period}` : `${change > 0 ? 'Up' : 'Down'} ${Math.abs(change).toLocaleString('en-GB')}${points} since ${earlier.period}`;
}

const format = (value: number | null, unit: string) =>
  value === null ? '—' : unit === '%' ? `${value.toFixed(1)}%` : unit === 'count' ? value.toLocaleString('en-GB') : `${value} ${unit}`;

/** The metrics computed from this dataset, each against the national figure of the same period. */
export function MetricsTable({ dataset }: { dataset: string }) {
  const { data, error } = useLoaded(() => call('metrics.list', { dataset }), [dataset]);
  if (error) return <p className="error-message" role="alert">{error}</p>;
  if (!data) return null;
  if (data.metrics.length === 0) return <p>No figures yet: import a file or type the figures in.</p>;
  const chartIds = [...new Set(data.metrics.filter((m) => m.status === 'ok').map((m) => `${m.id}|${m.breakdown ?? ''}`))];
  return (
    <section aria-labelledby="metrics-heading">
      <h3 id="metrics-heading">Metrics</h3>
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Metrics">
        <table className="table">
          <caption className="visually-hidden">Metrics with national comparators</caption>
          <thead>
            <tr><th scope="col">Metric</th><th scope="col">Period</th><th scope="col">Value</th><th scope="col">National</th>
              <th scope="col">Compared</th><th scope="col">Trend</th><th scope="col">Check</th></tr>
          </thead>
          <tbody>
            {data.metrics.map((m, i) => (
              <tr key={`${m.id}-${m.period}-${m.breakdown ?? ''}-${i}`} data-metric-id={m.id}>
                <th scope="row">{m.title}{m.breakdown ? ` (${m.breakdown})` : ''}</th>
                <td>{m.period}</td>
                <td>{m.status === 'ok' ? format(m.value, m.unit) : m.status === 'invalid' ? `${format(m.value, m.unit)} (not used)` : '—'}
                  {m.numerator !== null && m.denominator !== null && m.status !== 'missing' ? <span className="hint"> {m.numerator.toLocaleString('en-GB')} of {m.denominator.toLocaleString('en-GB')}</span> : null}</td>
                <td>{m.comparator ? `${format(m.comparator.value, m.unit)} (${m.comparator.period})` : 'none for this period'}</td>
                <td>{m.better ? (m.better === 'better' ? 'Better than national' : m.better === 'worse' ? 'Worse than national' : 'Same as national') : '—'}</td>
                <td>{trendText(data.metrics, m)}</td>
                <td>{m.status === 'ok' ? 'OK'
                  : m.status === 'invalid' ? <strong className="error-text">Invalid: {m.problems.join('; ')}</strong>
                  : <span className="hint">Not available: {m.problems.join('; ')}</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="charts">
        {chartIds.slice(0, 12).map((key) => {
          const [id, breakdown] = key.split('|') as [string, string];
          return <MetricChart key={key} metricId={id} breakdown={breakdown || undefined} />;
        })}
      </div>
    </section>
  );
}
