import { randomBytes } from 'node:crypto';
import type { Handlers } from './handler-types';
import type { Backend } from './backend';
import { DATASETS, datasetById } from '../../shared/domain/datasets/index';
import { parsePeriod } from '../../shared/domain/datasets/period';
import type { DatasetDefinition } from '../../shared/domain/datasets/types';
import { WorkspaceError } from '../refusal/refusal';
import { commitImport, heldRows, listImports, listRows } from '../datasets/dataset-store';
import type { PreviewWorkerRequest } from '../datasets/import/preview-worker';
import { findColumnMapping, saveColumnMapping, type SavedColumnMapping } from '../datasets/column-mapping-store';
import type { PendingImport } from './backend';
import { resolveArea, describeArea, type ChosenArea } from '../datasets/import/authority';
import { findLocalAuthorityByOldCode } from '../catalogue/local-authorities';
import { templateCsv, templateXlsx } from '../datasets/import/template-file';
import { readFigure } from '../datasets/import/figures';
import { interpretCell } from '../datasets/import/tabular/interpret';
import { sha256Of } from '../store/blob-store';
import { areaMetrics, readWorkspaceFigures } from '../datasets/metrics/workspace-metrics';
import { METRICS } from '../../shared/domain/metrics/index';
import type { MetricResult } from '../../shared/domain/metrics/types';
import { metricChartSpec } from '../datasets/metrics/metric-chart';
import { renderChartSvg } from '../charts/index';

const MAX_PREVIEWS = 8;
const SHORT_DATE = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'Europe/London',
});

function dataset(id: string): DatasetDefinition {
  const def = datasetById(id);
  if (!def)
    throw new WorkspaceError(
      'not-found',
      `There is no dataset "${id}". Datasets: ${DATASETS.map((d) => d.id).join(', ')}.`,
      'dataset',
    );
  return def;
}

/**
 * The workspace's own authority: the area every import keeps, unless the officer names another. A code that is not
 * in the shipped list (a new authority, or the fictional sample's 999) still names the area, by the workspace's name.
 */
function workspaceArea(backend: Backend): ChosenArea | null {
  const session = backend.openWorkspace().session();
  if (!session.laCode) return null;
  const la = findLocalAuthorityByOldCode(session.laCode) ?? {
    name: session.areaName,
    oldCode: session.laCode,
    newCode: '',
    region: '',
    regionCode: '',
  };
  return { kind: 'la', la };
}

/**
 * Metrics per area: the workspace's own first, then any other area whose figures were imported as its own (a
 * region, for a file with no authority rows). Other areas' titles name the area, so they are never mistaken.
 */
function metricsByArea(backend: Backend, metricId?: string): { code: string; name: string; results: MetricResult[] }[] {
  const workspace = backend.openWorkspace();
  const area = workspaceArea(backend);
  const figures = readWorkspaceFigures(workspace.db);
  const own = area ? describeArea(area) : null;
  const locals = new Map(figures.rows.filter((r) => r.geography === 'local').map((r) => [r.areaCode, r.areaName]));
  const areas = [
    ...(own ? [own] : []),
    ...[...locals].filter(([code]) => code !== own?.code).map(([code, name]) => ({ code, name })),
  ];
  const metrics = metricId ? METRICS.filter((m) => m.id === metricId) : undefined;
  return areas.map((a, index) => ({
    ...a,
    results: areaMetrics(figures, a.code, metrics).map((m) =>
      index === 0 ? m : { ...m, title: `${m.title} (${a.name})` },
    ),
  }));
}

export const datasetHandlers: Handlers<
  | 'datasets.list'
  | 'datasets.template'
  | 'datasets.rows'
  | 'datasets.enter'
  | 'imports.preview'
  | 'imports.commit'
  | 'imports.list'
  | 'metrics.list'
  | 'metrics.chart'
> = {
  'datasets.list': () => ({
    datasets: DATASETS.map((d) => ({
      name: d.id,
      title: d.title,
      catalogueItem: d.catalogueItem,
      periodType: d.periodType,
      breakdown: d.breakdown
        ? {
            name: d.breakdown.name,
            title: d.breakdown.title,
            values: d.breakdown.values.map((v) => ({ id: v.id, title: v.title })),
          }
        : null,
      columns: d.columns.map((c) => ({
        name: c.name,
        title: c.title,
        type: c.type,
        unit: c.unit,
        required: c.required,
      })),
    })),
  }),
  'datasets.template': (req) => {
    const def = dataset(req.dataset);
    // A copy in a plain ArrayBuffer: what crosses IPC and the contract's schema expect.
    return {
      fileName: `${def.id} template.${req.format}`,
      bytes: new Uint8Array(req.format === 'csv' ? templateCsv(def) : templateXlsx(def)),
    };
  },
  'datasets.rows': (req, { backend }) => ({
    rows: listRows(backend.openWorkspace().db, dataset(req.dataset).id).map(({ dataset: _d, ...row }) => row),
  }),
  'datasets.enter': (req, { backend }) => {
    const def = dataset(req.dataset);
    const workspace = backend.writableWorkspace();
    const area = workspaceArea(backend);
    if (!area)
      throw new WorkspaceError('refused', 'The workspace has no LA code, so typed figures cannot be given an area.');
    const period = parsePeriod(req.period, def.periodType);
    if (!period.ok) throw new WorkspaceError('invalid-request', period.error, 'period');
    if (def.breakdown ? !def.breakdown.values.some((v) => v.id === req.breakdown) : req.breakdown !== '') {
      throw new WorkspaceError(
        'invalid-request',
        def.breakdown
          ? `breakdown must be one of ${def.breakdown.values.map((v) => v.id).join(', ')}`
          : `${def.title} has no breakdown`,
        'breakdown',
      );
    }
    const values: Record<string, number | null> = {};
    const missing: Record<string, string> = {};
    for (const [field, value] of Object.entries(req.values)) {
      const column = def.columns.find((c) => c.name === field);
      if (!column)
        throw new WorkspaceError('invalid-request', `${def.title} has no column "${field}".`, `values.${field}`);
      if (value === null) {
        values[field] = null;
        missing[field] = 'blank';
        continue;
      }
      const figure = readFigure(interpretCell(String(value)), column);
      if ('problem' in figure)
        throw new WorkspaceError('invalid-request', `${field}: ${figure.problem}`, `values.${field}`);
      values[field] = 'value' in figure ? figure.value : null;
    }
    const { code, name } = describeArea(area);
    // Only this breakdown (say one agency) of this period is replaced; figures already held for it are shown and
    // replaced only once the officer confirms.
    const wouldReplace = heldRows(workspace.db, def.id, period.period, code, req.breakdown);
    if (wouldReplace.length && !req.confirmReplace)
      return { saved: false, periods: [], replacedPeriods: [], problems: [], wouldReplace };
    // Typed-in figures have no source file: an empty source hash (the one value besides a SHA-256 the column allows).
    const result = commitImport(
      workspace.db,
      {
        dataset: def.id,
        sourceName: 'typed in',
        sourceSha256: '',
        layout: 'form',
        rowsRead: 1,
        scope: 'breakdown',
        discardedColumns: [],
        rows: [
          {
            period: period.period,
            geography: 'local',
            areaCode: code,
            areaName: name,
            breakdown: req.breakdown,
            values,
            missing,
          },
        ],
      },
      backend.userName(),
    );
    return {
      saved: true,
      periods: result.periods,
      replacedPeriods: result.replacedPeriods,
      problems: [],
      wouldReplace,
    };
  },
  'imports.preview': async (req, { backend, progress, outsideQueue, signal }) => {
    const def = dataset(req.dataset);
    const workspace = backend.openWorkspace();
    let area = workspaceArea(backend);
    if (req.authority) {
      area = resolveArea(req.authority);
      if (!area)
        throw new WorkspaceError(
          'invalid-request',
          `"${req.authority}" is not an English local authority or region: give its name, old (3-digit) or new (E06…) code.`,
          'authority',
        );
    }
    const [file] = backend.uploads.takeAllBytes([req.file.handle]);
    progress({ phase: `Reading ${file!.name}`, done: 0, total: 1 });
    const request: PreviewWorkerRequest = {
      dataset: def.id,
      bytes: file!.bytes,
      fileName: file!.name,
      area,
      ...(req.period ? { period: req.period } : {}),
      ...(req.snapshot ? { snapshot: req.snapshot } : {}),
      ...(req.sheet ? { sheet: req.sheet } : {}),
      ...(req.mapping ? { mapping: req.mapping } : {}),
    };
    // Read in a worker, with the request queue let go: a hostile or enormous spreadsheet is stopped at its time
    // budget or by a cancel, and the officer's other screens answer meanwhile.
    const read = (r: PreviewWorkerRequest) => outsideQueue(() => backend.readPreview(r, signal));
    let preview = await read(request);
    // A file laid out like one the officer has chosen columns for before is read with those choices, and says so.
    let remembered: SavedColumnMapping | null = null;
    if (!req.mapping && preview.mappable && preview.layoutKey) {
      remembered = findColumnMapping(workspace.db, def.id, preview.layoutKey);
      if (remembered) {
        preview = await read({ ...request, mapping: remembered.choices });
        preview.columns = preview.columns.map((c) => (c.how === 'chosen' ? { ...c, how: 'remembered' as const } : c));
        preview.notes.unshift(
          `The columns were read as ${remembered.savedBy} chose them on ${SHORT_DATE.format(new Date(remembered.savedAt))} ` +
            'for a file with the same headers. Change them below if this file is different.',
        );
      }
    }
    if (req.mapping?.length && !preview.mappable && preview.layout !== 'none') {
      preview.notes.unshift(
        'Your column choices were not used: this file is read as a published or case-level layout, whose columns are fixed.',
      );
    }
    const previewId = randomBytes(16).toString('hex');
    const { benchmarks, layoutKey: _layoutKey, ...shown } = preview;
    const record: PendingImport = {
      dataset: def.id,
      sourceName: file!.name,
      sourceSha256: sha256Of(file!.bytes),
      layout: preview.layout,
      rowsRead: preview.rowsRead,
      discardedColumns: preview.discardedColumns,
      rows: preview.rows,
      benchmarks,
      ...(req.mapping && preview.mappable && preview.layoutKey
        ? {
            columnMapping: {
              dataset: def.id,
              layoutKey: preview.layoutKey,
              headers: preview.columns.map((c) => c.header),
              choices: req.mapping,
            },
          }
        : {}),
    };
    const canCommit = preview.problems.length === 0 && preview.rows.length > 0 && !workspace.readOnly;
    if (canCommit) backend.rememberPreview(previewId, record, MAX_PREVIEWS);
    // What commit will replace: the periods of the same areas (as commitImport decides), not another authority's.
    const key = (r: { period: string; geography: string; areaCode: string }) =>
      `${r.period}|${r.geography}|${r.areaCode}`;
    const held = new Set(listRows(workspace.db, def.id).map(key));
    const replaces = [...new Set(preview.rows.filter((r) => held.has(key(r))).map((r) => r.period))].sort();
    return {
      previewId,
      dataset: def.id,
      fileName: file!.name,
      ...shown,
      replaces,
      authority: area ? describeArea(area) : null,
      canCommit,
      mappingRemembered: remembered ? { savedAt: remembered.savedAt, savedBy: remembered.savedBy } : null,
    };
  },
  'imports.commit': (req, { backend }) => {
    const workspace = backend.writableWorkspace();
    const record = backend.takePreview(req.previewId);
    if (!record)
      throw new WorkspaceError(
        'not-found',
        'That preview has expired or was already imported: preview the file again.',
        'previewId',
      );
    const { columnMapping, ...imported } = record;
    // The figures and the column choices that read them are kept together, or neither.
    return workspace.db.transaction(() => {
      const result = commitImport(workspace.db, imported, backend.userName());
      if (columnMapping) saveColumnMapping(workspace.db, columnMapping, backend.userName());
      return result;
    })();
  },
  'imports.list': (req, { backend }) => ({ imports: listImports(backend.openWorkspace().db, req.dataset) }),
  'metrics.list': (req, { backend }) => {
    const results = metricsByArea(backend).flatMap((a) => a.results);
    return { metrics: req.dataset ? results.filter((m) => m.dataset === req.dataset) : results };
  },
  'metrics.chart': (req, { backend }) => {
    // Charted for the first area that has figures for it: the workspace's own, else the area imported (a region).
    const area = metricsByArea(backend, req.metricId).find((a) => a.results.length > 0);
    const spec = area ? metricChartSpec(area.results, req.metricId, area.name, req.breakdown) : null;
    if (!spec)
      throw new WorkspaceError('not-found', `There are no figures for the metric "${req.metricId}" yet.`, 'metricId');
    const chart = renderChartSvg(spec);
    return { svg: chart.svg, altText: chart.altText, width: chart.width, height: chart.height };
  },
};
