import type { ChecklistItem } from '../../../shared/api/contract';
import { useAppStore } from '../../state/app-store';
import { useSavedText } from '../../ui/use-saved-text';
import { DateField } from '../../ui/DateField';

/**
 * Owner and due date of one item, each saved as soon as it changes; approval locks them. The status moves only
 * through ReviewControls' steps; the narrative is edited by NarrativeEditor.
 */
export function ItemEditor({ item, readOnly }: { item: ChecklistItem; readOnly: boolean }) {
  const updateItem = useAppStore((s) => s.updateItem);
  const error = useAppStore((s) => s.itemErrors[item.id]);
  const owner = useSavedText(item.owner, (value) => updateItem(item.id, { owner: value }));
  const disabled = readOnly || item.status === 'approved';
  const base = `item-${item.id}`;
  return (
    <>
      {error && (
        <p className="error-message" role="alert" id={`${base}-error`}>
          {error}
        </p>
      )}
      <div className="item__fields item__fields--page">
        <div className="form-group">
          <label className="label" htmlFor={`${base}-owner`}>
            Owner<span className="visually-hidden"> of {item.title}</span>
          </label>
          <input
            id={`${base}-owner`}
            className="input"
            value={owner.draft}
            disabled={disabled}
            list="owner-suggestions"
            onChange={(e) => owner.change(e.target.value)}
            onBlur={owner.flush}
            onKeyDown={(e) => {
              if (e.key === 'Enter') owner.flush();
            }}
          />
        </div>
        <div className="form-group">
          <DateField
            id={`${base}-due`}
            label="Due date"
            hiddenLabel={` of ${item.title}`}
            value={item.dueDate ?? item.due ?? ''}
            disabled={disabled}
            onCommit={(iso) => updateItem(item.id, { dueDate: iso })}
          />
          {item.dueDate && !disabled && (
            <button type="button" className="link-button" onClick={() => void updateItem(item.id, { dueDate: null })}>
              Use the pack deadline
            </button>
          )}
        </div>
      </div>
    </>
  );
}
