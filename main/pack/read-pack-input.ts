import { createHash } from 'node:crypto';
import { readMeta } from '../store/meta';
import type { Database } from 'better-sqlite3';
import { AREA_GROUPS, type AreaGroupId } from '../../shared/domain/evaluation-areas';
import { ITEM_STATUSES, type ItemStatus } from '../../shared/domain/item-status';
import { comparePeriods } from '../../shared/domain/datasets/period';
import type { MetricResult } from '../../shared/domain/metrics/types';
import { metricById } from '../../shared/domain/metrics/definitions';
import { describeRank, describeTrend } from '../../shared/domain/metrics/describe';
import { themeOf } from '../../shared/domain/metrics/themes';
import { datasetById } from '../../shared/domain/datasets/index';
import { listItems } from '../checklist/checklist-repository';
import { listAttachments } from '../evidence/attachments-repository';
import { timeline } from '../inspection/inspection-repository';
import { areaMetrics, readWorkspaceFigures } from '../datasets/metrics/workspace-metrics';
import { metricChartSpec } from '../datasets/metrics/metric-chart';
import { renderChartPng, type ChartSpec } from '../charts/index';
import { findLocalAuthorityByOldCode } from '../catalogue/local-authorities';
import type { Workspace } from '../workspace/workspace';
import { GLOSSARY } from './glossary';
import { excludedAttachmentIds } from '../privacy/decisions';
import { privacySettings } from '../privacy/privacy-settings';
import { formatComparator, formatMetricValue } from './format-figure';
import { readSelfEvaluationInput } from './read-self-evaluation-input';
import { readPackProgress } from './pack-progress';
import type {
  PackBuildRecord,
  PackChart,
  PackEvidence,
  PackInput,
  PackItem,
  PackMetric,
  PackOptions,
  PackReadiness,
} from './pack-input';
import { listProfileOf } from '../annex-a/list-check-store';
import { ANNEX_A_LISTS } from '../../shared/domain/annex-a';

/** The version number the next pack build takes: one after the last recorded, 1 for the first. */
export function nextPackVersion(db: Database): number {
  return (db.prepare<[], number | null>('SELECT MAX(version) FROM pack_builds').pluck().get() ?? 0) + 1;
}

export const DEFAULT_MARKING = 'OFFICIAL-SENSITIVE';
const MAX_CHARTS = 30;
const CHART_WIDTH = 600;

const meta = (db: Database, key: string) => readMeta(db, key) ?? null;

export function previousBuilds(db: Database): PackBuildRecord[] {
  return db
    .prepare<
      [],
      {
        version: number;
        built_at: string;
        built_by: string;
        /** JSON object of item counts by status. */ status_counts: string;
      }
    >('SELECT version, built_at, built_by, status_counts FROM pack_builds ORDER BY version')
    .all()
    .map((r) => ({
      version: r.version,
      builtAt: r.built_at,
      builtBy: r.built_by,
      counts: JSON.parse(r.status_counts) as Record<ItemStatus, number>,
    }));
}

/** The newest figure of each metric that passed its checks: invalid values never reach the pack. */
function keyMetrics(results: readonly MetricResult[]): MetricResult[] {
  const latest = new Map<string, MetricResult>();
  for (const r of results) {
    if (r.status !== 'ok') continue;
    const key = `${r.id}|${r.breakdown ?? ''}`;
    const held = latest.get(key);
    if (!held || comparePeriods(r.period, held.period) > 0) latest.set(key, r);
  }
  return [...latest.values()];
}

/**
 * Reads everything a pack is built from, once: the build itself is then a pure function of this input, which is
 * recorded with the build so the same document text can be made again.
 */
export async function readPackInput(
  workspace: Workspace,
  options: PackOptions,
  preparedBy: string,
  builtAt = new Date().toISOString(),
  { drawCharts = true }: { drawCharts?: boolean } = {},
): Promise<PackInput> {
  const db = workspace.db;
  const session = workspace.session();
  const la = session.laCode ? findLocalAuthorityByOldCode(session.laCode) : undefined;
  const items = listItems(db);
  // Files the privacy check left out never reach the pack or the bundle.
  const excluded = excludedAttachmentIds(db);
  const attachments = listAttachments(db).filter((a) => a.state === 'current' && !excluded.has(a.id));
  const approved = new Set(items.filter((i) => i.status === 'approved').map((i) => i.id));
  const groupsOf = (areas: readonly string[]): AreaGroupId[] => (areas.length ? (areas as AreaGroupId[]) : ['other']);

  const evidence: PackEvidence[] = [];
  for (const item of items) {
    if (item.personLevel || (options.approvedOnly && !approved.has(item.id))) continue;
    // An item the officer left out of this pack takes its files with it (out of the index and the bundle).
    if (options.items && !options.items.includes(item.id)) continue;
    for (const a of attachments.filter((x) => x.itemId === item.id)) {
      evidence.push({
        ref: `E${String(evidence.length + 1).padStart(3, '0')}`,
        fileId: a.chainId,
        title: a.title,
        itemId: item.id,
        itemTitle: item.title,
        group: groupsOf(item.areas)[0]!,
        documentDate: a.documentDate,
        version: a.versionLabel || (a.versionNo > 1 ? `v${a.versionNo}` : ''),
        owner: item.owner,
        fileName: a.fileName,
        bytes: a.bytes,
        sha256: a.sha256 ?? '',
      });
    }
  }
  const packItems: PackItem[] = items.map((i) => ({
    id: i.id,
    title: i.title,
    description: i.description,
    groups: groupsOf(i.areas),
    status: i.status,
    owner: i.owner,
    due: i.due,
    freshnessRule: i.freshnessRule,
    stale: i.stale,
    expires: i.expires,
    personLevel: i.personLevel,
    narrative: i.personLevel ? '' : i.note,
    evidenceRefs: evidence.filter((e) => e.itemId === i.id).map((e) => e.ref),
  }));
  const readiness: PackReadiness[] = AREA_GROUPS.map((g) => {
    const inGroup = packItems.filter((i) => i.groups.includes(g.id));
    const count = (s: ItemStatus) => inGroup.filter((i) => i.status === s).length;
    return {
      group: g.id,
      heading: g.heading,
      total: inGroup.length,
      approved: count('approved'),
      readyForReview: count('ready-for-review'),
      inProgress: count('in-progress'),
      notStarted: count('not-started'),
      notApplicable: count('not-applicable'),
      stale: inGroup.filter((i) => i.stale).length,
    };
  }).filter((r) => r.total > 0);

  const figures = readWorkspaceFigures(db);
  const areaCode =
    session.laCode ?? [...new Set(figures.rows.filter((r) => r.geography === 'local').map((r) => r.areaCode))][0];
  const results = areaMetrics(figures, areaCode);
  const chosen = keyMetrics(results);
  const { smallNumberThreshold } = privacySettings(db);
  const specs: ChartSpec[] = [];
  const chartOf = new Map<MetricResult, string>();
  for (const m of chosen) {
    if (specs.length >= MAX_CHARTS) break;
    const periods = results.filter((r) => r.id === m.id && r.breakdown === m.breakdown && r.status === 'ok').length;
    // A chart shows change over time, or one period against its comparators.
    if (periods < 2 && !m.comparator && !m.region && !m.neighbours) continue;
    const spec = metricChartSpec(results, m.id, session.areaName, m.breakdown);
    if (spec) {
      specs.push(spec);
      chartOf.set(m, spec.id);
    }
  }
  const selfEvaluation = readSelfEvaluationInput(db, {
    items: packItems,
    evidence,
    results,
    threshold: smallNumberThreshold,
  });
  // The trend in words prints the earliest figure too: left out where either end is a small number the pack suppresses.
  const suppressed = (r: MetricResult | undefined) =>
    r !== undefined && /fewer than/.test(formatMetricValue(r, smallNumberThreshold));
  const trendWords = (m: MetricResult) => {
    const from = m.trend.find((p) => p.value !== null);
    const earliest =
      from && results.find((r) => r.id === m.id && r.breakdown === m.breakdown && r.period === from.period);
    return suppressed(m) || suppressed(earliest) ? '' : describeTrend(m.trend, m.unit);
  };
  const metrics: PackMetric[] = chosen.map((m) => {
    const definition = metricById(m.id);
    return {
      // A breakdown's metric title already names it ("…, Speech and language therapy").
      id: m.id,
      title: m.title,
      period: m.period,
      unit: m.unit,
      display: formatMetricValue(m, smallNumberThreshold),
      comparator: m.comparator
        ? {
            display: formatComparator(m.comparator.value, m.unit),
            period: m.comparator.period,
            source: m.comparator.source,
          }
        : null,
      better: m.better === 'better' ? 'Better' : m.better === 'worse' ? 'Worse' : m.better === 'same' ? 'Same' : '',
      theme: definition ? themeOf(definition) : 'experiences',
      catalogueItem: datasetById(m.dataset)?.catalogueItem ?? '',
      trend: trendWords(m),
      region: m.region ? { name: m.region.name, display: formatComparator(m.region.value, m.unit) } : null,
      neighbours: m.neighbours
        ? {
            display: formatComparator(m.neighbours.value, m.unit),
            count: m.neighbours.count,
            of: areaCode ? (figures.neighbours[areaCode]?.length ?? 0) : 0,
          }
        : null,
      rank: m.rank ? describeRank(m.rank, m.direction) : '',
      notes: m.notes,
      chartId: chartOf.get(m) ?? null,
    };
  });
  const t = timeline(db);
  const read = {
    area: { name: session.areaName, laCode: session.laCode, laName: la?.name ?? null },
    marking: meta(db, 'protective_marking') ?? DEFAULT_MARKING,
    version: nextPackVersion(db),
    builtAt,
    preparedBy,
    options,
    draft: items.some((i) => i.status !== 'approved' && i.status !== 'not-applicable'),
    previousBuilds: previousBuilds(db),
    timeline: t
      ? {
          presetName: t.presetName,
          notified: t.inspection.notifiedDate,
          packDue: t.packDue,
          milestones: t.milestones.map((m) => ({ name: m.name, date: m.date, endDate: m.endDate ?? null })),
        }
      : null,
    readiness,
    metrics,
    progress: readPackProgress(db, packItems, evidence, options.approvedOnly, smallNumberThreshold),
  };
  // Everything is read from the database above, in one go; the charts are drawn last, one at a time, and drawing
  // lets the event loop turn (see renderChartPng), when another request could change the workspace.
  const charts: PackChart[] = [];
  for (const spec of specs) {
    // The build screen's outline only counts the charts: drawing them takes most of the reading time.
    if (!drawCharts) {
      charts.push({ id: spec.id, title: spec.title, png: new Uint8Array(), width: 0, height: 0, altText: '', spec });
      continue;
    }
    const png = await renderChartPng(spec, { width: CHART_WIDTH });
    charts.push({
      id: spec.id,
      title: spec.title,
      png: new Uint8Array(png.png),
      width: png.width,
      height: png.height,
      altText: png.altText,
      spec,
    });
  }
  // Aggregates only, saved by an officer from a list check (suppressed when counted); never the lists themselves.
  const listProfiles = ANNEX_A_LISTS.map((list) => listProfileOf(db, list)).flatMap((p) =>
    p
      ? [
          {
            list: p.list,
            rows: p.rows,
            asOf: p.asOf,
            threshold: p.threshold,
            primaryNeed: p.primaryNeed,
            ageBand: p.ageBand,
            phase: p.phase,
            sex: p.sex,
            ethnicity: p.ethnicity,
          },
        ]
      : [],
  );
  return { ...read, charts, items: packItems, evidence, glossary: [...GLOSSARY], selfEvaluation, listProfiles };
}

export function statusCounts(input: PackInput): Record<ItemStatus, number> {
  return Object.fromEntries(ITEM_STATUSES.map((s) => [s, input.items.filter((i) => i.status === s).length])) as Record<
    ItemStatus,
    number
  >;
}

/** The recorded form of an input: each chart keeps its spec and its PNG's hash, since it is drawn again from the spec. */
export function recordableInput(input: PackInput): { json: string; sha256: string } {
  const json = JSON.stringify({
    ...input,
    charts: input.charts.map(({ png, ...c }) => ({ ...c, pngSha256: createHash('sha256').update(png).digest('hex') })),
  });
  return { json, sha256: createHash('sha256').update(json).digest('hex') };
}

/** A recorded input made whole again: every chart redrawn from its spec. */
export async function restoreRecordedInput(json: string): Promise<PackInput> {
  const recorded = JSON.parse(json) as Omit<PackInput, 'charts'> & {
    charts: (Omit<PackChart, 'png'> & { pngSha256: string })[];
  };
  const charts: PackChart[] = [];
  for (const { pngSha256: _sha, ...chart } of recorded.charts) {
    const png = chart.spec ? (await renderChartPng(chart.spec, { width: chart.width })).png : new Uint8Array();
    charts.push({ ...chart, png: new Uint8Array(png) });
  }
  return { ...recorded, charts };
}
