/**
 * One benchmark measurement, in a process of its own so that its peak memory is its own: creates a fresh workspace,
 * then reads the file, previews it (parse, map, aggregate, validate) and commits it, exactly as imports.preview and
 * imports.commit do, and prints one JSON line with the times and memory.
 *
 *   node --import tsx bench/import-case.ts DATASET FILE WORKSPACE_PARENT SNAPSHOT
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SHIPPED_CATALOGUE } from '../main/catalogue/shipped-catalogue';
import { commitImport } from '../main/datasets/dataset-store';
import { sha256Of } from '../main/store/blob-store';
import { resolveArea } from '../main/datasets/import/authority';
import { previewImport } from '../main/datasets/import/preview-import';
import { Workspace } from '../main/workspace/workspace';
import { datasetById } from '../shared/domain/datasets/index';

const [dataset, file, parent, snapshot] = process.argv.slice(2);
if (!dataset || !file || !parent || !snapshot) {
  console.error('usage: import-case.ts DATASET FILE WORKSPACE_PARENT SNAPSHOT');
  process.exit(2);
}
const def = datasetById(dataset);
if (!def) throw new Error(`no dataset ${dataset}`);

const { folder } = Workspace.create({
  folder: join(parent, 'Bench.sendpack'),
  areaName: 'Bench',
  laCode: '841',
  user: 'Bench',
  catalogue: SHIPPED_CATALOGUE,
});
const workspace = Workspace.open(folder, { user: 'Bench', catalogue: SHIPPED_CATALOGUE });
globalThis.gc?.();
const baselineRss = process.memoryUsage().rss;

const t0 = performance.now();
const bytes = readFileSync(file);
const t1 = performance.now();
const preview = previewImport({ def, bytes, fileName: file.split('/').pop()!, area: resolveArea('841'), snapshot });
const t2 = performance.now();
if (preview.problems.length || preview.rows.length === 0) {
  console.error(JSON.stringify(preview.problems.slice(0, 5)));
  throw new Error('the generated file did not import cleanly');
}
const committed = commitImport(
  workspace.db,
  {
    dataset: def.id,
    sourceName: file,
    sourceSha256: sha256Of(bytes),
    layout: preview.layout,
    rowsRead: preview.rowsRead,
    discardedColumns: preview.discardedColumns,
    rows: preview.rows,
  },
  'Bench',
);
const t3 = performance.now();
const peakRss = process.resourceUsage().maxRSS * 1024;
workspace.close();

console.log(
  JSON.stringify({
    rowsRead: preview.rowsRead,
    rowsKept: committed.rowsKept,
    layout: preview.layout,
    bytes: bytes.length,
    readMs: t1 - t0,
    previewMs: t2 - t1,
    commitMs: t3 - t2,
    totalMs: t3 - t0,
    baselineRss,
    peakRss,
  }),
);
