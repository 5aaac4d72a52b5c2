import { useState, type FormEvent } from 'react';
import { write } from '../../state/write';
import type { Response } from '../../../shared/api/contract';
import { RAG_LABELS, RAGS, type Rag } from '../../../shared/domain/follow-up';
import { areaGroupOf } from '../../../shared/domain/evaluation-areas';
import { useAppStore } from '../../state/app-store';
import { formatDate } from '../../ui/dates';
import { ActionForm } from './ActionForm';
import { DateField } from '../../ui/DateField';
import { useAction } from '../../state/use-action';

type Plan = Response<'plan.get'>;
type Action = Plan['actions'][number];

export const TREND_WORDS = {
  met: 'Target met',
  towards: 'Moving towards the target',
  away: 'Moving away from the target',
  unchanged: 'No change since the baseline',
  unknown: 'Not yet known',
} as const;

const figure = (value: number | null, unit: string) =>
  value === null ? '—' : `${value.toLocaleString('en-GB')}${unit === '%' ? '%' : unit === 'count' ? '' : ` ${unit}`}`;

export function RagTag({ rag, completed, overdue }: { rag: Rag | null; completed: string | null; overdue: boolean }) {
  return (
    <span className="item__tags">
      {completed ? (
        <span className="tag tag--approved">Complete</span>
      ) : (
        <span className={`tag tag--rag-${rag ?? 'none'}`}>{rag ? RAG_LABELS[rag] : 'No update yet'}</span>
      )}
      {overdue && <span className="tag tag--overdue">Overdue</span>}
    </span>
  );
}

function UpdateForm({
  action,
  today,
  onDone,
  onCancel,
}: {
  action: Action;
  today: string;
  onDone: (plan: Plan) => void;
  onCancel: () => void;
}) {
  const userName = useAppStore((s) => s.userName);
  const [rag, setRag] = useState<Rag | ''>('');
  const [text, setText] = useState('');
  const [date, setDate] = useState(today);
  const [by, setBy] = useState(userName ?? '');
  const { run, problem, setProblem } = useAction();
  const id = `update-${action.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!rag || !text.trim()) {
      setProblem('Choose a RAG rating and write the update');
      return;
    }
    await run(async () => {
      onDone(await write('plan.addUpdate', { actionId: action.id, rag, text, date: date || undefined, by }));
      setRag('');
      setText('');
    });
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>
        Post a progress update<span className="visually-hidden"> on action {action.id}</span>
      </h4>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <fieldset className="fieldset">
        <legend className="label">
          RAG rating<span className="visually-hidden"> for action {action.id}</span>
        </legend>
        <div className="button-row">
          {RAGS.map((r) => (
            <div className="checkbox" key={r}>
              <input type="radio" id={`${id}-${r}`} name={`${id}-rag`} checked={rag === r} onChange={() => setRag(r)} />
              <label htmlFor={`${id}-${r}`}>{RAG_LABELS[r]}</label>
            </div>
          ))}
        </div>
      </fieldset>
      <div className="form-group">
        <label className="label" htmlFor={`${id}-text`}>
          Update<span className="visually-hidden"> on action {action.id}</span>
        </label>
        <textarea
          id={`${id}-text`}
          className="textarea"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="form-row">
        <div className="form-group">
          <DateField
            id={`${id}-date`}
            label="Date"
            hiddenLabel={` of the update on action ${action.id}`}
            value={date}
            onCommit={(iso) => setDate(iso ?? '')}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor={`${id}-by`}>
            By<span className="visually-hidden"> (update on action {action.id})</span>
          </label>
          <input
            id={`${id}-by`}
            className="input"
            value={by}
            onChange={(e) => setBy(e.target.value)}
            autoComplete="off"
          />
        </div>
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          Post the update<span className="visually-hidden"> on action {action.id}</span>
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel<span className="visually-hidden"> the update on action {action.id}</span>
        </button>
      </div>
    </form>
  );
}

type Update = Action['updates'][number];

/** Corrects an update recorded wrongly (a slip, or personal data the privacy check found), with the reason. */
function CorrectUpdateForm({
  update,
  onDone,
  onCancel,
}: {
  update: Update;
  onDone: (plan: Plan) => void;
  onCancel: () => void;
}) {
  const [rag, setRag] = useState<Rag>(update.rag);
  const [text, setText] = useState(update.text);
  const [reason, setReason] = useState('');
  const { run, problem, setProblem } = useAction();
  const id = `correct-${update.id}`;
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!text.trim() || !reason.trim()) {
      setProblem('Write the corrected update and why it is corrected');
      return;
    }
    await run(async () =>
      onDone(
        await write('plan.correctUpdate', { updateId: update.id, rag, text, date: update.date, by: update.by, reason }),
      ),
    );
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby={`${id}-heading`}>
      <h4 id={`${id}-heading`}>Correct the update of {formatDate(update.date)}</h4>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <div className="form-group">
        <label className="label" htmlFor={`${id}-rag`}>
          RAG rating
        </label>
        <select id={`${id}-rag`} className="select" value={rag} onChange={(e) => setRag(e.target.value as Rag)}>
          {RAGS.map((r) => (
            <option key={r} value={r}>
              {RAG_LABELS[r]}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="label" htmlFor={`${id}-text`}>
          Corrected update
        </label>
        <textarea
          id={`${id}-text`}
          className="textarea"
          rows={2}
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
      </div>
      <div className="form-group">
        <label className="label" htmlFor={`${id}-reason`}>
          Why is it corrected?
        </label>
        <input
          id={`${id}-reason`}
          className="input"
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          autoComplete="off"
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          Save the correction
        </button>
        <button type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}

/** One action: what, who, when, its measures against their targets, its milestones, and every progress update. */
export function ActionCard({
  plan,
  action,
  readOnly,
  onChange,
}: {
  plan: Plan;
  action: Action;
  readOnly: boolean;
  onChange: (plan: Plan) => void;
}) {
  const items = useAppStore((s) => s.items);
  const [editing, setEditing] = useState(false);
  const [correcting, setCorrecting] = useState<number | null>(null);
  const [posting, setPosting] = useState(false);
  const responds = action.reportArea
    ? (() => {
        const [kind, n] = action.reportArea.split(':');
        const list = kind === 'priority' ? plan.outcome?.areasForPriorityAction : plan.outcome?.areasForImprovement;
        return `${kind === 'priority' ? 'Area for priority action' : 'Area for improvement'} ${n}: ${list?.[Number(n) - 1] ?? ''}`;
      })()
    : null;
  if (editing)
    return (
      <ActionForm
        plan={plan}
        action={action}
        onDone={(p) => {
          setEditing(false);
          onChange(p);
        }}
        onCancel={() => setEditing(false)}
      />
    );
  return (
    <article className="item" aria-labelledby={`action-${action.id}-title`} data-action-id={action.id}>
      <div className="item__head">
        <h3 id={`action-${action.id}-title`} className="item__title">
          Action {action.id}: {action.action}
        </h3>
        <RagTag rag={action.rag} completed={action.completedOn} overdue={action.overdue} />
      </div>
      <dl className="summary-list">
        <div>
          <dt>Lead</dt>
          <dd>{action.lead}</dd>
        </div>
        {action.sro && (
          <div>
            <dt>Senior responsible officer</dt>
            <dd>{action.sro}</dd>
          </div>
        )}
        <div>
          <dt>Due</dt>
          <dd>
            {formatDate(action.due)}
            {action.completedOn ? `; completed ${formatDate(action.completedOn)}` : ''}
          </dd>
        </div>
        <div>
          <dt>Evaluation area</dt>
          <dd>
            {action.area} {areaGroupOf(action.area).shortName}
          </dd>
        </div>
        {responds && (
          <div>
            <dt>Responds to</dt>
            <dd>{responds}</dd>
          </div>
        )}
        {action.successCriteria && (
          <div>
            <dt>Success criteria</dt>
            <dd>{action.successCriteria}</dd>
          </div>
        )}
        {action.expectedImpact && (
          <div>
            <dt>Expected impact</dt>
            <dd>{action.expectedImpact}</dd>
          </div>
        )}
        {action.itemIds.length > 0 && (
          <div>
            <dt>Checklist items</dt>
            <dd>{action.itemIds.map((id) => items.find((i) => i.id === id)?.title ?? id).join('; ')}</dd>
          </div>
        )}
      </dl>
      {action.metrics.length > 0 && (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={`Measures for action ${action.id}`}>
          <table className="table">
            <caption className="caption">Measures for action {action.id}</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Baseline</th>
                <th scope="col">Target</th>
                <th scope="col">Latest</th>
                <th scope="col">Progress</th>
              </tr>
            </thead>
            <tbody>
              {action.metrics.map((m) => (
                <tr key={m.metricId}>
                  <th scope="row">{m.title}</th>
                  <td>
                    {figure(m.baseline, m.unit)}
                    {m.baselineDate ? ` (${m.baselineDate})` : ''}
                  </td>
                  <td>
                    {figure(m.target, m.unit)}
                    {m.targetDate ? ` by ${formatDate(m.targetDate)}` : ''}
                  </td>
                  <td>{m.latest === null ? 'No figure yet' : `${figure(m.latest, m.unit)} (${m.latestPeriod})`}</td>
                  <td>{m.trend === 'away' ? <strong>{TREND_WORDS[m.trend]}</strong> : TREND_WORDS[m.trend]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {action.milestones.length > 0 && (
        <>
          <h4>Milestones</h4>
          <ul className="plain-list">
            {action.milestones.map((m, i) => (
              <li key={i}>
                {m.text}
                {m.due ? `, due ${formatDate(m.due)}` : ''}
                {m.done ? ` (done ${formatDate(m.done)})` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
      <h4>Progress updates</h4>
      {action.updates.length === 0 ? (
        <p className="hint">No update yet.</p>
      ) : (
        <ol className="plain-list" reversed>
          {[...action.updates].reverse().map((u) => (
            <li key={u.id}>
              <strong>
                {formatDate(u.date)}, {RAG_LABELS[u.rag]}:
              </strong>{' '}
              {u.text} <span className="hint">({u.by})</span>
              {!readOnly && correcting !== u.id && (
                <>
                  {' '}
                  <button type="button" className="link-button link-button--target" onClick={() => setCorrecting(u.id)}>
                    Correct<span className="visually-hidden"> the update of {formatDate(u.date)}</span>
                  </button>
                </>
              )}
              {correcting === u.id && (
                <CorrectUpdateForm
                  update={u}
                  onDone={(p) => {
                    setCorrecting(null);
                    onChange(p);
                  }}
                  onCancel={() => setCorrecting(null)}
                />
              )}
            </li>
          ))}
        </ol>
      )}
      {!readOnly &&
        (posting ? (
          <UpdateForm
            action={action}
            today={plan.today}
            onDone={(p) => {
              setPosting(false);
              onChange(p);
            }}
            onCancel={() => setPosting(false)}
          />
        ) : (
          <div className="button-row">
            <button type="button" className="button" onClick={() => setPosting(true)}>
              Post a progress update<span className="visually-hidden"> on action {action.id}</span>
            </button>
            <button type="button" className="button button--secondary" onClick={() => setEditing(true)}>
              Change action {action.id}
            </button>
          </div>
        ))}
    </article>
  );
}
