import { useState } from 'react';
import { api, call } from '../../api/call';
import { write } from '../../state/write';
import type { Response } from '../../../shared/api/contract';
import { errorCode } from '../../../shared/api/result';
import { useAppStore } from '../../state/app-store';
import { formatDate } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';
import { ScreenLoading } from '../../ui/ScreenLoading';
import { OutcomeForm } from './OutcomeForm';
import { FollowUpTable } from './FollowUpTable';
import { ActionForm } from './ActionForm';
import { ActionCard } from './ActionCard';
import { useAction } from '../../state/use-action';
import './plan.css';

type Plan = Response<'plan.get'>;

/** After the inspection: the outcome, the follow-up timeline, the plan's actions and their progress, and its outputs. */
export function PlanScreen() {
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const showView = useAppStore((s) => s.showView);
  const loaded = useApiQuery('plan.get', {});
  const [plan, setPlan] = useState<Plan | null>(null);
  const [changingOutcome, setChangingOutcome] = useState(false);
  const [adding, setAdding] = useState(false);
  const [status, setStatus] = useState('');
  const { run, problem, setProblem } = useAction();
  const [privacyBlocked, setPrivacyBlocked] = useState(false);
  const [built, setBuilt] = useState<number | null>(null);
  const data = plan ?? loaded.data;
  if (!data) return <ScreenLoading title="After the inspection" error={loaded.error} />;
  // The answer is the plan; other views showing it (the header's next step) reload as the write touched it.
  const update = (next: Plan, message = 'Saved') => {
    setPlan(next);
    setStatus(message);
  };

  const buildDocument = async () => {
    setStatus('Building the action plan…');
    await run(
      async () => {
        const result = await write('plan.buildDocument', {});
        setBuilt(result.version);
        setStatus(
          `Built version ${result.version} of the action plan (${result.actions} action${result.actions === 1 ? '' : 's'})${result.template ? `, in the council template ${result.template}` : ''}.`,
        );
      },
      {
        onError: (message, error) => {
          setStatus('');
          setProblem(message);
          setPrivacyBlocked(errorCode(error) === 'privacy-blocked');
        },
      },
    );
  };
  const openDocument = (version: number) =>
    run(async () => {
      const { path } = await call('plan.openDocument', { version });
      setStatus(`Opened ${path}`);
    });
  const saveDocument = (version: number) =>
    run(async () => {
      const { fileName, bytes } = await call('plan.documentFile', { version });
      const saved = await api().saveFile(fileName, bytes);
      setStatus(saved.saved ? `Saved ${saved.path ?? fileName}` : 'Not saved');
    });
  const saveTracker = () =>
    run(async () => {
      const { fileName, bytes } = await call('plan.tracker', {});
      const saved = await api().saveFile(fileName, bytes);
      setStatus(saved.saved ? `Saved ${saved.path ?? fileName}` : 'Not saved');
    });

  const o = data.outcome;
  return (
    <>
      <h1>After the inspection</h1>
      <p className="lead">
        Record the outcome when the report comes, then plan the actions it requires, post their progress and keep the
        follow-up dates. Everything here is in the audit trail, the action plan document and the next pack.
      </p>
      {problem && (
        <div role="alert">
          <p className="error-message">{problem}</p>
          {privacyBlocked && (
            <p>
              <button type="button" className="link-button" onClick={() => showView('privacy')}>
                Open the privacy check to resolve it
              </button>
            </p>
          )}
        </div>
      )}
      <p role="status" className="hint">
        {status}
      </p>
      {!o && readOnly && <p>No outcome has been recorded.</p>}
      {(!o || changingOutcome) && !readOnly && (
        <OutcomeForm
          plan={data}
          onDone={(p) => {
            setChangingOutcome(false);
            update(p, 'Outcome saved');
          }}
          {...(o ? { onCancel: () => setChangingOutcome(false) } : {})}
        />
      )}
      {o && !changingOutcome && (
        <section aria-labelledby="outcome-summary-heading">
          <h2 id="outcome-summary-heading">Outcome: {o.outcomeLabel}</h2>
          <dl className="summary-list">
            <div>
              <dt>Site week</dt>
              <dd>
                {formatDate(o.siteWeekStart)} to {formatDate(o.siteWeekEnd)}
              </dd>
            </div>
            <div>
              <dt>Final report received</dt>
              <dd>{o.reportReceived ? formatDate(o.reportReceived) : 'Not yet'}</dd>
            </div>
            <div>
              <dt>Report published</dt>
              <dd>{o.reportPublished ? formatDate(o.reportPublished) : 'Not yet'}</dd>
            </div>
            {o.areasForPriorityAction.length > 0 && (
              <div>
                <dt>Areas for priority action</dt>
                <dd>
                  <ol>
                    {o.areasForPriorityAction.map((a, i) => (
                      <li key={i}>{a}</li>
                    ))}
                  </ol>
                </dd>
              </div>
            )}
            {o.areasForImprovement.length > 0 && (
              <div>
                <dt>Areas for improvement</dt>
                <dd>
                  <ol>
                    {o.areasForImprovement.map((a, i) => (
                      <li key={i}>{a}</li>
                    ))}
                  </ol>
                </dd>
              </div>
            )}
          </dl>
          {!readOnly && (
            <button type="button" className="button button--secondary" onClick={() => setChangingOutcome(true)}>
              Change the outcome…
            </button>
          )}
        </section>
      )}
      {o && <FollowUpTable plan={data} readOnly={readOnly} onChange={(p) => update(p)} />}
      <section aria-labelledby="actions-heading">
        <h2 id="actions-heading">
          {o?.outcome === 'widespread' ? 'Priority action plan' : 'Plan'}{' '}
          <span className="count">
            ({data.actions.length} action{data.actions.length === 1 ? '' : 's'})
          </span>
        </h2>
        {data.actions.length === 0 && <p>No actions yet. Each area of the report becomes one or more actions.</p>}
        {data.actions.map((a) => (
          <ActionCard key={a.id} plan={data} action={a} readOnly={readOnly} onChange={(p) => update(p)} />
        ))}
        {!readOnly &&
          (adding ? (
            <ActionForm
              plan={data}
              onDone={(p, id) => {
                setAdding(false);
                update(p, `Added action ${id}`);
              }}
              onCancel={() => setAdding(false)}
            />
          ) : (
            <button type="button" className="button" onClick={() => setAdding(true)}>
              Add an action
            </button>
          ))}
      </section>
      <section aria-labelledby="plan-outputs-heading">
        <h2 id="plan-outputs-heading">The action plan document and the tracker</h2>
        <p className="hint">
          The Word document is built with the pack's protective marking and privacy check; the tracker is an Excel
          workbook of the actions, measures, updates and milestones.
        </p>
        <div className="button-row">
          {!readOnly && (
            <button type="button" className="button" onClick={() => void buildDocument()}>
              Build the action plan (Word)
            </button>
          )}
          {built !== null && (
            <button type="button" className="button button--secondary" onClick={() => void openDocument(built)}>
              Open the action plan
            </button>
          )}
          {built !== null && (
            <button type="button" className="button button--secondary" onClick={() => void saveDocument(built)}>
              Save a copy of the action plan
            </button>
          )}
          <button type="button" className="button button--secondary" onClick={() => void saveTracker()}>
            Save the tracker (.xlsx)
          </button>
        </div>
      </section>
    </>
  );
}
