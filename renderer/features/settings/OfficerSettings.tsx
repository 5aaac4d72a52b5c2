import { useEffect, useState, type FormEvent } from 'react';
import { write } from '../../state/write';
import { useAppStore } from '../../state/app-store';
import { useApiQuery } from '../../state/use-api-query';
import { messageOf } from '../../state/errors';

/** The officer's own name (recorded with every change) and how this workspace runs review. */
export function OfficerSettings({ readOnly }: { readOnly: boolean }) {
  const userName = useAppStore((s) => s.userName);
  const setUserName = useAppStore((s) => s.setUserName);
  const [name, setName] = useState(userName ?? '');
  const [nameProblem, setNameProblem] = useState<string | null>(null);
  const [nameStatus, setNameStatus] = useState('');
  const review = useApiQuery('review.settings', {});
  const [reviewStatus, setReviewStatus] = useState('');
  // Shown as ticked at once; put back if the change is refused.
  const [mustDiffer, setMustDiffer] = useState<boolean | null>(null);
  useEffect(() => {
    if (review.data) setMustDiffer(review.data.approverMustDiffer);
  }, [review.data]);
  useEffect(() => {
    setName(userName ?? '');
  }, [userName]);
  const saveName = async (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setNameProblem('Enter your name');
      return;
    }
    setNameProblem(null);
    await setUserName(name.trim());
    setNameStatus(
      `From now on your changes are recorded as ${name.trim()}. Earlier entries keep the name they were made under.`,
    );
  };
  const toggleReview = async (approverMustDiffer: boolean) => {
    setMustDiffer(approverMustDiffer);
    try {
      await write('review.saveSettings', { approverMustDiffer });
      setReviewStatus(
        approverMustDiffer ? 'Saved: approval now needs a second officer.' : 'Saved: anyone can approve.',
      );
    } catch (e) {
      setReviewStatus(messageOf(e));
      setMustDiffer(!approverMustDiffer);
    }
  };
  return (
    <>
      <section aria-labelledby="you-heading">
        <h2 id="you-heading">You</h2>
        <form onSubmit={(e) => void saveName(e)} noValidate className="panel">
          <div className={`form-group${nameProblem ? ' form-group--error' : ''}`}>
            <label className="label" htmlFor="settings-name">
              Your name
            </label>
            <p className="hint" id="settings-name-hint">
              Recorded with every change you make, on this computer, in every workspace.
            </p>
            {nameProblem && (
              <p className="error-message" id="settings-name-error">
                {nameProblem}
              </p>
            )}
            <input
              id="settings-name"
              className="input"
              value={name}
              autoComplete="name"
              onChange={(e) => setName(e.target.value)}
              aria-describedby={`settings-name-hint${nameProblem ? ' settings-name-error' : ''}`}
            />
          </div>
          <button type="submit" className="button button--secondary">
            Save name
          </button>
          <p role="status" className="hint">
            {nameStatus}
          </p>
        </form>
      </section>
      <section aria-labelledby="review-heading">
        <h2 id="review-heading">Review and approval</h2>
        <div className="panel">
          {mustDiffer !== null && (
            <div className="checkbox">
              <input
                id="approver-must-differ"
                type="checkbox"
                checked={mustDiffer}
                disabled={readOnly}
                aria-describedby="approver-must-differ-hint"
                onChange={(e) => void toggleReview(e.target.checked)}
              />
              <label htmlFor="approver-must-differ">The approver must be someone other than the last editor</label>
            </div>
          )}
          <p className="hint" id="approver-must-differ-hint">
            When ticked, whoever last changed an item's narrative or evidence cannot approve it: a second officer does.
            Applies to everyone who opens this workspace.
          </p>
          <p role="status" className="hint">
            {reviewStatus}
          </p>
        </div>
      </section>
    </>
  );
}
