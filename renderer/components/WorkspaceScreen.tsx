import { useAppStore, type View } from '../state/app-store';
import { ChecklistScreen } from './ChecklistScreen';
import { DashboardScreen } from './DashboardScreen';
import { ItemScreen } from './ItemScreen';
import { SearchScreen } from './SearchScreen';
import { AuditScreen } from './AuditScreen';
import { SettingsScreen } from './SettingsScreen';
import { DataScreen } from './DataScreen';
import { BuildScreen } from './BuildScreen';
import { PrivacyScreen } from './PrivacyScreen';
import { LockBanner } from './LockBanner';

const NAV: { view: View; label: string }[] = [
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'checklist', label: 'Checklist' },
  { view: 'data', label: 'Data' },
  { view: 'privacy', label: 'Privacy check' },
  { view: 'build', label: 'Build pack' },
  { view: 'search', label: 'Search' },
  { view: 'audit', label: 'Audit trail' },
  { view: 'settings', label: 'Settings' },
];

export function WorkspaceScreen() {
  const session = useAppStore((s) => s.session);
  const view = useAppStore((s) => s.view);
  const showView = useAppStore((s) => s.showView);
  const closeWorkspace = useAppStore((s) => s.closeWorkspace);
  const warnings = useAppStore((s) => s.warnings);
  if (!session) return null;
  const current = view === 'item' ? 'checklist' : view;
  return (
    <>
      <div className="workspace-bar">
        <div>
          <span className="caption">Workspace</span>
          <p className="workspace-bar__title">{session.areaName}{session.laCode ? ` (LA ${session.laCode})` : ''}</p>
        </div>
        <button type="button" className="button button--secondary" onClick={() => void closeWorkspace()}>Close workspace</button>
      </div>
      <nav className="workspace-nav" aria-label="Workspace">
        <ul>
          {NAV.map((n) => (
            <li key={n.view}>
              <button type="button" className="workspace-nav__link" aria-current={current === n.view ? 'page' : undefined}
                onClick={() => showView(n.view)}>{n.label}</button>
            </li>
          ))}
        </ul>
      </nav>
      {warnings.map((w) => <p key={w} className="inset-text">{w}</p>)}
      <LockBanner session={session} />
      {view === 'dashboard' && <DashboardScreen />}
      {view === 'checklist' && <ChecklistScreen />}
      {view === 'item' && <ItemScreen />}
      {view === 'data' && <DataScreen />}
      {view === 'privacy' && <PrivacyScreen />}
      {view === 'build' && <BuildScreen />}
      {view === 'search' && <SearchScreen />}
      {view === 'audit' && <AuditScreen />}
      {view === 'settings' && <SettingsScreen />}
    </>
  );
}
