import type { Database } from 'better-sqlite3';
import type { Geography } from '../../shared/domain/datasets/types';
import type { BenchmarkFigure } from './metrics/benchmarks';

/**
 * Every area's published figures from national files (§4.1), apart from the officer's own data. An import replaces
 * the dataset's figures for the periods it holds; other periods stay.
 */
export function replaceBenchmarkFigures(db: Database, dataset: string, periods: readonly string[], figures: readonly BenchmarkFigure[],
  importId: number): void {
  const remove = db.prepare('DELETE FROM benchmark_figures WHERE dataset = ? AND period = ?');
  for (const period of periods) remove.run(dataset, period);
  const insert = db.prepare(`INSERT OR REPLACE INTO benchmark_figures (dataset, metric, period, geography, area_code, area_name, region_code, value, import_id)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  for (const f of figures) insert.run(dataset, f.metric, f.period, f.geography, f.areaCode, f.areaName, f.regionCode, f.value, importId);
}

export function listBenchmarkFigures(db: Database, dataset?: string): BenchmarkFigure[] {
  const rows = (dataset
    ? db.prepare('SELECT * FROM benchmark_figures WHERE dataset = ?').all(dataset)
    : db.prepare('SELECT * FROM benchmark_figures').all()) as Record<string, string | number>[];
  return rows.map((r) => ({ metric: r.metric as string, period: r.period as string, geography: r.geography as Geography,
    areaCode: r.area_code as string, areaName: r.area_name as string, regionCode: r.region_code as string, value: r.value as number }));
}
