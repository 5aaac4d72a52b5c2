import { heading1, note, type PackBlock } from '../blocks';
import type { PackInput } from '../pack-input';
import { packTable } from '../tables';

/** Key performance indicators: each metric given a target in the app, with its baseline, latest, trend and England. */
export function kpisSection(input: PackInput): PackBlock[] {
  const kpis = input.selfEvaluation?.kpis ?? [];
  if (kpis.length === 0) return [];
  return [
    heading1('Key performance indicators'),
    packTable({
      columns: [
        { header: 'Measure', weight: 20 },
        { header: 'Baseline', weight: 11 },
        { header: 'Target', weight: 11 },
        { header: 'Latest', weight: 11 },
        { header: 'Trend', weight: 20 },
        { header: 'England', weight: 12 },
        { header: 'Against England', weight: 15 },
      ],
      rows: kpis.map((k) => [
        k.title,
        k.baseline ?? 'Not set',
        k.target ?? 'Not set',
        k.latest,
        k.trend,
        k.england ?? 'None published',
        k.better,
      ]),
    }),
    note(
      "Targets are the partnership's own, set in the app. Trend runs from the earliest to the latest period with data; England is for the latest period.",
    ),
  ];
}
