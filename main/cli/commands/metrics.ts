import { call, openForCli } from '../cli-backend';
import type { Command } from '../command';
import { describeRank, describeTrend, formatFigure } from '../../../shared/domain/metrics/describe';

export const metricsCommand: Command = {
  name: 'metrics',
  summary:
    'Show every metric computed from the imported figures, with England, region, statistical neighbours, rank and trend',
  usage: 'sendpack metrics --db PATH [--json]',
  help: [
    '--db PATH   a workspace folder or its workspace.db',
    '--json      print {"metrics": [{"id", "title", "period", "value", "unit", "numerator", "denominator", "comparator", "region",',
    '            "neighbours", "rank", "trend", "status", "problems", "notes", "better", "breakdown"?}]}: region {name, value, period},',
    '            neighbours {value, count, period} (the mean of the neighbours with a published figure, and how many), rank',
    '            {position, of, quartile} (1 = best, or highest for context metrics; quartile 1 = best quarter), each or null;',
    '            trend [{period, value}] (up to five periods); problems are errors only, notes sit beside an ok figure',
  ],
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const backend = await openForCli(values, io);
    try {
      const { metrics } = await call(backend, 'metrics.list', {});
      if (values.json) {
        io.stdout(
          `${JSON.stringify(
            {
              metrics: metrics.map((m) => ({
                id: m.id,
                title: m.title,
                period: m.period,
                value: m.value,
                unit: m.unit,
                numerator: m.numerator,
                denominator: m.denominator,
                comparator: m.comparator,
                region: m.region,
                neighbours: m.neighbours,
                rank: m.rank,
                trend: m.trend,
                status: m.status,
                problems: m.problems,
                notes: m.notes,
                better: m.better,
                ...(m.breakdown ? { breakdown: m.breakdown } : {}),
              })),
            },
            null,
            2,
          )}\n`,
        );
        return 0;
      }
      for (const m of metrics) {
        const value = m.value === null ? '—' : formatFigure(m.value, m.unit);
        const beside = [
          m.comparator ? `England ${formatFigure(m.comparator.value, m.unit)}${m.better ? ` (${m.better})` : ''}` : '',
          m.region ? `${m.region.name} ${formatFigure(m.region.value, m.unit)}` : '',
          m.neighbours
            ? `neighbours ${formatFigure(m.neighbours.value, m.unit)} (${m.neighbours.count} with data)`
            : '',
          m.rank ? describeRank(m.rank, m.direction) : '',
          describeTrend(m.trend, m.unit),
        ]
          .filter(Boolean)
          .join('; ');
        const flags =
          m.status === 'ok'
            ? m.notes.length
              ? ` [note: ${m.notes.join('; ')}]`
              : ''
            : ` [${m.status}: ${m.problems.join('; ')}]`;
        io.stdout(`${m.id.padEnd(28)} ${m.period.padEnd(10)} ${value}${beside ? `; ${beside}` : ''}${flags}\n`);
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
