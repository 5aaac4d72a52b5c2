import { useState } from 'react';
import type { SelfEvaluationArea, useSelfEvaluation } from './self-evaluation-state';
import { formatDate } from '../../ui/dates';
import { DateField } from '../../ui/DateField';

type Change = ReturnType<typeof useSelfEvaluation>['change'];

const today = () => new Date().toISOString().slice(0, 10);

/** The area's ratings over time (each kept, so the pack shows the trend), a new dated rating, and the scale. */
export function RatingsPanel({
  area,
  scale,
  readOnly,
  change,
}: {
  area: SelfEvaluationArea;
  scale: string[];
  readOnly: boolean;
  change: Change;
}) {
  const [rating, setRating] = useState(scale[0] ?? '');
  const [ratedOn, setRatedOn] = useState(today());
  const [note, setNote] = useState('');
  const [scaleText, setScaleText] = useState(scale.join('\n'));
  const [status, setStatus] = useState('');
  const record = async () => {
    if (await change('selfEvaluation.rate', { area: area.area, rating, ratedOn, note })) {
      setNote('');
      setStatus(`Recorded ${rating} on ${formatDate(ratedOn)}.`);
    }
  };
  const saveScale = async () => {
    const next = scaleText
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    if (await change('selfEvaluation.setScale', { scale: next })) setStatus('The rating scale is saved.');
  };
  return (
    <section aria-labelledby="ratings-heading" className="panel panel--wide">
      <h2 id="ratings-heading">Rating</h2>
      {area.ratings.length === 0 ? (
        <p>Not rated yet.</p>
      ) : (
        <table className="table">
          <caption className="visually-hidden">Ratings of this area, oldest first</caption>
          <thead>
            <tr>
              <th scope="col">Rating</th>
              <th scope="col">Date</th>
              <th scope="col">Note</th>
              <th scope="col">Recorded by</th>
            </tr>
          </thead>
          <tbody>
            {area.ratings.map((r) => (
              <tr key={r.id}>
                <td>{r.rating}</td>
                <td>{formatDate(r.ratedOn)}</td>
                <td>{r.note}</td>
                <td>{r.recordedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {!readOnly && (
        <>
          <div className="form-row">
            <div className="form-group">
              <label className="label" htmlFor="se-rating">
                New rating
              </label>
              <select id="se-rating" className="select" value={rating} onChange={(e) => setRating(e.target.value)}>
                {scale.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            </div>
            <div className="form-group">
              <DateField
                id="se-rated-on"
                label="Date of the rating"
                value={ratedOn}
                onCommit={(iso) => setRatedOn(iso ?? '')}
              />
            </div>
            <div className="form-group">
              <label className="label" htmlFor="se-rating-note">
                Note (optional)
              </label>
              <input
                id="se-rating-note"
                className="input"
                value={note}
                maxLength={500}
                onChange={(e) => setNote(e.target.value)}
              />
            </div>
          </div>
          <button type="button" className="button" disabled={!rating || !ratedOn} onClick={() => void record()}>
            Record the rating
          </button>
          <details className="outline__items">
            <summary>Change the rating scale</summary>
            <div className="form-group">
              <label className="label" htmlFor="se-scale">
                Ratings, best first, one a line
              </label>
              <textarea
                id="se-scale"
                className="textarea"
                rows={4}
                value={scaleText}
                onChange={(e) => setScaleText(e.target.value)}
              />
            </div>
            <button type="button" className="button button--secondary" onClick={() => void saveScale()}>
              Save the scale
            </button>
          </details>
        </>
      )}
      <p role="status" className="hint">
        {status}
      </p>
    </section>
  );
}
