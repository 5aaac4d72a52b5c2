import { useState, type FormEvent } from 'react';
import { call } from '../../api/call';
import { write } from '../../state/write';
import { DateField } from '../../ui/DateField';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useAction } from '../../state/use-action';

const PRESETS = [
  { id: 'full', name: 'Area SEND full inspection (2023 framework)' },
  { id: 'monitoring', name: 'Monitoring inspection (2023 framework)' },
  { id: 'legacy5', name: "5 working days' notice (2016 framework)" },
] as const;

/** Records the call from the inspectorate; everything in the notice window is dated from it. */
export function NotificationForm({ onDone, replacing }: { onDone: () => void; replacing: boolean }) {
  const [date, setDate] = useState('');
  const [time, setTime] = useState('');
  const [preset, setPreset] = useState<(typeof PRESETS)[number]['id']>('full');
  const [lead, setLead] = useState('');
  const { run, problem, setProblem } = useAction();
  const [concern, setConcern] = useState<string | null>(null);
  const record = async () => {
    setConcern(null);
    if (await run(() => write('inspection.record', { date, time: time || null, preset, leadOfficer: lead.trim() })))
      onDone();
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!date) {
      setProblem('Enter the date of the notification call, as day/month/year');
      return;
    }
    // A date far from today is asked about first: a slip here moves every deadline.
    const asked: { concern: string | null } = { concern: null };
    if (
      !(await run(async () => {
        asked.concern = (await call('inspection.checkDate', { date })).concern;
      }))
    )
      return;
    if (asked.concern) {
      setConcern(asked.concern);
      return;
    }
    await record();
  };
  return (
    <form className="panel" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="notify-heading">
      <h2 id="notify-heading">{replacing ? 'Record the notification again' : 'Record the notification'}</h2>
      <p className="hint">
        The day of the call is working day 0, whatever the time. A call on a weekend or bank holiday counts from the
        next working day.
        {replacing ? ' Recording it again replaces the earlier record; both stay in the audit trail.' : ''}
      </p>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <div className="form-row">
        <div className="form-group">
          <DateField id="notify-date" label="Date of the call" value={date} onCommit={(iso) => setDate(iso ?? '')} />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="notify-time">
            Time (optional)
          </label>
          <input
            id="notify-time"
            type="time"
            className="input input--time"
            value={time}
            onChange={(e) => setTime(e.target.value)}
          />
        </div>
      </div>
      <div className="form-group">
        <label className="label" htmlFor="notify-preset">
          Type of inspection
        </label>
        <select
          id="notify-preset"
          className="select"
          value={preset}
          onChange={(e) => setPreset(e.target.value as typeof preset)}
        >
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      </div>
      <div className="form-group">
        <label className="label" htmlFor="notify-lead">
          Local area nominated officer
        </label>
        <input
          id="notify-lead"
          className="input"
          value={lead}
          onChange={(e) => setLead(e.target.value)}
          autoComplete="off"
        />
      </div>
      <button type="submit" className="button">
        Record notification
      </button>
      {concern && (
        <ConfirmDialog
          title="Is the date of the call right?"
          confirmLabel="Record this date"
          onConfirm={() => void record()}
          onCancel={() => setConcern(null)}
        >
          <p>{concern}</p>
          <p>
            Every deadline in the notice window, and every item's due date that follows the pack deadline, is worked out
            from it.
          </p>
        </ConfirmDialog>
      )}
    </form>
  );
}
