import { useState } from 'react';
import { SELF_EVALUATION_AREAS } from '../../../shared/api/self-evaluation-schemas';
import type { SelfEvaluation, useSelfEvaluation } from './self-evaluation-state';

type Change = ReturnType<typeof useSelfEvaluation>['change'];
type CaseStudy = SelfEvaluation['caseStudies'][number];
type Area = (typeof SELF_EVALUATION_AREAS)[number];

const EMPTY = { title: '', area: 'EC1' as Area, story: '', consentRecorded: false, consentNote: '' };

/**
 * Anonymised case studies: the pack prints those with consent recorded; every word goes through the privacy check
 * before any build.
 */
export function CaseStudiesPanel({
  caseStudies,
  readOnly,
  change,
}: {
  caseStudies: CaseStudy[];
  readOnly: boolean;
  change: Change;
}) {
  const [draft, setDraft] = useState<typeof EMPTY & { id?: number }>(EMPTY);
  const [status, setStatus] = useState('');
  const save = async () => {
    if (await change('selfEvaluation.saveCaseStudy', draft)) {
      setStatus(`Saved "${draft.title}".`);
      setDraft(EMPTY);
    }
  };
  const remove = async (c: CaseStudy) => {
    if (!window.confirm(`Take "${c.title}" out of the pack?`)) return;
    if (await change('selfEvaluation.removeCaseStudy', { id: c.id })) setStatus(`Took "${c.title}" out of the pack.`);
  };
  return (
    <section aria-labelledby="cases-heading" className="panel panel--wide">
      <h2 id="cases-heading">Case studies</h2>
      <p className="hint">
        Anonymised: no names, dates of birth, schools or anything else that could identify a child or family. Only case
        studies with consent recorded are printed.
      </p>
      {caseStudies.length === 0 ? (
        <p>No case studies yet.</p>
      ) : (
        <ul className="case-studies">
          {caseStudies.map((c) => (
            <li key={c.id}>
              <strong>{c.title}</strong> ({c.area}) —{' '}
              {c.consentRecorded ? 'consent recorded' : 'consent not recorded: not printed'}
              {!readOnly && (
                <span className="button-row">
                  <button
                    type="button"
                    className="link-button"
                    onClick={() =>
                      setDraft({
                        id: c.id,
                        title: c.title,
                        area: c.area,
                        story: c.story,
                        consentRecorded: c.consentRecorded,
                        consentNote: c.consentNote,
                      })
                    }
                  >
                    Edit<span className="visually-hidden"> {c.title}</span>
                  </button>
                  <button type="button" className="link-button" onClick={() => void remove(c)}>
                    Remove<span className="visually-hidden"> {c.title}</span>
                  </button>
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      {!readOnly && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          aria-labelledby="case-form-heading"
        >
          <h3 id="case-form-heading">{draft.id ? `Edit "${draft.title}"` : 'Add a case study'}</h3>
          <div className="form-row">
            <div className="form-group">
              <label className="label" htmlFor="case-title">
                Title
              </label>
              <input
                id="case-title"
                className="input"
                value={draft.title}
                maxLength={200}
                onChange={(e) => setDraft({ ...draft, title: e.target.value })}
              />
            </div>
            <div className="form-group">
              <label className="label" htmlFor="case-area">
                Evaluation area it shows
              </label>
              <select
                id="case-area"
                className="select"
                value={draft.area}
                onChange={(e) => setDraft({ ...draft, area: e.target.value as Area })}
              >
                {SELF_EVALUATION_AREAS.map((a) => (
                  <option key={a} value={a}>
                    {a}
                  </option>
                ))}
              </select>
            </div>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="case-story">
              The story
            </label>
            <textarea
              id="case-story"
              className="textarea"
              rows={5}
              value={draft.story}
              onChange={(e) => setDraft({ ...draft, story: e.target.value })}
            />
          </div>
          <div className="checkbox">
            <input
              id="case-consent"
              type="checkbox"
              checked={draft.consentRecorded}
              onChange={(e) => setDraft({ ...draft, consentRecorded: e.target.checked })}
            />
            <label htmlFor="case-consent">Consent to use it is recorded</label>
          </div>
          <div className="form-group">
            <label className="label" htmlFor="case-consent-note">
              Whose consent, and where it is kept
            </label>
            <input
              id="case-consent-note"
              className="input"
              value={draft.consentNote}
              maxLength={500}
              onChange={(e) => setDraft({ ...draft, consentNote: e.target.value })}
            />
          </div>
          <span className="button-row">
            <button type="submit" className="button" disabled={!draft.title.trim() || !draft.story.trim()}>
              Save the case study
            </button>
            {draft.id && (
              <button type="button" className="button button--secondary" onClick={() => setDraft(EMPTY)}>
                Cancel
              </button>
            )}
          </span>
        </form>
      )}
      <p role="status" className="hint">
        {status}
      </p>
    </section>
  );
}
