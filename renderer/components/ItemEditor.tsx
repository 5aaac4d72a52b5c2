import { useState } from 'react';
import type { ChecklistItem } from '../../shared/api/contract';
import { ITEM_STATUSES, ITEM_STATUS_LABELS, type ItemStatus } from '../../shared/domain/item-status';
import { useAppStore } from '../state/app-store';
import { useSavedText } from './use-saved-text';

/**
 * Status, owner, due date and note of one item, each saved as soon as it changes; approval locks them. On the item
 * page (`withDueDate`) the note is edited as the narrative, by NarrativeEditor, instead of the plain textarea here.
 */
export function ItemEditor({ item, readOnly, withDueDate }: { item: ChecklistItem; readOnly: boolean; withDueDate?: boolean }) {
  const updateItem = useAppStore((s) => s.updateItem);
  const error = useAppStore((s) => s.itemErrors[item.id]);
  const owner = useSavedText(item.owner, (value) => updateItem(item.id, { owner: value }));
  const note = useSavedText(item.note, (value) => updateItem(item.id, { note: value }));
  const [reopening, setReopening] = useState(false);
  const [reason, setReason] = useState('');
  const locked = item.status === 'approved';
  const disabled = readOnly || locked;
  const base = `item-${item.id}`;

  const reopen = async () => {
    if (await updateItem(item.id, { status: 'in-progress', reason: reason.trim() })) { setReopening(false); setReason(''); }
  };

  return (
    <>
      {error && <p className="error-message" role="alert" id={`${base}-error`}>{error}</p>}
      <div className={`item__fields${withDueDate ? ' item__fields--page' : ''}`}>
        <div className="form-group">
          <label className="label" htmlFor={`${base}-status`}>Status<span className="visually-hidden"> of {item.title}</span></label>
          <select id={`${base}-status`} className="select" value={item.status} disabled={disabled}
            onChange={(e) => void updateItem(item.id, { status: e.target.value as ItemStatus })}>
            {ITEM_STATUSES.map((s) => <option key={s} value={s}>{ITEM_STATUS_LABELS[s]}</option>)}
          </select>
        </div>
        <div className="form-group">
          <label className="label" htmlFor={`${base}-owner`}>Owner<span className="visually-hidden"> of {item.title}</span></label>
          <input id={`${base}-owner`} className="input" value={owner.draft} disabled={disabled} list="owner-suggestions"
            onChange={(e) => owner.change(e.target.value)} onBlur={owner.flush}
            onKeyDown={(e) => { if (e.key === 'Enter') owner.flush(); }} />
        </div>
        {withDueDate && (
          <div className="form-group">
            <label className="label" htmlFor={`${base}-due`}>Due date<span className="visually-hidden"> of {item.title}</span></label>
            <input id={`${base}-due`} type="date" className="input input--date" value={item.dueDate ?? item.due ?? ''} disabled={disabled}
              onChange={(e) => void updateItem(item.id, { dueDate: e.target.value || null })} />
            {item.dueDate && !disabled && (
              <button type="button" className="link-button" onClick={() => void updateItem(item.id, { dueDate: null })}>Use the pack deadline</button>
            )}
          </div>
        )}
        {!item.personLevel && !withDueDate && (
          <div className="form-group form-group--wide">
            <label className="label" htmlFor={`${base}-note`}>Note<span className="visually-hidden"> on {item.title}</span></label>
            <textarea id={`${base}-note`} className="textarea" rows={2} value={note.draft} disabled={disabled}
              onChange={(e) => note.change(e.target.value)} onBlur={note.flush} />
          </div>
        )}
      </div>
      {locked && (
        <div className="item__locked">
          <p>Approved by {item.approvedBy} on {item.approvedAt ? new Date(item.approvedAt).toLocaleString('en-GB') : ''}.
            It is locked: reopen it to make changes.</p>
          {!readOnly && !reopening && (
            <button type="button" className="button button--secondary" onClick={() => setReopening(true)}>Reopen…</button>
          )}
          {reopening && (
            <div className="form-group">
              <label className="label" htmlFor={`${base}-reason`}>Why are you reopening it?</label>
              <input id={`${base}-reason`} className="input" value={reason} autoFocus onChange={(e) => setReason(e.target.value)} />
              <button type="button" className="button" disabled={!reason.trim()} onClick={() => void reopen()}>Reopen item</button>{' '}
              <button type="button" className="button button--secondary" onClick={() => setReopening(false)}>Cancel</button>
            </div>
          )}
        </div>
      )}
    </>
  );
}
