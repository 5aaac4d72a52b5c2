import { useEffect, useState, type FormEvent } from 'react';
import { write } from '../../state/write';
import { describeExample, exampleProblem } from '../../../shared/domain/privacy/case-reference-format';
import { useApiQuery } from '../../state/use-api-query';
import { useAction } from '../../state/use-action';

const lines = (text: string) =>
  text
    .split('\n')
    .map((p) => p.trim())
    .filter(Boolean);

/**
 * The small-number threshold, the council's case-reference formats (as examples) and the allow-list: the area's
 * published contacts and named staff, never flagged. Every change is audited.
 */
export function PrivacySettingsForm({ readOnly }: { readOnly: boolean }) {
  const { data } = useApiQuery('privacy.settings', {});
  const [threshold, setThreshold] = useState('');
  const [examples, setExamples] = useState('');
  const [contacts, setContacts] = useState('');
  const [staff, setStaff] = useState('');
  const { run, problem, setProblem } = useAction();
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (data) {
      setThreshold(String(data.smallNumberThreshold));
      setExamples(data.caseReferenceExamples.join('\n'));
      setContacts(data.publicContacts.join('\n'));
      setStaff(data.namedStaff.join('\n'));
    }
  }, [data]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(threshold);
    if (!Number.isInteger(n) || n < 1) {
      setProblem('The threshold must be a whole number, 1 or more');
      return;
    }
    const bad = lines(examples)
      .map((e) => [e, exampleProblem(e)] as const)
      .find(([, p]) => p);
    if (bad) {
      setProblem(`The example "${bad[0]}" ${bad[1]}`);
      return;
    }
    await run(async () => {
      await write('privacy.saveSettings', {
        smallNumberThreshold: n,
        caseReferenceExamples: lines(examples),
        publicContacts: lines(contacts),
        namedStaff: lines(staff),
      });
      setStatus('Saved.');
    });
  };
  if (!data) return null;
  const described = lines(examples).filter((e) => !exampleProblem(e));
  return (
    <section aria-labelledby="privacy-settings-heading">
      <h2 id="privacy-settings-heading">Personal data</h2>
      <form onSubmit={(e) => void save(e)} noValidate className="panel">
        {problem && (
          <p className="error-message" role="alert">
            {problem}
          </p>
        )}
        <div className="form-group">
          <label className="label" htmlFor="small-threshold">
            Small numbers
          </label>
          <p className="hint" id="small-threshold-hint">
            Counts below this, and percentages of them, print as "fewer than N" in the pack.
          </p>
          <input
            id="small-threshold"
            className="input input--time"
            inputMode="numeric"
            value={threshold}
            disabled={readOnly}
            aria-describedby="small-threshold-hint"
            onChange={(e) => setThreshold(e.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="case-examples">
            Your case-reference formats
          </label>
          <p className="hint" id="case-examples-hint">
            One example reference a line, as your systems write them, for example CR-123456. The privacy check flags
            anything of the same shape: the same letters and punctuation, the same number of digits.
          </p>
          <textarea
            id="case-examples"
            className="textarea"
            rows={3}
            value={examples}
            disabled={readOnly}
            aria-describedby="case-examples-hint case-examples-read"
            onChange={(e) => setExamples(e.target.value)}
          />
          <p className="hint" id="case-examples-read">
            {described.length > 0 ? `Flags: ${described.map(describeExample).join('; ')}.` : ''}
          </p>
          {data.unusablePatterns.length > 0 && (
            <div className="notification notification--warning">
              <p>
                These formats came from an earlier version or another workspace as expressions the app does not run,
                because they could make the check very slow. Enter them again as examples above:
              </p>
              <ul>
                {data.unusablePatterns.map((p) => (
                  <li key={p.pattern}>
                    <code>{p.pattern}</code>: {p.problem}
                  </li>
                ))}
              </ul>
            </div>
          )}
        </div>
        <div className="form-group">
          <label className="label" htmlFor="public-contacts">
            Your area's public contact details
          </label>
          <p className="hint" id="public-contacts-hint">
            Published phone numbers, mailboxes and office addresses (the SENDIASS helpline, the SEND team's mailbox),
            one a line. The privacy check never flags them.
          </p>
          <textarea
            id="public-contacts"
            className="textarea"
            rows={3}
            value={contacts}
            disabled={readOnly}
            aria-describedby="public-contacts-hint"
            onChange={(e) => setContacts(e.target.value)}
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="named-staff">
            Named staff
          </label>
          <p className="hint" id="named-staff-hint">
            People named in their public role (the board chair, the DCS, the DCO), one a line, for example Jane Hughes.
            The privacy check does not flag their names.
          </p>
          <textarea
            id="named-staff"
            className="textarea"
            rows={3}
            value={staff}
            disabled={readOnly}
            aria-describedby="named-staff-hint"
            onChange={(e) => setStaff(e.target.value)}
          />
        </div>
        {!readOnly && (
          <button type="submit" className="button button--secondary">
            Save personal data settings
          </button>
        )}
        <p role="status" className="hint">
          {status}
        </p>
      </form>
    </section>
  );
}
