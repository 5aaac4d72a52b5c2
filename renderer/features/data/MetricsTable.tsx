import { useApiQuery } from '../../state/use-api-query';
import { MetricChart } from './MetricChart';
import { comparedWords, formatValue, rankWords, trendWords, type Metric } from './metric-words';
import './data.css';

/** The value cell: the figure, its counts, and any note beside a published figure. */
function ValueCell({ m }: { m: Metric }) {
  return (
    <td>
      {m.status === 'ok'
        ? formatValue(m.value, m.unit)
        : m.status === 'invalid'
          ? `${formatValue(m.value, m.unit)} (not used)`
          : '—'}
      {m.numerator !== null && m.denominator !== null && m.status !== 'missing' ? (
        <span className="hint">
          {' '}
          {m.numerator.toLocaleString('en-GB')} of {m.denominator.toLocaleString('en-GB')}
        </span>
      ) : null}
      {(m.notes ?? []).map((n) => (
        <span key={n} className="metric-note">
          {n}
        </span>
      ))}
    </td>
  );
}

/** A metric's latest figure with every comparator main has for the same period, as an inspector reads it. */
function LatestCard({ m, all, listed }: { m: Metric; all: readonly Metric[]; listed: number }) {
  const rank = rankWords(m);
  const compared = comparedWords(m);
  const name = `${m.title}${m.breakdown ? ` (${m.breakdown})` : ''}`;
  return (
    <article className="metric-card" aria-label={`${name}, ${m.period}`} data-metric-card={m.id}>
      <h4 className="metric-card__title">{name}</h4>
      <p className="metric-card__value">
        {m.status === 'ok' ? formatValue(m.value, m.unit) : `${formatValue(m.value, m.unit)} (not used)`}
        <span className="hint">
          {' '}
          in {m.period}
          {m.numerator !== null && m.denominator !== null && m.status !== 'missing'
            ? `: ${m.numerator.toLocaleString('en-GB')} of ${m.denominator.toLocaleString('en-GB')}`
            : ''}
        </span>
      </p>
      {(m.notes ?? []).map((n) => (
        <p key={n} className="metric-note">
          {n}
        </p>
      ))}
      <dl className="metric-card__list">
        <div>
          <dt>England</dt>
          <dd>
            {m.comparator
              ? `${formatValue(m.comparator.value, m.unit)}${compared ? ` (${compared[0]!.toLowerCase()}${compared.slice(1)})` : ''}`
              : 'none for this period'}
          </dd>
        </div>
        {m.region ? (
          <div>
            <dt>{m.region.name}</dt>
            <dd>{formatValue(m.region.value, m.unit)}</dd>
          </div>
        ) : null}
        {m.neighbours ? (
          <div>
            <dt>Statistical neighbours</dt>
            <dd>
              {formatValue(m.neighbours.value, m.unit)} (average of the {m.neighbours.count} of {listed} with data)
            </dd>
          </div>
        ) : null}
        {rank ? (
          <div>
            <dt>Rank</dt>
            <dd>{rank}, among authorities with data</dd>
          </div>
        ) : null}
        <div>
          <dt>Trend</dt>
          <dd>{trendWords(all, m)}</dd>
        </div>
      </dl>
      {m.status === 'invalid' && <p className="error-text">Invalid: {m.problems.join('; ')}</p>}
    </article>
  );
}

/**
 * The metrics computed from this dataset, per period, each beside England, the region, the statistical
 * neighbours' average and the rank among authorities (each shown only where there is a figure for the same period),
 * with the trend in words.
 */
export function MetricsTable({ dataset, title }: { dataset: string; title: string }) {
  const { data, error } = useApiQuery('metrics.list', { dataset });
  // How many neighbours the list in use names for the area (ten in the shipped list; a replaced list may differ).
  const listed = useApiQuery('benchmarks.neighbours', {}).data?.neighbours.length ?? 10;
  if (error)
    return (
      <p className="error-message" role="alert">
        {error}
      </p>
    );
  if (!data) return null;
  if (data.metrics.length === 0) return <p>No figures yet: import a file or type the figures in.</p>;
  const chartIds = [
    ...new Set(data.metrics.filter((m) => m.status === 'ok').map((m) => `${m.id}|${m.breakdown ?? ''}`)),
  ];
  // Each metric's latest period (results come oldest first within a metric).
  const latest = [...new Map(data.metrics.map((m) => [`${m.id}|${m.breakdown ?? ''}|${m.title}`, m])).values()];
  const unavailable = latest.filter((m) => m.status === 'missing');
  return (
    <section className="metrics-section" aria-labelledby={`metrics-heading-${dataset}`}>
      <h3 id={`metrics-heading-${dataset}`}>Metrics</h3>
      <div className="metric-cards">
        {latest
          .filter((m) => m.status !== 'missing')
          .map((m) => (
            <LatestCard key={`${m.id}|${m.breakdown ?? ''}|${m.title}`} m={m} all={data.metrics} listed={listed} />
          ))}
      </div>
      {unavailable.length > 0 && (
        <p className="hint">
          Not available for the latest period:{' '}
          {unavailable.map((m) => `${m.title}${m.breakdown ? ` (${m.breakdown})` : ''} (${m.period})`).join('; ')}.
        </p>
      )}
      <h4>Every period</h4>
      <div className="table-scroll" tabIndex={0} role="region" aria-label={`Metrics of ${title}`}>
        <table className="table metrics-table">
          <caption className="visually-hidden">
            Metrics of {title} with England, region, statistical neighbours and rank
          </caption>
          <thead>
            <tr>
              <th scope="col">Metric</th>
              <th scope="col">Period</th>
              <th scope="col">Value</th>
              <th scope="col">England</th>
              <th scope="col">Region</th>
              <th scope="col">Statistical neighbours</th>
              <th scope="col">Rank</th>
              <th scope="col">Trend</th>
              <th scope="col">Check</th>
            </tr>
          </thead>
          <tbody>
            {data.metrics.map((m, i) => {
              const rank = rankWords(m);
              const compared = comparedWords(m);
              return (
                <tr key={`${m.id}-${m.period}-${m.breakdown ?? ''}-${i}`} data-metric-id={m.id}>
                  <th scope="row">
                    {m.title}
                    {m.breakdown ? ` (${m.breakdown})` : ''}
                  </th>
                  <td>{m.period}</td>
                  <ValueCell m={m} />
                  <td>
                    {m.comparator ? (
                      <>
                        {formatValue(m.comparator.value, m.unit)} ({m.comparator.period})
                        {compared ? (
                          <span className="hint">
                            <br />
                            {compared}
                          </span>
                        ) : null}
                      </>
                    ) : (
                      'none for this period'
                    )}
                  </td>
                  <td>
                    {m.region ? (
                      <>
                        {formatValue(m.region.value, m.unit)}
                        <span className="hint">
                          <br />
                          {m.region.name}
                          {m.region.period !== m.period ? ` (${m.region.period})` : ''}
                        </span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {m.neighbours ? (
                      <>
                        {formatValue(m.neighbours.value, m.unit)}
                        <span className="hint">
                          <br />
                          average of the {m.neighbours.count} of {listed} neighbours with data
                        </span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>
                    {rank ? (
                      <>
                        {rank}
                        <span className="hint">
                          <br />
                          among authorities with data
                        </span>
                      </>
                    ) : (
                      '—'
                    )}
                  </td>
                  <td>{trendWords(data.metrics, m)}</td>
                  <td>
                    {m.status === 'ok' ? (
                      'OK'
                    ) : m.status === 'invalid' ? (
                      <strong className="error-text">Invalid: {m.problems.join('; ')}</strong>
                    ) : (
                      <span className="hint">Not available: {m.problems.join('; ')}</span>
                    )}
                  </td>
                </tr>
              );
            })}
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
