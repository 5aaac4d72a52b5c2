import { call } from '../api/call';
import { useLoaded } from './use-loaded';
import { MetricChart } from './MetricChart';

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
              <th scope="col">Compared</th><th scope="col">Check</th></tr>
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
