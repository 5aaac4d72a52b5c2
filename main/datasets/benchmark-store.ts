import type { Database } from 'better-sqlite3';
import type { Geography } from '../../shared/domain/datasets/types';
import type { BenchmarkFigure } from './metrics/benchmarks';

/**
 * Every area's published figures from national files (§4.1), apart from the officer's own data. An import replaces
 * the dataset's figures for the periods it holds; other periods stay.
 */
export function replaceBenchmarkFigures(
  db: Database,
  dataset: string,
  periods: readonly string[],
  figures: readonly BenchmarkFigure[],
  importId: number,
): void {
  const remove = db.prepare('DELETE FROM benchmark_figures WHERE dataset = ? AND period = ?');
  for (const period of periods) remove.run(dataset, period);
  const insert =
    db.prepare(`INSERT OR REPLACE INTO benchmark_figures (dataset, metric, period, geography, area_code, area_name, region_code, value, import_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const f of figures)
    insert.run(dataset, f.metric, f.period, f.geography, f.areaCode, f.areaName, f.regionCode, f.value, importId);
}

/** A row of the benchmark_figures table. */
interface BenchmarkFigureRow {
  dataset: string;
  metric: string;
  period: string;
  geography: Geography;
  area_code: string;
  area_name: string;
  region_code: string;
  value: number;
  import_id: number;
}

export function listBenchmarkFigures(db: Database, dataset?: string): BenchmarkFigure[] {
  const rows = dataset
    ? db.prepare<[string], BenchmarkFigureRow>('SELECT * FROM benchmark_figures WHERE dataset = ?').all(dataset)
    : db.prepare<[], BenchmarkFigureRow>('SELECT * FROM benchmark_figures').all();
  return rows.map((r) => ({
    metric: r.metric,
    period: r.period,
    geography: r.geography,
    areaCode: r.area_code,
    areaName: r.area_name,
    regionCode: r.region_code,
    value: r.value,
  }));
}
