import { useState, type FormEvent } from 'react';
import { write } from '../../state/write';
import type { Response } from '../../../shared/api/contract';
import { OUTCOME_LABELS, OUTCOMES, type Outcome } from '../../../shared/domain/follow-up';
import { DateField } from '../../ui/DateField';
import { useAction } from '../../state/use-action';

type Plan = Response<'plan.get'>;

const toLines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.replace(/^\s*(?:[-•*]|\d+[.)])\s*/, '').trim())
    .filter(Boolean);

/** Records the outcome: the site week, the outcome, the report's dates and its areas, typed or pasted one per line. */
export function OutcomeForm({
  plan,
  onDone,
  onCancel,
}: {
  plan: Plan;
  onDone: (plan: Plan) => void;
  onCancel?: () => void;
}) {
  const o = plan.outcome;
  const [outcome, setOutcome] = useState<Outcome | ''>(o?.outcome ?? '');
  const [start, setStart] = useState(o?.siteWeekStart ?? '');
  const [end, setEnd] = useState(o?.siteWeekEndRecorded ? o.siteWeekEnd : '');
  const [received, setReceived] = useState(o?.reportReceived ?? '');
  const [published, setPublished] = useState(o?.reportPublished ?? '');
  const [priority, setPriority] = useState((o?.areasForPriorityAction ?? []).join('\n'));
  const [improvement, setImprovement] = useState((o?.areasForImprovement ?? []).join('\n'));
  const { run, problem, setProblem } = useAction();
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!outcome) {
      setProblem('Choose the outcome the report gives');
      return;
    }
    if (!start) {
      setProblem('Enter the first day of the site week');
      return;
    }
    await run(async () => {
      onDone(
        await write('plan.recordOutcome', {
          outcome,
          siteWeekStart: start,
          siteWeekEnd: end || null,
          reportReceived: received || null,
          reportPublished: published || null,
          areasForPriorityAction: outcome === 'widespread' ? toLines(priority) : [],
          areasForImprovement: toLines(improvement),
        }),
      );
    });
  };
  return (
    <form className="panel panel--wide" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="outcome-heading">
      <h2 id="outcome-heading">{o ? 'Change the outcome' : 'Record the outcome'}</h2>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <fieldset className="fieldset">
        <legend className="label">Outcome</legend>
        {OUTCOMES.map((id) => (
          <div className="checkbox" key={id}>
            <input
              type="radio"
              id={`outcome-${id}`}
              name="outcome"
              checked={outcome === id}
              onChange={() => setOutcome(id)}
            />
            <label htmlFor={`outcome-${id}`}>{OUTCOME_LABELS[id]}</label>
          </div>
        ))}
      </fieldset>
      <div className="form-row">
        <div className="form-group">
          <DateField
            id="site-week-start"
            label="First day of the site week"
            value={start}
            onCommit={(iso) => setStart(iso ?? '')}
          />
        </div>
        <div className="form-group">
          <DateField
            id="site-week-end"
            label="Last day (optional)"
            hint="dd/mm/yyyy; blank: five working days."
            value={end}
            onCommit={(iso) => setEnd(iso ?? '')}
          />
        </div>
      </div>
      <div className="form-row">
        <div className="form-group">
          <DateField
            id="report-received"
            label="Final report received"
            value={received}
            onCommit={(iso) => setReceived(iso ?? '')}
          />
        </div>
        <div className="form-group">
          <DateField
            id="report-published"
            label="Report published"
            value={published}
            onCommit={(iso) => setPublished(iso ?? '')}
          />
        </div>
      </div>
      {outcome === 'widespread' && (
        <div className="form-group">
          <label className="label" htmlFor="areas-priority">
            Areas for priority action
          </label>
          <p id="areas-priority-hint" className="hint">
            One per line, as the report words them; pasted numbers and bullets are removed.
          </p>
          <textarea
            id="areas-priority"
            className="textarea"
            rows={4}
            value={priority}
            aria-describedby="areas-priority-hint"
            onChange={(e) => setPriority(e.target.value)}
          />
        </div>
      )}
      <div className="form-group">
        <label className="label" htmlFor="areas-improvement">
          Areas for improvement
        </label>
        <p id="areas-improvement-hint" className="hint">
          One per line.
        </p>
        <textarea
          id="areas-improvement"
          className="textarea"
          rows={4}
          value={improvement}
          aria-describedby="areas-improvement-hint"
          onChange={(e) => setImprovement(e.target.value)}
        />
      </div>
      <div className="button-row">
        <button type="submit" className="button">
          {o ? 'Save the outcome' : 'Record the outcome'}
        </button>
        {onCancel && (
          <button type="button" className="button button--secondary" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
