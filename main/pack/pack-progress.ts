import type { Database } from 'better-sqlite3';
import { RAG_LABELS } from '../../shared/domain/follow-up';
import { formatMetricValue } from './format-figure';
import { formatShortDate } from './format';
import type { PackEvidence, PackItem, PackProgress, PackProgressAction } from './pack-input';
import { actionGroups } from './action-plan/action-plan-document';
import { planView } from '../plan/plan-repository';

/** A snapshot period or a date as the pack prints dates ("30 Sept 2025"); a year or academic year as it is. */
const shownDate = (period: string | null): string =>
  period && /^\d{4}-\d{2}-\d{2}$/.test(period) ? formatShortDate(period) : (period ?? '');

/** The catalogue item that holds the previous inspection's report and plan. */
export const PREVIOUS_REPORT_ITEM = 'prior-inspection-file';

const TREND = {
  met: 'Target met',
  towards: 'Towards the target',
  away: 'Away from the target',
  unchanged: 'No change',
  unknown: 'Not yet known',
} as const;

/**
 * What the pack's "progress since the last inspection" prints, read once with the rest of the pack's input: the
 * last outcome, the previous report item (its narrative and evidence, unless the pack holds approved items only and
 * it is not approved), and every action of the plan grouped by the report's areas, with its latest update and measures.
 * Null when the workspace holds none of it.
 */
export function readPackProgress(
  db: Database,
  items: readonly PackItem[],
  evidence: readonly PackEvidence[],
  approvedOnly: boolean,
  smallNumberThreshold: number,
): PackProgress | null {
  const plan = planView(db);
  const item = items.find((i) => i.id === PREVIOUS_REPORT_ITEM);
  const usable =
    item &&
    !item.personLevel &&
    (!approvedOnly || item.status === 'approved') &&
    (item.narrative.trim() || item.evidenceRefs.length);
  if (!plan.outcome && plan.actions.length === 0 && !usable) return null;
  const figure = (value: number | null, unit: string) =>
    value === null
      ? 'Not set'
      : formatMetricValue({ value, unit: unit as never, numerator: null, denominator: null }, smallNumberThreshold);
  const toAction = (a: (typeof plan.actions)[number]): PackProgressAction => {
    const latest = a.updates.at(-1);
    return {
      id: a.id,
      action: a.action,
      lead: a.lead,
      due: a.due,
      status: a.completedOn
        ? `Complete (${formatShortDate(a.completedOn)})`
        : `${a.rag ? RAG_LABELS[a.rag] : 'No update yet'}${a.overdue ? '; overdue' : ''}`,
      latestUpdate: latest ? { date: latest.date, text: latest.text } : null,
      measures: a.metrics.map((m) => ({
        title: m.title,
        baseline: `${figure(m.baseline, m.unit)}${m.baselineDate ? ` (${shownDate(m.baselineDate)})` : ''}`,
        target: figure(m.target, m.unit),
        latest: m.latest === null ? 'No figure yet' : `${figure(m.latest, m.unit)} (${shownDate(m.latestPeriod)})`,
        trend: TREND[m.trend],
      })),
    };
  };
  const open = plan.actions.filter((a) => !a.completedOn);
  return {
    outcome: plan.outcome
      ? {
          label: plan.outcome.outcomeLabel,
          siteWeekStart: plan.outcome.siteWeekStart,
          siteWeekEnd: plan.outcome.siteWeekEnd,
          received: plan.outcome.reportReceived,
          published: plan.outcome.reportPublished,
        }
      : null,
    previousReport: usable
      ? { itemId: item.id, title: item.title, narrative: item.narrative, evidenceRefs: item.evidenceRefs }
      : null,
    groups: actionGroups(plan).map((g) => ({ title: g.title, text: g.text, actions: g.actions.map(toAction) })),
    counts: {
      actions: plan.actions.length,
      complete: plan.actions.length - open.length,
      green: open.filter((a) => a.rag === 'green').length,
      amber: open.filter((a) => a.rag === 'amber').length,
      red: open.filter((a) => a.rag === 'red').length,
      noUpdate: open.filter((a) => !a.rag).length,
      overdue: plan.actions.filter((a) => a.overdue).length,
      away: plan.actions.flatMap((a) => a.metrics).filter((m) => m.trend === 'away').length,
    },
  };
}
