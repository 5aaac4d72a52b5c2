import { call, openForCli } from '../cli-backend';
import type { Command } from '../command';

export const metricsCommand: Command = {
  name: 'metrics',
  summary: 'Show every metric computed from the imported figures, with its national comparator',
  usage: 'sendpack metrics --db PATH [--json]',
  help: ['--db PATH   a workspace folder or its workspace.db',
    '--json      print {"metrics": [{"id", "period", "value", "unit", "numerator", "denominator", "comparator", "status", "problems"}]}'],
  options: { db: { type: 'string' }, json: { type: 'boolean' } },
  async run(values, _positionals, io) {
    const backend = await openForCli(values, io);
    try {
      const { metrics } = await call(backend, 'metrics.list', {});
      if (values.json) {
        io.stdout(`${JSON.stringify({ metrics: metrics.map((m) => ({ id: m.id, title: m.title, period: m.period, value: m.value, unit: m.unit,
          numerator: m.numerator, denominator: m.denominator, comparator: m.comparator, status: m.status, problems: m.problems,
          better: m.better, ...(m.breakdown ? { breakdown: m.breakdown } : {}) })) }, null, 2)}\n`);
        return 0;
      }
      for (const m of metrics) {
        const value = m.value === null ? '—' : `${m.value}${m.unit === '%' ? '%' : ` ${m.unit}`}`;
        const national = m.comparator ? `; England ${m.comparator.value}${m.unit === '%' ? '%' : ''} (${m.better ?? 'context'})` : '';
        io.stdout(`${m.id.padEnd(28)} ${m.period.padEnd(10)} ${value}${national}${m.status === 'ok' ? '' : ` [${m.status}: ${m.problems.join('; ')}]`}\n`);
      }
      return 0;
    } finally {
      backend.close();
    }
  },
};
