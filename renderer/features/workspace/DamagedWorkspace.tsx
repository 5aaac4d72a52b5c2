import { useAppStore } from '../../state/app-store';

/** Shown when a workspace fails its checks on opening: nothing has been overwritten, and a backup is offered. */
export function DamagedWorkspace() {
  const damaged = useAppStore((s) => s.damaged);
  const restoreLatest = useAppStore((s) => s.restoreLatest);
  const busy = useAppStore((s) => s.busy);
  if (!damaged) return null;
  return (
    <div className="notification notification--warning" role="alert">
      <h2 className="notification__title">This workspace's database is damaged</h2>
      <p>{damaged.problem}</p>
      <p>Nothing has been changed or overwritten.</p>
      {damaged.latestGood ? (
        <>
          <p>
            The newest good backup is <strong>{damaged.latestGood}</strong>. Restoring it keeps the damaged database in
            the backups folder, so nothing is lost.
          </p>
          <button type="button" className="button" disabled={busy} onClick={() => void restoreLatest()}>
            Restore the latest good backup
          </button>
        </>
      ) : (
        <p>No good backup was found in its backups folder. Ask your IT team to restore the folder from their copies.</p>
      )}
    </div>
  );
}
