import { useState, type FormEvent } from 'react';
import { write } from '../../state/write';
import { useAppStore } from '../../state/app-store';
import { formatDate } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';
import { PrivacySettingsForm } from '../privacy/PrivacySettingsForm';
import { OfficerSettings } from './OfficerSettings';
import { SyncSettings } from '../sync/SyncSettings';
import { NeighbourSettings } from './NeighbourSettings';
import { DateField } from '../../ui/DateField';
import { ScreenLoading } from '../../ui/ScreenLoading';
import { useAction } from '../../state/use-action';

/** Bank holidays used for working days: England and Wales by rule, plus this workspace's own closures or exceptions. */
export function SettingsScreen() {
  const readOnly = useAppStore((s) => s.session?.readOnly ?? true);
  const { data, error } = useApiQuery('calendar.get', {});
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const { run, problem, setProblem } = useAction();
  if (error || !data) return <ScreenLoading title="Settings" error={error} />;
  const save = async (overrides: typeof data.overrides) => {
    await run(() => write('calendar.setOverrides', overrides));
  };
  const add = (event: FormEvent) => {
    event.preventDefault();
    if (!date || !name.trim()) {
      setProblem('Enter the date and a name for the closure');
      return;
    }
    void save({ ...data.overrides, add: [...data.overrides.add, { date, name: name.trim() }] }).then(() => {
      setDate('');
      setName('');
    });
  };
  return (
    <>
      <h1>Settings</h1>
      <OfficerSettings readOnly={readOnly} />
      <SyncSettings />
      <section aria-labelledby="holidays-heading">
        <h2 id="holidays-heading">Working days</h2>
        <p>
          Working days skip weekends and England and Wales bank holidays. Add a local closure, or mark a bank holiday
          your teams work, and every deadline moves with it. (Scotland and Northern Ireland have different holidays.)
        </p>
        {problem && (
          <p className="error-message" role="alert">
            {problem}
          </p>
        )}
        <table className="table">
          <caption>Bank holidays this year and next</caption>
          <thead>
            <tr>
              <th scope="col">Date</th>
              <th scope="col">Holiday</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {data.holidays.map((h) => (
              <tr key={h.date}>
                <td>{formatDate(h.date)}</td>
                <td>{h.name}</td>
                <td>
                  {!readOnly && (
                    <button
                      type="button"
                      className="link-button"
                      onClick={() =>
                        void save({
                          add: data.overrides.add.filter((a) => a.date !== h.date),
                          remove: data.overrides.add.some((a) => a.date === h.date)
                            ? data.overrides.remove
                            : [...data.overrides.remove, h.date],
                        })
                      }
                    >
                      Treat as a working day<span className="visually-hidden"> ({h.name})</span>
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {data.overrides.remove.length > 0 && (
          <p>
            Worked as normal days: {data.overrides.remove.map(formatDate).join(', ')}.{' '}
            {!readOnly && (
              <button
                type="button"
                className="link-button"
                onClick={() => void save({ ...data.overrides, remove: [] })}
              >
                Undo
              </button>
            )}
          </p>
        )}
        {!readOnly && (
          <form onSubmit={add} noValidate aria-labelledby="closure-heading" className="panel">
            <h3 id="closure-heading">Add a local closure</h3>
            <div className="form-row">
              <div className="form-group">
                <DateField id="closure-date" label="Date" value={date} onCommit={(iso) => setDate(iso ?? '')} />
              </div>
              <div className="form-group">
                <label className="label" htmlFor="closure-name">
                  Name
                </label>
                <input id="closure-name" className="input" value={name} onChange={(e) => setName(e.target.value)} />
              </div>
            </div>
            <button type="submit" className="button button--secondary">
              Add closure
            </button>
          </form>
        )}
      </section>
      <NeighbourSettings readOnly={readOnly} />
      <PrivacySettingsForm readOnly={readOnly} />
    </>
  );
}
