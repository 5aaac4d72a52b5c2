import { useCallback, useEffect } from 'react';
import { useAppStore, type View } from '../../state/app-store';
import { shortcutFor, useShortcuts } from './use-shortcuts';
import { ChecklistScreen } from '../checklist/ChecklistScreen';
import { DashboardScreen } from '../dashboard/DashboardScreen';
import { ItemScreen } from '../item/ItemScreen';
import { SearchScreen } from '../search/SearchScreen';
import { AuditScreen } from '../audit/AuditScreen';
import { SettingsScreen } from '../settings/SettingsScreen';
import { DataScreen } from '../data/DataScreen';
import { BuildScreen } from '../build/BuildScreen';
import { SelfEvaluationScreen } from '../self-evaluation/SelfEvaluationScreen';
import { PrivacyScreen } from '../privacy/PrivacyScreen';
import { ListCheckScreen } from '../lists/ListCheckScreen';
import { LockBanner } from './LockBanner';
import { PlanScreen } from '../plan/PlanScreen';

const NAV: { view: View; label: string }[] = [
  { view: 'dashboard', label: 'Dashboard' },
  { view: 'checklist', label: 'Checklist' },
  { view: 'data', label: 'Data' },
  { view: 'lists', label: 'Annex A lists' },
  { view: 'self-evaluation', label: 'Self-evaluation' },
  { view: 'privacy', label: 'Privacy check' },
  { view: 'build', label: 'Build pack' },
  { view: 'plan', label: 'After the inspection' },
  { view: 'search', label: 'Search' },
  { view: 'audit', label: 'Audit trail' },
  { view: 'settings', label: 'Settings' },
];

/**
 * After a view change, focus moves to its heading so a screen reader announces where the officer now is. A view
 * that is still loading swaps its heading for the loaded one, so focus follows it until the view has settled.
 */
function useFocusHeadingOnViewChange(view: View, itemId: string | null): void {
  useEffect(() => {
    const main = document.getElementById('main');
    const active = document.activeElement;
    // A view that focuses its own field (search) keeps it.
    if (!main || (active && active !== document.body && main.contains(active) && !active.closest('.workspace-nav')))
      return undefined;
    let focused: HTMLElement | null = null;
    const focusHeading = () => {
      const heading = main.querySelector('h1');
      if (!heading) return;
      heading.setAttribute('tabindex', '-1');
      heading.focus({ preventScroll: true });
      focused = heading;
    };
    focusHeading();
    const observer = new MutationObserver(() => {
      if (
        focused &&
        !focused.isConnected &&
        (document.activeElement === document.body || document.activeElement === null)
      )
        focusHeading();
    });
    observer.observe(main, { childList: true, subtree: true });
    const settle = setTimeout(() => observer.disconnect(), 5000);
    return () => {
      observer.disconnect();
      clearTimeout(settle);
    };
  }, [view, itemId]);
}

export function WorkspaceScreen() {
  const session = useAppStore((s) => s.session);
  const view = useAppStore((s) => s.view);
  const itemId = useAppStore((s) => s.itemId);
  const showView = useAppStore((s) => s.showView);
  const warnings = useAppStore((s) => s.warnings);
  const open = useCallback((v: View) => showView(v), [showView]);
  useShortcuts(open, session !== null);
  useFocusHeadingOnViewChange(view, itemId);
  if (!session) return null;
  const current = view === 'item' ? 'checklist' : view;
  return (
    <>
      <nav className="workspace-nav" aria-label="Workspace">
        <ul>
          {NAV.map((n) => (
            <li key={n.view}>
              <button
                type="button"
                className="workspace-nav__link"
                aria-current={current === n.view ? 'page' : undefined}
                aria-keyshortcuts={shortcutFor(n.view)?.aria}
                onClick={() => showView(n.view)}
              >
                {n.label}
              </button>
            </li>
          ))}
        </ul>
      </nav>
      {warnings.map((w) => (
        <p key={w} className="inset-text">
          {w}
        </p>
      ))}
      <LockBanner session={session} />
      {view === 'dashboard' && <DashboardScreen />}
      {view === 'checklist' && <ChecklistScreen />}
      {view === 'item' && <ItemScreen />}
      {view === 'data' && <DataScreen />}
      {view === 'lists' && <ListCheckScreen />}
      {view === 'privacy' && <PrivacyScreen />}
      {view === 'build' && <BuildScreen />}
      {view === 'plan' && <PlanScreen />}
      {view === 'self-evaluation' && <SelfEvaluationScreen />}
      {view === 'search' && <SearchScreen />}
      {view === 'audit' && <AuditScreen />}
      {view === 'settings' && <SettingsScreen />}
    </>
  );
}
