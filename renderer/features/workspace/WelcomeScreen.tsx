import { useMemo, useState, type FormEvent } from 'react';
import { api } from '../../api/call';
import { useAppStore } from '../../state/app-store';

/** Opens a workspace folder from disk: the system's folder picker in the app, a typed path in a browser. */
function OpenWorkspace() {
  const openWorkspace = useAppStore((s) => s.openWorkspace);
  const busy = useAppStore((s) => s.busy);
  const [typing, setTyping] = useState(false);
  const [path, setPath] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const choose = async () => {
    const chosen = await api().chooseWorkspaceFolder();
    if (chosen === 'unsupported') setTyping(true);
    else if (chosen) await openWorkspace(chosen);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!path.trim()) {
      setProblem('Enter the path of a workspace folder (its name ends in .sendpack)');
      return;
    }
    setProblem(null);
    void openWorkspace(path.trim());
  };
  return (
    <section aria-labelledby="open-heading">
      <h2 id="open-heading">Open a workspace</h2>
      <p>
        A colleague's workspace, one restored from a backup, or one you keep on a shared drive: a folder whose name ends
        in .sendpack.
      </p>
      {!typing && (
        <button type="button" className="button button--secondary" disabled={busy} onClick={() => void choose()}>
          Open a workspace…
        </button>
      )}
      {typing && (
        <form onSubmit={submit} noValidate className={`form-group${problem ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="open-path">
            Workspace folder
          </label>
          <p className="hint" id="open-path-hint">
            Paste its full path, for example {'C:\\Users\\you\\Documents\\Northshire.sendpack'}
          </p>
          {problem && (
            <p className="error-message" id="open-path-error">
              {problem}
            </p>
          )}
          <div className="search-form__row">
            <input
              id="open-path"
              className="input"
              value={path}
              autoFocus
              onChange={(e) => setPath(e.target.value)}
              aria-describedby={`open-path-hint${problem ? ' open-path-error' : ''}`}
            />
            <button type="submit" className="button" disabled={busy}>
              Open
            </button>
          </div>
        </form>
      )}
    </section>
  );
}

export function WelcomeScreen() {
  const authorities = useAppStore((s) => s.authorities);
  const recent = useAppStore((s) => s.recent);
  const createWorkspace = useAppStore((s) => s.createWorkspace);
  const openWorkspace = useAppStore((s) => s.openWorkspace);
  const openSample = useAppStore((s) => s.openSample);
  const busy = useAppStore((s) => s.busy);
  const [areaName, setAreaName] = useState('');
  // The area name follows the chosen authority until the officer types a name of their own (however the authority
  // was chosen: by pointer, or by arrow keys and type-ahead, which fire a change per step).
  const [areaEdited, setAreaEdited] = useState(false);
  const [laCode, setLaCode] = useState('');
  const [problems, setProblems] = useState<{ areaName?: string; laCode?: string }>({});
  const sorted = useMemo(() => [...authorities].sort((a, b) => a.name.localeCompare(b.name)), [authorities]);

  const chooseAuthority = (code: string) => {
    setLaCode(code);
    const la = authorities.find((a) => a.oldCode === code);
    if (!areaEdited) setAreaName(la?.name ?? '');
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const found: typeof problems = {};
    if (!areaName.trim()) found.areaName = 'Enter the name of your local area partnership';
    if (!laCode) found.laCode = 'Choose your local authority';
    setProblems(found);
    if (Object.keys(found).length === 0) void createWorkspace(areaName.trim(), laCode);
  };

  return (
    <div className="narrow">
      <h1>Start your area's evidence pack</h1>
      <p className="lead">
        A workspace holds your area's checklist, evidence and data. It is saved on this computer as you work.
      </p>
      {recent.length > 0 && (
        <section aria-labelledby="recent-heading">
          <h2 id="recent-heading">Recent workspaces</h2>
          <ul className="recent-list">
            {recent.map((r) => (
              <li key={r.path}>
                <button
                  type="button"
                  className="link-button"
                  disabled={!r.exists || busy}
                  onClick={() => void openWorkspace(r.path)}
                >
                  {r.areaName}
                </button>
                <span className="hint"> {r.exists ? r.path : `${r.path} (missing)`}</span>
              </li>
            ))}
          </ul>
        </section>
      )}
      <form onSubmit={submit} noValidate aria-labelledby="create-heading">
        <h2 id="create-heading">Create a workspace</h2>
        <div className={`form-group${problems.laCode ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="la-code">
            Local authority
          </label>
          <p className="hint" id="la-code-hint">
            The list shows each authority with its DfE LA code.
          </p>
          {problems.laCode && (
            <p className="error-message" id="la-code-error">
              {problems.laCode}
            </p>
          )}
          <select
            id="la-code"
            className="select"
            value={laCode}
            onChange={(e) => chooseAuthority(e.target.value)}
            aria-describedby={`la-code-hint${problems.laCode ? ' la-code-error' : ''}`}
          >
            <option value="">Choose…</option>
            {sorted.map((la) => (
              <option key={la.oldCode} value={la.oldCode}>
                {la.name} ({la.oldCode}, {la.newCode})
              </option>
            ))}
          </select>
        </div>
        <div className={`form-group${problems.areaName ? ' form-group--error' : ''}`}>
          <label className="label" htmlFor="area-name">
            Area name
          </label>
          <p className="hint" id="area-name-hint">
            How the pack names your local area partnership.
          </p>
          {problems.areaName && (
            <p className="error-message" id="area-name-error">
              {problems.areaName}
            </p>
          )}
          <input
            id="area-name"
            className="input"
            value={areaName}
            onChange={(e) => {
              setAreaName(e.target.value);
              setAreaEdited(e.target.value.trim() !== '');
            }}
            aria-describedby={`area-name-hint${problems.areaName ? ' area-name-error' : ''}`}
          />
        </div>
        <button type="submit" className="button" disabled={busy}>
          Create workspace
        </button>
      </form>
      <section aria-labelledby="sample-heading">
        <h2 id="sample-heading">Explore a sample area</h2>
        <p>
          Kestrelmouth is a fictional area with a full checklist, evidence files and five years of figures, so you can
          see what a finished pack looks like before you start your own. You get one copy of it, kept for you to come
          back to.
        </p>
        <div className="button-row">
          <button type="button" className="button button--secondary" disabled={busy} onClick={() => void openSample()}>
            Explore the sample area
          </button>
          {recent.some((r) => r.exists && /Kestrelmouth sample\.sendpack$/.test(r.path)) && (
            <button type="button" className="link-button" disabled={busy} onClick={() => void openSample(true)}>
              Start the sample again from fresh
            </button>
          )}
        </div>
      </section>
      <OpenWorkspace />
    </div>
  );
}
