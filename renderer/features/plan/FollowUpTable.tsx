import { call } from '../../api/call';
import { write } from '../../state/write';
import type { Response } from '../../../shared/api/contract';
import { formatDate } from '../../ui/dates';
import { DateField } from '../../ui/DateField';
import { useAction } from '../../state/use-action';

type Plan = Response<'plan.get'>;

/** The follow-up timeline: each step's date (editable, as the notice window's are) and the day it was done. */
export function FollowUpTable({
  plan,
  readOnly,
  onChange,
}: {
  plan: Plan;
  readOnly: boolean;
  onChange: (plan: Plan) => void;
}) {
  const { run, problem } = useAction();
  const save = async (request: Parameters<typeof call<'plan.setFollowUp'>>[1]) => {
    await run(async () => onChange(await write('plan.setFollowUp', request)));
  };
  return (
    <section aria-labelledby="follow-up-heading">
      <h2 id="follow-up-heading">Follow-up timeline</h2>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <div className="table-scroll" tabIndex={0} role="region" aria-label="Follow-up timeline">
        <table className="table">
          <caption className="visually-hidden">Steps after the inspection, with their dates</caption>
          <thead>
            <tr>
              <th scope="col">Step</th>
              <th scope="col">Date</th>
              <th scope="col">Done</th>
              {!readOnly && <th scope="col">Change</th>}
            </tr>
          </thead>
          <tbody>
            {plan.followUp.map((m) => {
              const report = m.id === 'report-received' || m.id === 'report-published';
              return (
                <tr key={m.id} data-milestone={m.id}>
                  <th scope="row">
                    {m.name}
                    {!m.verified && !m.overridden && (
                      <span className="hint"> (typical; check with the inspection team)</span>
                    )}
                    <span className="hint" style={{ display: 'block', fontWeight: 400 }}>
                      {m.note}
                    </span>
                  </th>
                  <td>
                    {formatDate(m.date)}
                    {m.overridden && !report ? ' (changed)' : ''}
                  </td>
                  <td>{m.done ? formatDate(m.done) : 'Not yet'}</td>
                  {!readOnly && (
                    <td>
                      <div className="follow-up-change">
                        {!report && (
                          <>
                            <DateField
                              id={`follow-up-${m.id}`}
                              label="New date"
                              hiddenLabel={` of ${m.name}`}
                              hint="dd/mm/yyyy"
                              value={m.date}
                              onCommit={(iso) => {
                                if (iso) void save({ milestoneId: m.id, date: iso });
                              }}
                            />
                            {m.overridden && (
                              <button
                                type="button"
                                className="link-button"
                                onClick={() => void save({ milestoneId: m.id, date: null })}
                              >
                                Use computed date<span className="visually-hidden"> for {m.name}</span>
                              </button>
                            )}
                          </>
                        )}
                        {!report &&
                          (m.done ? (
                            <button
                              type="button"
                              className="link-button"
                              onClick={() => void save({ milestoneId: m.id, done: null })}
                            >
                              Not done yet<span className="visually-hidden">: {m.name}</span>
                            </button>
                          ) : (
                            <button
                              type="button"
                              className="link-button"
                              onClick={() => void save({ milestoneId: m.id, done: plan.today })}
                            >
                              Done today<span className="visually-hidden">: {m.name}</span>
                            </button>
                          ))}
                      </div>
                    </td>
                  )}
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
    </section>
  );
}
