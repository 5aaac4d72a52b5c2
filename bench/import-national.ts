/**
 * One national-file measurement, in a process of its own (its peak memory is then its own): a fresh workspace for an
 * authority, DfE's full national file read, previewed (every area's total row picked out of some 12,000 rows and
 * every area's figure of record computed for benchmarking) and committed, then every metric computed with all its
 * comparators (England, region, statistical neighbours, rank, quartile, trend) for the workspace's authority, and
 * for every authority in the file. Prints one JSON line.
 *
 *   node --import tsx bench/import-national.ts DATASET FILE WORKSPACE_PARENT LA_CODE
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_CATALOGUE } from '../main/catalogue/shipped-catalogue';
import { commitImport } from '../main/datasets/dataset-store';
import { sha256Of } from '../main/store/blob-store';
import { resolveArea } from '../main/datasets/import/authority';
import { previewImport } from '../main/datasets/import/preview-import';
import { benchmarkPeriods, benchmarksFor } from '../main/datasets/metrics/benchmarks';
import { areaMetrics, readWorkspaceFigures } from '../main/datasets/metrics/workspace-metrics';
import { metricsForDataset } from '../shared/domain/metrics/definitions';
import { Workspace } from '../main/workspace/workspace';
import { datasetById } from '../shared/domain/datasets/index';

const [dataset, file, parent, laCode] = process.argv.slice(2);
if (!dataset || !file || !parent || !laCode) {
  console.error('usage: import-national.ts DATASET FILE WORKSPACE_PARENT LA_CODE');
  process.exit(2);
}
const def = datasetById(dataset);
if (!def) throw new Error(`no dataset ${dataset}`);

const { folder } = Workspace.create({
  folder: join(parent, 'Bench.sendpack'),
  areaName: 'Bench',
  laCode,
  user: 'Bench',
  catalogue: SHIPPED_CATALOGUE,
});
const workspace = Workspace.open(folder, { user: 'Bench', catalogue: SHIPPED_CATALOGUE });
globalThis.gc?.();
const baselineRss = process.memoryUsage().rss;

const t0 = performance.now();
const bytes = readFileSync(file);
const preview = previewImport({ def, bytes, fileName: file.split('/').pop()!, area: resolveArea(laCode) });
const t1 = performance.now();
if (preview.problems.length || preview.rows.length === 0) {
  console.error(JSON.stringify(preview.problems.slice(0, 5)));
  throw new Error('the national file did not import cleanly');
}
commitImport(
  workspace.db,
  {
    dataset: def.id,
    sourceName: file,
    sourceSha256: sha256Of(bytes),
    layout: preview.layout,
    rowsRead: preview.rowsRead,
    discardedColumns: preview.discardedColumns,
    rows: preview.rows,
    benchmarks: preview.benchmarks,
  },
  'Bench',
);
const t2 = performance.now();
const figures = readWorkspaceFigures(workspace.db);
const own = areaMetrics(figures, laCode);
const t3 = performance.now();
// Every authority's comparators for every metric and period the file holds: England, region, neighbours, rank.
const authorities = [...new Set(preview.benchmarks.filter((f) => f.geography === 'local').map((f) => f.areaCode))];
let results = 0;
for (const metric of metricsForDataset(def.id)) {
  for (const period of benchmarkPeriods(figures.benchmarks, metric.id)) {
    for (const code of authorities)
      if (benchmarksFor(figures.benchmarks, metric, period, code, figures.neighbours[code] ?? []).rank) results++;
  }
}
const t4 = performance.now();
const peakRss = process.resourceUsage().maxRSS * 1024;
workspace.close();

console.log(
  JSON.stringify({
    rowsRead: preview.rowsRead,
    benchmarkFigures: preview.benchmarks.length,
    authorities: authorities.length,
    ownRanked: own.filter((m) => m.rank !== null).length,
    allRanked: results,
    previewMs: t1 - t0,
    commitMs: t2 - t1,
    ownMetricsMs: t3 - t2,
    importAndOwnMs: t3 - t0,
    everyAuthorityMs: t4 - t3,
    baselineRss,
    peakRss,
  }),
);
