import { useState, type FormEvent } from 'react';
import { AREA_GROUPS, type EvaluationAreaId } from '../../../shared/domain/evaluation-areas';
import { useAppStore } from '../../state/app-store';

export function AddItemForm() {
  const addItem = useAppStore((s) => s.addItem);
  const [title, setTitle] = useState('');
  const [area, setArea] = useState<EvaluationAreaId | ''>('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!title.trim()) {
      setProblem('Enter a title for the item');
      return;
    }
    setProblem(null);
    if (await addItem({ title: title.trim(), areas: area ? [area] : [] })) {
      setTitle('');
      setArea('');
    }
  };
  return (
    <form className="add-item" onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-item-heading">
      <h2 id="add-item-heading">Add an item of your own</h2>
      <div className={`form-group${problem ? ' form-group--error' : ''}`}>
        <label className="label" htmlFor="new-item-title">
          Title
        </label>
        {problem && (
          <p className="error-message" id="new-item-title-error">
            {problem}
          </p>
        )}
        <input
          id="new-item-title"
          className="input"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          aria-describedby={problem ? 'new-item-title-error' : undefined}
        />
      </div>
      <div className="form-group">
        <label className="label" htmlFor="new-item-area">
          Evaluation area
        </label>
        <select
          id="new-item-area"
          className="select"
          value={area}
          onChange={(e) => setArea(e.target.value as EvaluationAreaId | '')}
        >
          {AREA_GROUPS.map((g) => (
            <option key={g.id} value={g.id === 'other' ? '' : g.id}>
              {g.id === 'other' ? 'None (logistics and other)' : `${g.id}: ${g.shortName}`}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button--secondary">
        Add item
      </button>
    </form>
  );
}
