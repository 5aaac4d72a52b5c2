import { useAppStore } from '../../state/app-store';
import { countdownText } from '../../ui/countdown-text';
import { formatDate } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';

/** The open workspace and the days left, in the header on every screen, so the deadline is never out of sight. */
export function HeaderStatus() {
  const session = useAppStore((s) => s.session);
  const showView = useAppStore((s) => s.showView);
  const closeWorkspace = useAppStore((s) => s.closeWorkspace);
  const timeline = useApiQuery('inspection.get', {}, { enabled: session !== null });
  const plan = useApiQuery('plan.get', {}, { enabled: session !== null });
  if (!session) return null;
  // After the inspection the notice window's deadline is history: the header shows the next follow-up step instead.
  const next = plan.data?.current ? plan.data.followUp.find((m) => !m.done && m.date >= plan.data!.today) : undefined;
  const countdown = plan.data?.current
    ? { text: next ? `Next: ${next.name}, ${formatDate(next.date)}` : 'After the inspection', late: false }
    : timeline.data
      ? countdownText(timeline.data)
      : null;
  return (
    <div className="app-header__workspace">
      <span className="app-header__area">
        {session.areaName}
        {session.readOnly ? ' (read-only)' : ''}
      </span>
      <button
        type="button"
        className={`app-header__countdown${countdown?.late ? ' app-header__countdown--late' : ''}`}
        onClick={() => showView('dashboard')}
        aria-label={`${countdown ? countdown.text : 'No notification recorded yet'}: open the dashboard`}
      >
        {countdown ? countdown.text : 'No notification recorded yet'}
      </button>
      <button type="button" className="app-header__close" onClick={() => void closeWorkspace()}>
        Close workspace
      </button>
    </div>
  );
}
