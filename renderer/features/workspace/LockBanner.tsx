import { useState } from 'react';
import type { WorkspaceSession } from '../../../shared/api/contract';
import { useAppStore } from '../../state/app-store';

export function LockBanner({ session }: { session: WorkspaceSession }) {
  const breakLock = useAppStore((s) => s.breakLock);
  const [confirming, setConfirming] = useState(false);
  const gone = session.lockTakenOverFrom;
  if (!session.readOnly && gone) {
    return (
      <div className="notification" role="status" aria-labelledby="lock-title">
        <h2 id="lock-title" className="notification__title">
          Taken over from {gone.user}
        </h2>
        <p>
          {gone.user} had this workspace open on {gone.host}, and that app is no longer running, so it was taken over.
          Anything it was doing when it stopped was not finished. The take-over is in the audit trail.
        </p>
      </div>
    );
  }
  if (!session.readOnly || !session.lockedBy) return null;
  const who = session.lockedBy;
  return (
    <div className="notification" role="region" aria-labelledby="lock-title">
      <h2 id="lock-title" className="notification__title">
        Read-only: {who.user} has this workspace open
      </h2>
      <p>
        {who.user} opened it on {who.host} at {new Date(who.since).toLocaleString('en-GB')}. You can look, but changes
        are turned off so that nothing either of you saves is lost.
      </p>
      {session.lockIsStale && !confirming && (
        <button type="button" className="button button--secondary" onClick={() => setConfirming(true)}>
          Take over the workspace…
        </button>
      )}
      {confirming && (
        <div className="confirm">
          <p>
            <strong>Only take over if {who.user} is no longer using it</strong> (for example, their computer crashed).
            If they are still working in it, their next changes could conflict with yours.
          </p>
          <button type="button" className="button button--warning" onClick={() => void breakLock()}>
            Yes, take over
          </button>{' '}
          <button type="button" className="button button--secondary" onClick={() => setConfirming(false)}>
            Cancel
          </button>
        </div>
      )}
    </div>
  );
}
