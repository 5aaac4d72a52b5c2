import { RAG_LABELS } from '../../shared/domain/follow-up';
import { writeXlsx, type XlsxCell } from '../formats/xlsx-writer';
import type { PlanView } from './plan-repository';
import { reportAreaLabel } from './plan-repository';

const date = (iso: string | null): XlsxCell => (iso ? { date: iso } : null);
const TREND = {
  met: 'Target met',
  towards: 'Towards target',
  away: 'Away from target',
  unchanged: 'No change',
  unknown: 'Not known',
} as const;

/**
 * The action tracker councils keep in a spreadsheet: one row per action (the first sheet), then the measures, the
 * progress updates (every one, oldest first) and the milestones, each row carrying its action's number.
 */
export function actionTrackerXlsx(plan: PlanView, itemTitles: Record<string, string>): Uint8Array {
  return writeXlsx([
    {
      name: 'Actions',
      columns: [
        { header: 'No.', width: 6 },
        { header: 'Action', width: 50 },
        { header: 'Evaluation area', width: 10 },
        { header: 'Responds to', width: 26 },
        { header: 'Lead', width: 24 },
        { header: 'Senior responsible officer', width: 24 },
        { header: 'Due', width: 12 },
        { header: 'RAG', width: 10 },
        { header: 'Overdue', width: 9 },
        { header: 'Completed', width: 12 },
        { header: 'Latest update', width: 50 },
        { header: 'Latest update date', width: 12 },
        { header: 'Success criteria', width: 40 },
        { header: 'Expected impact', width: 40 },
        { header: 'Checklist items', width: 30 },
      ],
      rows: plan.actions.map((a) => {
        const latest = a.updates.at(-1);
        return [
          a.id,
          a.action,
          a.area,
          a.reportArea ? reportAreaLabel(a.reportArea) : null,
          a.lead,
          a.sro,
          date(a.due),
          a.completedOn ? 'Complete' : a.rag ? RAG_LABELS[a.rag] : 'No update',
          a.overdue ? 'Yes' : 'No',
          date(a.completedOn),
          latest?.text ?? null,
          date(latest?.date ?? null),
          a.successCriteria,
          a.expectedImpact,
          a.itemIds.map((id) => itemTitles[id] ?? id).join('; '),
        ];
      }),
    },
    {
      name: 'Measures',
      columns: [
        { header: 'Action', width: 8 },
        { header: 'Metric id', width: 22 },
        { header: 'Metric', width: 44 },
        { header: 'Unit', width: 8 },
        { header: 'Baseline', width: 10 },
        { header: 'Baseline as at', width: 14 },
        { header: 'Target', width: 10 },
        { header: 'Target by', width: 12 },
        { header: 'Latest', width: 10 },
        { header: 'Latest period', width: 14 },
        { header: 'Progress', width: 18 },
      ],
      rows: plan.actions.flatMap((a) =>
        a.metrics.map((m) => [
          a.id,
          m.metricId,
          m.title,
          m.unit,
          m.baseline,
          m.baselineDate,
          m.target,
          date(m.targetDate),
          m.latest,
          m.latestPeriod,
          TREND[m.trend],
        ]),
      ),
    },
    {
      name: 'Progress updates',
      columns: [
        { header: 'Action', width: 8 },
        { header: 'Date', width: 12 },
        { header: 'RAG', width: 8 },
        { header: 'Update', width: 60 },
        { header: 'By', width: 24 },
        { header: 'Recorded by', width: 24 },
      ],
      rows: plan.actions.flatMap((a) =>
        a.updates.map((u) => [a.id, date(u.date), RAG_LABELS[u.rag], u.text, u.by, u.recordedBy]),
      ),
    },
    {
      name: 'Milestones',
      columns: [
        { header: 'Action', width: 8 },
        { header: 'Milestone', width: 60 },
        { header: 'Due', width: 12 },
        { header: 'Done', width: 12 },
      ],
      rows: plan.actions.flatMap((a) => a.milestones.map((m) => [a.id, m.text, date(m.due), date(m.done)])),
    },
  ]);
}
