import { useState, type FormEvent } from 'react';
import { write } from '../../state/write';
import { useApiQuery } from '../../state/use-api-query';
import { useAction } from '../../state/use-action';

/** The partnership's sync server and this officer's token: set here, the open workspace syncs continuously. */
export function SyncSettings() {
  const status = useApiQuery('sync.status', {});
  const [server, setServer] = useState('');
  const [token, setToken] = useState('');
  const [message, setMessage] = useState('');
  const { run, problem } = useAction();
  const save = (event: FormEvent) => {
    event.preventDefault();
    return run(async () => {
      const next = await write('sync.configure', { server: server.trim(), token: token.trim() });
      setMessage(
        next.lastError
          ? `Saved, but: ${next.lastError}`
          : `Connected as ${next.person?.name} (${next.person?.role}). This workspace now syncs with ${next.server}.`,
      );
      setToken('');
    });
  };
  const stop = () =>
    run(async () => {
      await write('sync.configure', { server: null });
      setMessage('This computer no longer syncs; your workspace stays as it is.');
    });
  return (
    <section aria-labelledby="sync-heading">
      <h2 id="sync-heading">Working together</h2>
      <form onSubmit={(e) => void save(e)} noValidate className="panel">
        <p className="hint">
          {status.data?.configured
            ? `Syncing with ${status.data.server} as ${status.data.person?.name ?? '…'}.`
            : 'Not syncing: this workspace is on this computer only.'}
        </p>
        {problem && (
          <p className="error-message" id="sync-error">
            {problem}
          </p>
        )}
        <div className="form-group">
          <label className="label" htmlFor="sync-server">
            Sync server
          </label>
          <p className="hint" id="sync-server-hint">
            The address your coordinator gave you, e.g. ws://192.168.1.20:4455 (wss:// when it uses TLS).
          </p>
          <input
            id="sync-server"
            className="input"
            value={server}
            onChange={(e) => setServer(e.target.value)}
            aria-describedby="sync-server-hint"
          />
        </div>
        <div className="form-group">
          <label className="label" htmlFor="sync-token">
            Your token
          </label>
          <p className="hint" id="sync-token-hint">
            Kept on this computer only, never in the workspace.
          </p>
          <input
            id="sync-token"
            className="input"
            type="password"
            autoComplete="off"
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby="sync-token-hint"
          />
        </div>
        <button type="submit" className="button">
          Connect
        </button>{' '}
        {status.data?.configured && (
          <button type="button" className="button button--secondary" onClick={() => void stop()}>
            Stop syncing
          </button>
        )}
        <p role="status" className="hint">
          {message}
        </p>
      </form>
    </section>
  );
}
