import { useState } from 'react';
import type { Request } from '../../../shared/api/contract';
import { write } from '../../state/write';
import { messageOf } from '../../state/errors';
import { ConfirmDialog } from '../../ui/ConfirmDialog';
import { DateField } from '../../ui/DateField';

type Change = Omit<Request<'checklist.bulkUpdate'>, 'itemIds'>;

/** Changes for the picked rows: an owner, a due date, not applicable or ready for review, each confirmed first. */
export function BulkActions({ selected, onDone }: { selected: string[]; onDone(): void }) {
  const [owner, setOwner] = useState('');
  const [pending, setPending] = useState<{ title: string; change: Change; confirm: string } | null>(null);
  const [result, setResult] = useState<{
    changed: number;
    refused: { itemId: string; title: string; reason: string }[];
  } | null>(null);
  const [busy, setBusy] = useState(false);
  const count = `${selected.length} item${selected.length === 1 ? '' : 's'}`;
  const apply = async () => {
    if (!pending) return;
    setBusy(true);
    try {
      const { items, refused } = await write('checklist.bulkUpdate', { itemIds: selected, ...pending.change });
      setResult({ changed: items.length, refused });
      if (refused.length === 0) onDone();
    } catch (e) {
      setResult({ changed: 0, refused: [{ itemId: '', title: 'All', reason: messageOf(e) }] });
    } finally {
      setBusy(false);
      setPending(null);
    }
  };
  return (
    <section className="bulk no-print" aria-labelledby="bulk-heading">
      <h2 id="bulk-heading" className="bulk__title">
        {selected.length ? `${count} selected` : 'Change several items'}
      </h2>
      {selected.length === 0 ? (
        <p className="hint">
          Tick items in the table to give them an owner or a due date, or change their status, together.
        </p>
      ) : (
        <div className="bulk__actions">
          <form
            className="bulk__field"
            onSubmit={(e) => {
              e.preventDefault();
              if (owner.trim())
                setPending({
                  title: `Give ${count} the owner ${owner.trim()}?`,
                  change: { owner: owner.trim() },
                  confirm: 'Set owner',
                });
            }}
          >
            <label className="label label--small" htmlFor="bulk-owner">
              Owner
            </label>
            <div className="search-form__row">
              <input
                id="bulk-owner"
                className="input"
                list="owner-suggestions"
                value={owner}
                onChange={(e) => setOwner(e.target.value)}
              />
              <button type="submit" className="button button--secondary" disabled={!owner.trim()}>
                Set owner
              </button>
            </div>
          </form>
          <div className="bulk__field">
            <DateField
              id="bulk-due"
              label="Due date"
              value=""
              hint="Day/month/year; saved when you leave the field"
              onCommit={(iso) =>
                setPending({
                  title: `Set the due date of ${count}?`,
                  change: { dueDate: iso },
                  confirm: 'Set due date',
                })
              }
            />
          </div>
          <div className="button-row">
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                setPending({
                  title: `Mark ${count} ready for review?`,
                  change: { status: 'ready-for-review' },
                  confirm: 'Mark ready for review',
                })
              }
            >
              Ready for review…
            </button>
            <button
              type="button"
              className="button button--secondary"
              onClick={() =>
                setPending({
                  title: `Mark ${count} not applicable?`,
                  change: { status: 'not-applicable' },
                  confirm: 'Mark not applicable',
                })
              }
            >
              Not applicable…
            </button>
            <button type="button" className="link-button" onClick={onDone}>
              Clear selection
            </button>
          </div>
        </div>
      )}
      {result && (
        <div role="status" className="bulk__result">
          <p>
            Changed {result.changed} item{result.changed === 1 ? '' : 's'}.
          </p>
          {result.refused.length > 0 && (
            <>
              <p>Not changed:</p>
              <ul>
                {result.refused.map((r) => (
                  <li key={r.itemId}>
                    {r.title}: {r.reason}
                  </li>
                ))}
              </ul>
            </>
          )}
        </div>
      )}
      {pending && (
        <ConfirmDialog
          title={pending.title}
          confirmLabel={pending.confirm}
          busy={busy}
          onConfirm={() => void apply()}
          onCancel={() => setPending(null)}
        >
          <p>Approved items are locked and stay as they are; every other change is recorded in each item's history.</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
