import type { Response } from '../../../shared/api/contract';
import { calendarDaysBetween } from '../../../shared/domain/working-days';
import { useAppStore } from '../../state/app-store';
import { formatDate } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';
import { TREND_WORDS } from './ActionCard';

type Plan = Response<'plan.get'>;

/** The plan, for the dashboard to decide which phase it shows: null until loaded. */
export function useFollowUpPlan(): Plan | null {
  return useApiQuery('plan.get', {}).data;
}

/**
 * The dashboard in the follow-up phase: the outcome, the next step and the monitoring inspection, overdue actions,
 * and measures moving away from their targets.
 */
export function FollowUpPhase({ plan }: { plan: Plan }) {
  const showView = useAppStore((s) => s.showView);
  const o = plan.outcome!;
  const next = plan.followUp.find((m) => !m.done && m.date >= plan.today && m.id !== 'report-published');
  const monitoring = plan.followUp.find((m) => m.id === 'monitoring-inspection');
  const overdue = plan.actions.filter((a) => a.overdue);
  const away = plan.actions.flatMap((a) =>
    a.metrics.filter((m) => m.trend === 'away').map((m) => ({ action: a, metric: m })),
  );
  const count = (rag: string) => plan.actions.filter((a) => !a.completedOn && a.rag === rag).length;
  return (
    <>
      <div className="countdown">
        <p className="countdown__headline">{o.outcomeLabel}</p>
        <p className="countdown__detail">
          Site week {formatDate(o.siteWeekStart)}; final report{' '}
          {o.reportReceived ? `received ${formatDate(o.reportReceived)}` : 'not yet received'}.
          {next
            ? ` Next: ${next.name}, ${formatDate(next.date)} (in ${calendarDaysBetween(plan.today, next.date)} days).`
            : ''}
        </p>
        {monitoring && (
          <p className="countdown__detail" data-testid="monitoring-inspection">
            <strong>Monitoring inspection expected {formatDate(monitoring.date)}</strong>
            {monitoring.overridden ? ' (date changed)' : ', 18 months after the report was received'}.
          </p>
        )}
      </div>
      <p>
        <button type="button" className="link-button" onClick={() => showView('plan')}>
          Open the plan and the follow-up timeline
        </button>
      </p>
      <div className="dashboard-grid">
        <section className="dashboard-card" aria-labelledby="card-plan">
          <h2 id="card-plan" className="dashboard-card__title">
            The plan <span className="count">({plan.actions.length})</span>
          </h2>
          <p>
            {plan.actions.filter((a) => a.completedOn).length} complete, {count('green')} green, {count('amber')} amber,{' '}
            {count('red')} red, {plan.actions.filter((a) => !a.completedOn && !a.rag).length} with no update yet.
          </p>
        </section>
        <section className="dashboard-card" aria-labelledby="card-overdue-actions">
          <h2 id="card-overdue-actions" className="dashboard-card__title">
            Overdue actions <span className="count">({overdue.length})</span>
          </h2>
          {overdue.length === 0 ? (
            <p className="hint">No action is overdue.</p>
          ) : (
            <ul className="plain-list">
              {overdue.slice(0, 12).map((a) => (
                <li key={a.id}>
                  Action {a.id}: {a.action}{' '}
                  <span className="hint">
                    due {formatDate(a.due)}, {a.lead}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
        <section className="dashboard-card" aria-labelledby="card-away">
          <h2 id="card-away" className="dashboard-card__title">
            Measures moving away from their targets <span className="count">({away.length})</span>
          </h2>
          {away.length === 0 ? (
            <p className="hint">No measure is moving away from its target.</p>
          ) : (
            <ul className="plain-list">
              {away.slice(0, 12).map(({ action, metric }) => (
                <li key={`${action.id}-${metric.metricId}`}>
                  {metric.title}{' '}
                  <span className="hint">
                    (action {action.id}): {metric.latest} against a target of {metric.target}, from {metric.baseline}.{' '}
                    {TREND_WORDS.away}.
                  </span>
                </li>
              ))}
            </ul>
          )}
        </section>
      </div>
    </>
  );
}

/** In the notice window of a later inspection: one line on the last one's plan, for the progress the pack reports. */
export function PreviousInspectionLine({ plan }: { plan: Plan }) {
  const showView = useAppStore((s) => s.showView);
  if (!plan.outcome) return null;
  const overdue = plan.actions.filter((a) => a.overdue).length;
  const complete = plan.actions.filter((a) => a.completedOn).length;
  return (
    <p className="hint">
      Last inspection: {plan.outcome.outcomeLabel.toLowerCase()} (site week {formatDate(plan.outcome.siteWeekStart)}).{' '}
      Its plan: {plan.actions.length} action{plan.actions.length === 1 ? '' : 's'}, {complete} complete, {overdue}{' '}
      overdue.{' '}
      <button type="button" className="link-button link-button--target" onClick={() => showView('plan')}>
        Open the plan
      </button>
    </p>
  );
}
