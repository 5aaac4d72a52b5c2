import { useState } from 'react';
import { write } from '../../state/write';
import type { Response } from '../../../shared/api/contract';
import { useAppStore } from '../../state/app-store';
import { formatDate } from '../../ui/dates';
import { formatDisplayDate } from '../../../shared/domain/dates';
import { DateField } from '../../ui/DateField';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { useAction } from '../../state/use-action';

type Timeline = NonNullable<Response<'inspection.get'>>;

/** The notice window's dates, each editable (local arrangements differ); a cleared date goes back to the computed one. */
export function MilestonesTable({ timeline, readOnly }: { timeline: Timeline; readOnly: boolean }) {
  const { run, problem } = useAction();
  const items = useAppStore((s) => s.items);
  const [pending, setPending] = useState<{
    id: Timeline['milestones'][number]['id'];
    name: string;
    from: string;
    to: string | null;
  } | null>(null);
  // Cancelling the move puts the typed date back (the fields are remade): left as typed, leaving the field would ask again.
  const [cancelled, setCancelled] = useState(0);
  /** Items with no date of their own follow the pack deadline: moving it moves them, so that is asked about first. */
  const following = items.filter((i) => i.dueDate === null && i.status !== 'approved' && i.status !== 'not-applicable');
  const change = (m: Timeline['milestones'][number], date: string | null) => {
    if (m.date === timeline.packDue && following.length > 0 && date !== m.date) {
      setPending({ id: m.id, name: m.name, from: m.date, to: date });
      return;
    }
    void save(m.id, date);
  };
  const save = async (milestoneId: Timeline['milestones'][number]['id'], date: string | null) => {
    await run(() => write('inspection.setMilestone', { milestoneId, date }));
  };
  return (
    <section aria-labelledby="milestones-heading">
      <h2 id="milestones-heading">The notice window</h2>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <table className="table">
        <caption className="visually-hidden">Milestones of the notice window</caption>
        <thead>
          <tr>
            <th scope="col">Milestone</th>
            <th scope="col">Working day</th>
            <th scope="col">Date</th>
            <th scope="col">Change</th>
          </tr>
        </thead>
        <tbody>
          {timeline.milestones.map((m) => (
            <tr key={m.id}>
              <th scope="row">
                {m.name}
                {!m.verified && <span className="hint"> (typical; check with the inspection team)</span>}
              </th>
              <td>{m.workingDay}</td>
              <td>
                {formatDate(m.date)}
                {m.endDate ? ` to ${formatDate(m.endDate)}` : ''}
                {m.overridden ? ' (changed)' : ''}
              </td>
              <td>
                {!readOnly && (
                  <>
                    <DateField
                      key={`${m.id}-${cancelled}`}
                      id={`milestone-${m.id}`}
                      label="New date"
                      hiddenLabel={` of ${m.name}`}
                      hint="dd/mm/yyyy"
                      value={m.date}
                      onCommit={(iso) => {
                        if (iso) change(m, iso);
                      }}
                    />
                    {m.overridden && (
                      <button type="button" className="link-button" onClick={() => change(m, null)}>
                        Use computed date<span className="visually-hidden"> for {m.name}</span>
                      </button>
                    )}
                  </>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {pending && (
        <ConfirmDialog
          title={`Move "${pending.name}"?`}
          confirmLabel={`Move it and ${following.length} item due date${following.length === 1 ? '' : 's'}`}
          onCancel={() => {
            setPending(null);
            setCancelled((n) => n + 1);
          }}
          onConfirm={() => {
            const p = pending;
            setPending(null);
            void save(p.id, p.to);
          }}
        >
          <p>
            {pending.to
              ? `From ${formatDisplayDate(pending.from)} to ${formatDisplayDate(pending.to)}.`
              : `From ${formatDisplayDate(pending.from)} back to the computed date.`}{' '}
            These {following.length} items have no due date of their own and follow the pack deadline, so their due
            dates move too:
          </p>
          <ul className="scroll-list" tabIndex={0} aria-label="Items whose due dates move">
            {following.map((i) => (
              <li key={i.id}>
                {i.title}
                {i.owner ? ` (${i.owner})` : ''}
              </li>
            ))}
          </ul>
          <p className="hint">To keep an item's date, give it a due date of its own on its page first.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
