import { useAppStore } from '../state/app-store';
import { NameScreen } from '../features/workspace/NameScreen';
import { WelcomeScreen } from '../features/workspace/WelcomeScreen';
import { WorkspaceScreen } from '../features/workspace/WorkspaceScreen';
import { DamagedWorkspace } from '../features/workspace/DamagedWorkspace';
import { ErrorSummary } from './ErrorSummary';
import { HeaderStatus } from '../features/workspace/HeaderStatus';
import { SyncBar } from '../features/sync/SyncBar';
import { SHORTCUTS } from '../../shared/api/shortcuts';

export function App() {
  const screen = useAppStore((s) => s.screen);
  const userName = useAppStore((s) => s.userName);
  const announcement = useAppStore((s) => s.announcement);
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <div className="app-header__inner">
          <span className="app-header__title">SEND Evidence Pack</span>
          {screen === 'workspace' && <HeaderStatus />}
          {userName && (
            <span className="app-header__user">
              Signed in as <strong>{userName}</strong>
            </span>
          )}
        </div>
      </header>
      {screen === 'workspace' && <SyncBar />}
      <main id="main" className="page" tabIndex={-1}>
        <ErrorSummary />
        {screen === 'loading' && <p>Loading…</p>}
        {screen === 'no-connection' && (
          <>
            <h1>This page needs its access link</h1>
            <p>
              Open the address the app printed when it started (it ends with <code>#token=…</code>).
            </p>
          </>
        )}
        {screen === 'name' && <NameScreen />}
        {screen === 'welcome' && <DamagedWorkspace />}
        {screen === 'welcome' && <WelcomeScreen />}
        {screen === 'workspace' && <WorkspaceScreen />}
      </main>
      {screen === 'workspace' && (
        <footer className="app-footer">
          <p>
            Keyboard shortcuts:{' '}
            {SHORTCUTS.map((s, i) => (
              <span key={s.view}>
                {i > 0 && ' · '}
                <kbd>{s.label}</kbd> {s.does}
              </span>
            ))}
          </p>
        </footer>
      )}
      <div className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </>
  );
}
