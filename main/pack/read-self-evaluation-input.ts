import type { Database } from 'better-sqlite3';
import { comparePeriods } from '../../shared/domain/datasets/period';
import type { MetricResult } from '../../shared/domain/metrics/types';
import { getInspection } from '../inspection/inspection-repository';
import { readSelfEvaluation } from '../self-evaluation/self-evaluation-store';
import { formatComparator, formatMetricValue } from './format-figure';
import { groupLabel } from './model';
import type { PackEvidence, PackHeadline, PackItem, PackKpi, PackSelfEvaluationInput } from './pack-input';

/** The catalogue item whose narrative is the executive summary (docs/domain §3.2), where the catalogue has it. */
export const SUMMARY_ITEM_ID = 'self-evaluation-summary';

/**
 * Items whose narratives tell what it is like to be a child or young person with SEND here: co-production, the
 * parent carer forum, surveys and participation (with catalogue 2's names alongside, where they differ).
 */
export const VOICE_ITEM_IDS = [
  'coproduction-framework',
  'pcf-partnership',
  'cyp-participation',
  'family-survey',
  'local-offer-feedback',
  'survey-log',
] as const;

/** The figures the local context and the executive summary set out, where the data has them, in this order. */
const CONTEXT_METRICS = ['ehcp-caseload', 'sen-rates-ehcp', 'sen-rates-sen-support'] as const;
const HEADLINE_METRICS = [
  'ehcp-20wk-all',
  'ehcp-caseload',
  'sen-rates-ehcp',
  'sen-rates-sen-support',
  'ehcna-6wk',
  'ehcna-refusal',
] as const;

type Series = MetricResult[];

/** Each metric's periods that passed their checks, oldest first, by "id|breakdown". */
function seriesOf(results: readonly MetricResult[]): Map<string, Series> {
  const out = new Map<string, Series>();
  for (const r of results) {
    if (r.status !== 'ok' || r.value === null) continue;
    const key = `${r.id}|${r.breakdown ?? ''}`;
    out.set(key, [...(out.get(key) ?? []), r]);
  }
  for (const s of out.values()) s.sort((a, b) => comparePeriods(a.period, b.period));
  return out;
}

function headline(series: Series | undefined, threshold: number): PackHeadline | null {
  const latest = series?.at(-1);
  if (!latest) return null;
  const england = latest.comparator ? `England ${formatComparator(latest.comparator.value, latest.unit)}` : '';
  return { label: `${latest.title} (${latest.period})`, value: formatMetricValue(latest, threshold), note: england };
}

/** "Up from 41.2% (2021) to 68.2% (2025): improving", from the first and last periods and the metric's direction. */
function trendWords(series: Series, threshold: number): string {
  const first = series[0]!;
  const last = series.at(-1)!;
  if (series.length < 2) return `One period only (${last.period})`;
  const change = last.value! - first.value!;
  const from = `${formatMetricValue(first, threshold)} (${first.period})`;
  const to = `${formatMetricValue(last, threshold)} (${last.period})`;
  if (change === 0) return `No change: ${to}, as in ${first.period}`;
  const verb = change > 0 ? 'Up' : 'Down';
  const sense =
    last.direction === 'higher'
      ? change > 0
        ? 'improving'
        : 'worsening'
      : last.direction === 'lower'
        ? change < 0
          ? 'improving'
          : 'worsening'
        : 'context measure';
  return `${verb} from ${from} to ${to}: ${sense}`;
}

function kpis(db: Database, series: Map<string, Series>, threshold: number): PackKpi[] {
  const state = readSelfEvaluation(db);
  return state.targets.flatMap((t): PackKpi[] => {
    const s = series.get(`${t.metricId}|${t.breakdown}`);
    const latest = s?.at(-1);
    if (!s || !latest) return [];
    const base = t.baselinePeriod ? s.find((r) => r.period === t.baselinePeriod) : s[0];
    const targetText =
      t.target === null
        ? null
        : `${latest.unit === 'count' ? t.target.toLocaleString('en-GB') : formatComparator(t.target, latest.unit)}${t.targetPeriod ? ` by ${t.targetPeriod}` : ''}`;
    return [
      {
        title: latest.title,
        baseline: base
          ? `${formatMetricValue(base, threshold)} (${base.period})`
          : t.baselinePeriod
            ? `No figure for ${t.baselinePeriod}`
            : null,
        target: targetText,
        latest: `${formatMetricValue(latest, threshold)} (${latest.period})`,
        trend: trendWords(s, threshold),
        england: latest.comparator
          ? `${formatComparator(latest.comparator.value, latest.unit)} (${latest.comparator.period})`
          : null,
        better:
          latest.better === 'better'
            ? 'Better'
            : latest.better === 'worse'
              ? 'Worse'
              : latest.better === 'same'
                ? 'Same'
                : 'Not compared',
      },
    ];
  });
}

/** Reads what the self-evaluation's sections print: the grid, context, voice, case studies (with consent), KPIs. */
export function readSelfEvaluationInput(
  db: Database,
  input: {
    items: readonly PackItem[];
    evidence: readonly PackEvidence[];
    results: readonly MetricResult[];
    threshold: number;
  },
): PackSelfEvaluationInput {
  const state = readSelfEvaluation(db);
  const series = seriesOf(input.results);
  const items = new Map(input.items.map((i) => [i.id, i]));
  const files = new Map(input.evidence.flatMap((e) => (e.fileId === undefined ? [] : [[e.fileId, e] as const])));
  const evidenceLabel = (link: (typeof state.areas)[number]['evidence'][number]): string[] => {
    if (link.kind === 'item') {
      const item = items.get(link.id);
      return item ? [`Checklist item: ${item.title}`] : [];
    }
    if (link.kind === 'metric') {
      const s = [...series.entries()].find(([k]) => k.startsWith(`${link.id}|`))?.[1];
      return s?.length ? [`Metric: ${s.at(-1)!.title}`] : [];
    }
    // A file the pack does not list (left out, binned, an item not printed) is not cited.
    const file = files.get(link.id);
    return file ? [`${file.ref} ${file.title}`] : [];
  };
  const inspection = getInspection(db);
  return {
    summary: items.get(SUMMARY_ITEM_ID)?.narrative ?? '',
    headlines: HEADLINE_METRICS.flatMap((id) => headline(series.get(`${id}|`), input.threshold) ?? []),
    context: {
      text: state.context.text,
      figures: CONTEXT_METRICS.flatMap((id) => headline(series.get(`${id}|`), input.threshold) ?? []),
    },
    scale: state.scale,
    areas: state.areas.map((a) => ({
      area: a.area,
      label: groupLabel(a.area),
      whatGood: a.whatGood,
      strengths: a.strengths,
      development: a.development,
      impact: a.impact,
      nextSteps: a.nextSteps,
      evidence: a.evidence.flatMap(evidenceLabel),
      ratings: a.ratings.map((r) => ({ rating: r.rating, ratedOn: r.ratedOn })),
    })),
    voice: VOICE_ITEM_IDS.flatMap((id) => {
      const item = items.get(id);
      return item && !item.personLevel && item.narrative.trim()
        ? [{ id, title: item.title, narrative: item.narrative, status: item.status }]
        : [];
    }),
    // Only case studies whose consent is recorded are printed; the others are counted, never named.
    caseStudies: state.caseStudies
      .filter((c) => c.consentRecorded)
      .map((c) => ({ title: c.title, area: c.area, story: c.story, consentNote: c.consentNote })),
    caseStudiesWithoutConsent: state.caseStudies.filter((c) => !c.consentRecorded).length,
    kpis: kpis(db, series, input.threshold),
    contacts: inspection?.leadOfficer ? [{ role: 'Local area nominated officer', name: inspection.leadOfficer }] : [],
  };
}
