import { useEffect, useRef, useState } from 'react';
import { call } from '../../api/call';
import { useAppStore } from '../../state/app-store';
import { REMOTE_CHANGE } from '../../state/query-keys';
import type { Response } from '../../../shared/api/contract';
import './sync.css';

type Status = Response<'sync.status'>;

/** How often the bar asks main how the sync stands (who is here, whether partners' changes arrived). */
const POLL_MS = 1500;

/**
 * Under the header while a workspace is shared: online or not, who else is working in it now and on which item
 * (each a link to that item), and "My items" (a view of the checklist: the items you own). Partners' changes reload
 * what the screens show as they arrive.
 */
export function SyncBar() {
  const [status, setStatus] = useState<Status | null>(null);
  const items = useAppStore((s) => s.items);
  const view = useAppStore((s) => s.view);
  const itemId = useAppStore((s) => s.itemId);
  const userName = useAppStore((s) => s.userName);
  const showView = useAppStore((s) => s.showView);
  const setFilter = useAppStore((s) => s.setFilter);
  const refresh = useAppStore((s) => s.refresh);
  const seen = useRef<number | null>(null);

  useEffect(() => {
    let stopped = false;
    const poll = async () => {
      try {
        const next = await call('sync.status', {});
        if (stopped) return;
        setStatus(next);
        if (seen.current !== null && next.revision !== seen.current) await refresh(REMOTE_CHANGE);
        seen.current = next.revision;
      } catch {
        /* the next poll tries again */
      }
    };
    void poll();
    const timer = setInterval(() => void poll(), POLL_MS);
    return () => {
      stopped = true;
      clearInterval(timer);
    };
  }, [refresh]);

  const working = view === 'item' ? itemId : null;
  const shared = status?.configured ?? false;
  // Presence is told only while the workspace is shared: a workspace on this computer alone has nobody to tell.
  useEffect(() => {
    if (shared) void call('sync.workingOn', { itemId: working }).catch(() => {});
  }, [working, shared]);

  if (!status?.configured) return null;
  const others = status.presence.filter((p) => !p.self);
  const title = (id: string | null) => (id ? (items.find((i) => i.id === id)?.title ?? id) : null);
  const mine = userName
    ? items.filter((i) => i.owner.trim().toLowerCase() === userName.trim().toLowerCase()).length
    : 0;
  return (
    <section className="sync-bar" aria-label="Working together">
      <p className="sync-bar__state">
        <span className={`sync-bar__dot${status.online ? ' sync-bar__dot--online' : ''}`} aria-hidden="true" />
        {status.lastError
          ? `Not syncing: ${status.lastError}`
          : status.online
            ? status.inStep
              ? 'Shared: up to date'
              : 'Shared: sending your changes…'
            : 'Shared: offline — your changes wait here and go when the server can be reached'}
      </p>
      <div className="sync-bar__people">
        <span className="sync-bar__label">
          {others.length === 0 ? 'Nobody else is working in it now.' : 'Working now:'}
        </span>
        <ul className="sync-bar__list">
          {others.map((p, index) => (
            <li key={`${p.name}-${index}`} className="sync-bar__person">
              <strong>{p.name}</strong>
              {p.itemId ? (
                <>
                  {' '}
                  on{' '}
                  <button type="button" className="link-button" onClick={() => showView('item', p.itemId!)}>
                    {title(p.itemId)}
                  </button>
                </>
              ) : (
                <> (looking around)</>
              )}
            </li>
          ))}
        </ul>
      </div>
      <button
        type="button"
        className="button button--secondary sync-bar__mine"
        onClick={() => {
          setFilter({ owner: userName ?? '' });
          showView('checklist');
        }}
      >
        My items ({mine})
      </button>
    </section>
  );
}
