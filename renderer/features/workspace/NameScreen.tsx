import { useState, type FormEvent } from 'react';
import { useAppStore } from '../../state/app-store';

export function NameScreen() {
  const setUserName = useAppStore((s) => s.setUserName);
  const busy = useAppStore((s) => s.busy);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!name.trim()) {
      setProblem('Enter your name');
      return;
    }
    setProblem(null);
    void setUserName(name.trim());
  };
  return (
    <form onSubmit={submit} noValidate className="narrow">
      <h1>Welcome to SEND Evidence Pack</h1>
      <p className="lead">
        Before you start, tell us who you are. Your name is recorded with every change you make, so colleagues can see
        who did what. It stays on this computer.
      </p>
      <div className={`form-group${problem ? ' form-group--error' : ''}`}>
        <label className="label" htmlFor="user-name">
          Your name
        </label>
        {problem && (
          <p className="error-message" id="user-name-error">
            {problem}
          </p>
        )}
        <input
          id="user-name"
          className="input"
          autoComplete="name"
          value={name}
          autoFocus
          aria-describedby={problem ? 'user-name-error' : undefined}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <button type="submit" className="button" disabled={busy}>
        Continue
      </button>
    </form>
  );
}
