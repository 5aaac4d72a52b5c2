import { useState } from 'react';
import type { Response } from '../../../shared/api/contract';
import { useAppStore } from '../../state/app-store';
import { formatDate } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';
import { NotificationForm } from './NotificationForm';
import { ItemLink } from '../../ui/ItemLink';
import { MilestonesTable } from './MilestonesTable';
import { countdownText } from '../../ui/countdown-text';
import { ScreenLoading } from '../../ui/ScreenLoading';
import { FollowUpPhase, PreviousInspectionLine, useFollowUpPlan } from '../plan/FollowUpPhase';
import './dashboard.css';

type Dashboard = Response<'dashboard.get'>;

function Countdown({ timeline }: { timeline: NonNullable<Dashboard['timeline']> }) {
  const { text: headline, late } = countdownText(timeline);
  return (
    <div className={`countdown${late ? ' countdown--late' : ''}`}>
      <p className="countdown__headline">{headline}</p>
      <p className="countdown__detail">
        Evidence pack due {formatDate(timeline.packDue)}. {timeline.presetName}: notified{' '}
        {formatDate(timeline.inspection.notifiedDate)}
        {timeline.inspection.notifiedTime ? ` at ${timeline.inspection.notifiedTime}` : ''}
        {timeline.inspection.leadOfficer ? `; nominated officer ${timeline.inspection.leadOfficer}` : ''}.
        {timeline.todayIsWorkingDay
          ? ` Today is working day ${timeline.workingDayToday}.`
          : ' Today is not a working day.'}
      </p>
    </div>
  );
}

function ItemList({
  title,
  items,
  empty,
  extra,
}: {
  title: string;
  items: Dashboard['overdue'];
  empty: string;
  extra: (item: Dashboard['overdue'][number]) => string;
}) {
  return (
    <section className="dashboard-card" aria-labelledby={`card-${title.replace(/[^A-Za-z0-9]+/g, '-')}`}>
      <h2 id={`card-${title.replace(/[^A-Za-z0-9]+/g, '-')}`} className="dashboard-card__title">
        {title} <span className="count">({items.length})</span>
      </h2>
      {items.length === 0 ? (
        <p className="hint">{empty}</p>
      ) : (
        <ul className="plain-list">
          {items.slice(0, 12).map((i) => (
            <li key={i.id}>
              <ItemLink id={i.id} title={i.title} /> <span className="hint">{extra(i)}</span>
            </li>
          ))}
          {items.length > 12 && <li className="hint">and {items.length - 12} more</li>}
        </ul>
      )}
    </section>
  );
}

const STEP_VIEWS = {
  notification: null,
  owners: 'checklist',
  data: 'data',
  evidence: 'checklist',
  privacy: 'privacy',
} as const;

/** A new workspace's next steps, each ticked off as it is done; shown until all are. */
function NextSteps({ steps }: { steps: Dashboard['nextSteps'] }) {
  const showView = useAppStore((s) => s.showView);
  const setFilter = useAppStore((s) => s.setFilter);
  if (steps.every((s) => s.done)) return null;
  const go = (id: Dashboard['nextSteps'][number]['id']) => {
    const view = STEP_VIEWS[id];
    if (id === 'owners') setFilter({ owner: '(none)' });
    if (id === 'evidence') setFilter({ show: 'no-evidence' });
    if (id === 'notification') document.getElementById('notify-date')?.focus();
    else if (view) showView(view);
  };
  return (
    <section aria-labelledby="next-heading" className="next-steps">
      <h2 id="next-heading">What next</h2>
      <ol className="next-steps__list">
        {steps.map((s) => (
          <li key={s.id} className={s.done ? 'next-steps__done' : undefined}>
            <span className="next-steps__mark" aria-hidden="true">
              {s.done ? '✓' : ''}
            </span>
            <span>
              {s.done ? (
                <>
                  <span className="visually-hidden">Done: </span>
                  {s.label}
                </>
              ) : (
                <button type="button" className="link-button" onClick={() => go(s.id)}>
                  {s.label}
                </button>
              )}
              <span className="hint"> — {s.detail}</span>
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

export function DashboardScreen() {
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const userName = useAppStore((s) => s.userName);
  const showView = useAppStore((s) => s.showView);
  const [recording, setRecording] = useState(false);
  const { data, error } = useApiQuery('dashboard.get', {});
  const followUp = useFollowUpPlan();
  if (error || !data) return <ScreenLoading title="Dashboard" error={error} />;
  const t = data.timeline;
  // After the inspection the dashboard follows the outcome and its plan, until a new notification starts the next notice window.
  const afterInspection = followUp?.current === true;
  return (
    <>
      <h1>Dashboard</h1>
      {afterInspection && <FollowUpPhase plan={followUp} />}
      {!afterInspection &&
        (t ? (
          <Countdown timeline={t} />
        ) : (
          <p className="lead">
            No notification has been recorded yet. When the call comes, record it here and every item gets its due date.
          </p>
        ))}
      {!afterInspection && <NextSteps steps={data.nextSteps} />}
      {!readOnly && (!t || recording) && !afterInspection && (
        <NotificationForm replacing={t !== null} onDone={() => setRecording(false)} />
      )}
      {!readOnly && t && !recording && (
        <button type="button" className="button button--secondary" onClick={() => setRecording(true)}>
          Record the notification{afterInspection ? ' of the next inspection' : ' again'}…
        </button>
      )}
      {!readOnly && afterInspection && recording && (
        <NotificationForm replacing={t !== null} onDone={() => setRecording(false)} />
      )}
      {followUp && !afterInspection && <PreviousInspectionLine plan={followUp} />}
      {t && !afterInspection && <MilestonesTable timeline={t} readOnly={readOnly} />}
      <section aria-labelledby="readiness-heading">
        <h2 id="readiness-heading">Readiness by evaluation area</h2>
        <p className="hint">
          Approved or not applicable, over all items. {data.overall.done} of {data.overall.total} items (
          {data.overall.percent}%).
        </p>
        <table className="table">
          <caption className="visually-hidden">Readiness by evaluation area</caption>
          <thead>
            <tr>
              <th scope="col">Area</th>
              <th scope="col">Ready</th>
              <th scope="col">Progress</th>
            </tr>
          </thead>
          <tbody>
            {data.readiness
              .filter((r) => r.total > 0)
              .map((r) => (
                <tr key={r.group}>
                  <th scope="row">
                    {r.group === 'other' ? '' : `${r.group} `}
                    {r.name}
                  </th>
                  <td>
                    {r.done} of {r.total}
                  </td>
                  <td>
                    <progress max={100} value={r.percent} aria-label={`${r.name}: ${r.percent}% ready`} /> {r.percent}%
                  </td>
                </tr>
              ))}
          </tbody>
        </table>
      </section>
      <p className="inset-text">
        The person-level lists (Annex A) go to inspectors by secure transfer, never in the pack.{' '}
        <button type="button" className="link-button" onClick={() => showView('lists')}>
          Check List 1 and List 2 before they are sent
        </button>
      </p>
      <div className="dashboard-grid">
        <ItemList
          title="Overdue"
          items={data.overdue}
          empty="Nothing is overdue."
          extra={(i) => `due ${formatDate(i.due)}${i.owner ? `, ${i.owner}` : ''}`}
        />
        <ItemList
          title={`Yours${userName ? ` (${userName})` : ''}`}
          items={data.mine}
          empty="No open items are owned by you. Set yourself as an item's owner to see it here."
          extra={(i) => (i.due ? `due ${formatDate(i.due)}` : '')}
        />
        <ItemList
          title="Evidence with no date"
          items={data.undated}
          empty="Every evidence file has the date on the document."
          extra={() => 'date unknown: give the date on the document'}
        />
        <ItemList
          title="Out of date evidence"
          items={data.stale}
          empty="No dated evidence is past its freshness date."
          extra={(i) => `expired ${formatDate(i.expires)}`}
        />
      </div>
      <section aria-labelledby="owners-heading">
        <h2 id="owners-heading">What each owner has left</h2>
        <table className="table">
          <caption className="visually-hidden">Open items by owner</caption>
          <thead>
            <tr>
              <th scope="col">Owner</th>
              <th scope="col">Open items</th>
              <th scope="col">Overdue</th>
            </tr>
          </thead>
          <tbody>
            {data.byOwner.map((o) => (
              <tr key={o.owner}>
                <th scope="row">{o.owner}</th>
                <td>{o.remaining}</td>
                <td>{o.overdue}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>
    </>
  );
}
