import type { Response } from '../../../shared/api/contract';
import { useApiQuery } from '../../state/use-api-query';
import { formatValue, type Metric } from './metric-words';

type Dataset = Response<'datasets.list'>['datasets'][number];
type ImportSummary = Response<'imports.list'>['imports'][number];

const SHORT_DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric' });
/** Periods shown as columns at a glance: the latest five, as a trend is read. */
const GLANCE_PERIODS = 5;
const MAX_MISSING_LINES = 4;

const metricKey = (m: Metric) => `${m.id}|${m.breakdown ?? ''}`;

/** Years between the first and the last period that hold no figures ("2021"), for yearly datasets. */
function gaps(periods: string[], periodType: string): string[] {
  if (periodType === 'snapshot' || periods.length < 2) return [];
  const years = periods.map((p) => Number(p.slice(0, 4))).filter(Number.isFinite);
  const have = new Set(years);
  const out: string[] = [];
  for (let y = Math.min(...years) + 1; y < Math.max(...years); y++) {
    if (!have.has(y))
      out.push(periodType === 'calendar-year' ? String(y) : `${y}/${String((y + 1) % 100).padStart(2, '0')}`);
  }
  return out;
}

/** What an officer would want to know is not there: years skipped, figures not available or not usable, no England figure. */
function missingLines(dataset: Dataset, metrics: Metric[], periods: string[]): string[] {
  const lines: string[] = [];
  const skipped = gaps(periods, dataset.periodType);
  if (skipped.length) lines.push(`No figures for ${skipped.join(', ')}.`);
  const latest = periods[periods.length - 1]!;
  const inLatest = metrics.filter((m) => m.period === latest);
  const notAvailable = inLatest.filter((m) => m.status === 'missing');
  if (notAvailable.length) lines.push(`${latest}: ${notAvailable.map((m) => title(m)).join('; ')} not available.`);
  const invalid = metrics.filter((m) => m.status === 'invalid');
  if (invalid.length)
    lines.push(
      `${invalid.length} figure${invalid.length === 1 ? ' breaks' : 's break'} a rule and ${invalid.length === 1 ? 'is' : 'are'} not used (${[...new Set(invalid.map((m) => m.period))].join(', ')}).`,
    );
  // Rates only: DfE publishes no England figure for most counts and durations, so their absence is not news.
  const noEngland = inLatest.filter(
    (m) => m.status === 'ok' && (m.unit === '%' || m.unit === 'per 100') && !m.comparator,
  );
  if (noEngland.length) lines.push(`${latest}: no England figure for ${noEngland.map((m) => title(m)).join('; ')}.`);
  return lines;
}

const title = (m: Metric) => `${m.title}${m.breakdown ? ` (${m.breakdown})` : ''}`;

function source(imports: ImportSummary[]): string {
  const latest = imports[0];
  if (!latest) return '—';
  const when = SHORT_DATE.format(new Date(latest.importedAt));
  const what = latest.layout === 'form' ? `Typed in on ${when}` : `${latest.sourceName}, imported on ${when}`;
  const earlier = imports.length - 1;
  return `${what} by ${latest.importedBy}${earlier > 0 ? ` (and ${earlier} earlier ${earlier === 1 ? 'import' : 'imports'})` : ''}`;
}

function GlanceTable({ dataset, metrics, periods }: { dataset: Dataset; metrics: Metric[]; periods: string[] }) {
  const shown = periods.slice(-GLANCE_PERIODS);
  const rows = [...new Map(metrics.map((m) => [metricKey(m), m])).values()];
  const cell = (key: string, period: string) => metrics.find((m) => metricKey(m) === key && m.period === period);
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={`${dataset.title}: metrics by period`}>
      <table className="table table--glance">
        <caption className="visually-hidden">
          {dataset.title}: each metric by period, with England's figure for the same period
        </caption>
        <thead>
          <tr>
            <th scope="col">Metric</th>
            {shown.map((p) => (
              <th key={p} scope="col" className="numeric">
                {p}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={metricKey(r)}>
              <th scope="row">{title(r)}</th>
              {shown.map((p) => {
                const m = cell(metricKey(r), p);
                return (
                  <td key={p} className="numeric">
                    {!m ? (
                      '—'
                    ) : m.status === 'missing' ? (
                      <span className="hint">not available</span>
                    ) : m.status === 'invalid' ? (
                      <span className="error-text">{formatValue(m.value, m.unit)} not used</span>
                    ) : (
                      formatValue(m.value, m.unit)
                    )}
                    {m?.comparator && m.unit !== 'count' ? (
                      <span className="hint glance-england">England {formatValue(m.comparator.value, m.unit)}</span>
                    ) : null}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * What is loaded, dataset by dataset: the periods held, the latest, where the figures came from, what is missing,
 * and the metrics at a glance with periods as columns. Datasets with nothing yet are listed after, to open.
 */
export function DataOverview({ datasets, onOpen }: { datasets: Dataset[]; onOpen: (name: string) => void }) {
  const metrics = useApiQuery('metrics.list', {});
  const imports = useApiQuery('imports.list', {});
  if (metrics.error || imports.error)
    return (
      <p className="error-message" role="alert">
        {metrics.error ?? imports.error}
      </p>
    );
  if (!metrics.data || !imports.data) return <p className="hint">Reading what is loaded…</p>;
  const loaded: { dataset: Dataset; metrics: Metric[]; periods: string[]; imports: ImportSummary[] }[] = [];
  const empty: Dataset[] = [];
  for (const dataset of datasets) {
    const own = metrics.data.metrics.filter((m) => m.dataset === dataset.name);
    const periods = [...new Set(own.map((m) => m.period))].sort();
    const files = imports.data.imports.filter((i) => i.dataset === dataset.name);
    if (periods.length === 0) empty.push(dataset);
    else loaded.push({ dataset, metrics: own, periods, imports: files });
  }
  return (
    <section aria-labelledby="overview-heading" className="data-overview">
      <h2 id="overview-heading" tabIndex={-1}>
        What is loaded
      </h2>
      {loaded.length === 0 ? (
        <p>No figures yet. Choose a dataset below to import a file or type the figures in.</p>
      ) : (
        <p>
          Figures are loaded for {loaded.length} of {datasets.length} datasets.
        </p>
      )}
      {loaded.map(({ dataset, metrics: own, periods, imports: files }) => {
        const missing = missingLines(dataset, own, periods);
        return (
          <article key={dataset.name} className="overview-dataset" aria-labelledby={`overview-${dataset.name}`}>
            <div className="overview-dataset__head">
              <h3 id={`overview-${dataset.name}`}>{dataset.title}</h3>
              <button type="button" className="button button--secondary" onClick={() => onOpen(dataset.name)}>
                Open<span className="visually-hidden"> {dataset.title}</span>
              </button>
            </div>
            <dl className="summary-list summary-list--compact">
              <div>
                <dt>Periods loaded</dt>
                <dd>{periods.join(', ')}</dd>
              </div>
              <div>
                <dt>Latest period</dt>
                <dd>{periods[periods.length - 1]}</dd>
              </div>
              <div>
                <dt>Came from</dt>
                <dd>{source(files)}</dd>
              </div>
              <div>
                <dt>Missing</dt>
                <dd>
                  {missing.length === 0 ? (
                    'Nothing for the periods loaded.'
                  ) : (
                    <ul className="plain-list">
                      {missing.slice(0, MAX_MISSING_LINES).map((l) => (
                        <li key={l}>{l}</li>
                      ))}
                      {missing.length > MAX_MISSING_LINES ? (
                        <li>and {missing.length - MAX_MISSING_LINES} more: open the dataset to see them.</li>
                      ) : null}
                    </ul>
                  )}
                </dd>
              </div>
            </dl>
            <GlanceTable dataset={dataset} metrics={own} periods={periods} />
          </article>
        );
      })}
      {empty.length > 0 && (
        <>
          <h3>Not loaded yet ({empty.length})</h3>
          <ul className="plain-list overview-empty">
            {empty.map((d) => (
              <li key={d.name}>
                <button type="button" className="link-button" onClick={() => onOpen(d.name)}>
                  {d.title}
                </button>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
