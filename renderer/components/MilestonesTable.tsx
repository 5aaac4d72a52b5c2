import { useState } from 'react';
import { call } from '../api/call';
import type { Response } from '../../shared/api/contract';
import { useAppStore } from '../state/app-store';
import { formatDate } from './use-loaded';

type Timeline = NonNullable<Response<'inspection.get'>>;

/** The notice window's dates, each editable (local arrangements differ); a cleared date goes back to the computed one. */
export function MilestonesTable({ timeline, readOnly, onChange }: { timeline: Timeline; readOnly: boolean; onChange: () => void }) {
  const reloadItems = useAppStore((s) => s.reloadItems);
  const [problem, setProblem] = useState<string | null>(null);
  const save = async (milestoneId: Timeline['milestones'][number]['id'], date: string | null) => {
    try {
      await call('inspection.setMilestone', { milestoneId, date });
      setProblem(null);
      await reloadItems();
      onChange();
    } catch (error) {
      setProblem((error as Error).message);
    }
  };
  return (
    <section aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">The notice window</h2>
      {problem && <p className="error-message" role="alert">{problem}</p>}
      <table className="table">
        <caption className="visually-hidden">Milestones of the notice window</caption>
        <thead><tr><th scope="col">Milestone</th><th scope="col">Working day</th><th scope="col">Date</th><th scope="col">Change</th></tr></thead>
        <tbody>
          {timeline.milestones.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}{!m.verified && <span className="hint"> (typical; check with the inspection team)</span>}</th>
              <td>{m.workingDay}</td>
              <td>{formatDate(m.date)}{m.endDate ? ` to ${formatDate(m.endDate)}` : ''}{m.overridden ? ' (changed)' : ''}</td>
              <td>
                {!readOnly && (
                  <>
                    <label className="visually-hidden" htmlFor={`milestone-${m.id}`}>Date of {m.name}</label>
                    <input id={`milestone-${m.id}`} type="date" className="input input--date" value={m.date}
                      onChange={(e) => { if (e.target.value) void save(m.id, e.target.value); }} />
                    {m.overridden && <button type="button" className="link-button" onClick={() => void save(m.id, null)}>Use computed date</button>}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
