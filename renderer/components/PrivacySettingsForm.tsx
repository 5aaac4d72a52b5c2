import { useEffect, useState, type FormEvent } from 'react';
import { call } from '../api/call';
import { useLoaded } from './use-loaded';

/** The small-number threshold and the council's own case-reference formats; every change is audited. */
export function PrivacySettingsForm({ readOnly }: { readOnly: boolean }) {
  const { data, reload } = useLoaded(() => call('privacy.settings', {}));
  const [threshold, setThreshold] = useState('');
  const [patterns, setPatterns] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (data) { setThreshold(String(data.smallNumberThreshold)); setPatterns(data.casePatterns.join('\n')); }
  }, [data]);
  const save = async (event: FormEvent) => {
    event.preventDefault();
    const n = Number(threshold);
    if (!Number.isInteger(n) || n < 1) { setProblem('The threshold must be a whole number, 1 or more'); return; }
    try {
      await call('privacy.saveSettings', { smallNumberThreshold: n, casePatterns: patterns.split('\n').map((p) => p.trim()).filter(Boolean) });
      setProblem(null);
      setStatus('Saved.');
      reload();
    } catch (e) { setProblem((e as Error).message); }
  };
  if (!data) return null;
  return (
    <section aria-labelledby="privacy-settings-heading">
      <h2 id="privacy-settings-heading">Personal data</h2>
      <form onSubmit={(e) => void save(e)} noValidate className="panel">
        {problem && <p className="error-message" role="alert">{problem}</p>}
        <div className="form-group">
          <label className="label" htmlFor="small-threshold">Small numbers</label>
          <p className="hint" id="small-threshold-hint">Counts below this, and percentages of them, print as "fewer than N" in the pack.</p>
          <input id="small-threshold" className="input input--time" inputMode="numeric" value={threshold} disabled={readOnly}
            aria-describedby="small-threshold-hint" onChange={(e) => setThreshold(e.target.value)} />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="case-patterns">Your case-reference formats</label>
          <p className="hint" id="case-patterns-hint">One regular expression a line, e.g. <code>\bCR-\d{'{6}'}\b</code>. The privacy check flags any match.</p>
          <textarea id="case-patterns" className="textarea" rows={3} value={patterns} disabled={readOnly}
            aria-describedby="case-patterns-hint" onChange={(e) => setPatterns(e.target.value)} />
        </div>
        {!readOnly && <button type="submit" className="button button--secondary">Save</button>}
        <p role="status" className="hint">{status}</p>
      </form>
    </section>
  );
}
