import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal question before a change that locks, moves or cannot be undone by a slip: a real <dialog> (focus kept
 * inside, Escape cancels), its heading naming the change and its confirm button saying exactly what happens.
 */
export function ConfirmDialog({ title, children, confirmLabel, onConfirm, onCancel, confirmDisabled, busy, warning, problem }: {
  title: string; children: ReactNode; confirmLabel: string | null; onConfirm(): void; onCancel(): void;
  confirmDisabled?: boolean; busy?: boolean; warning?: boolean; problem?: string | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    if (dialog && !dialog.open) dialog.showModal();
    return () => { if (dialog?.open) dialog.close(); };
  }, []);
  return (
    <dialog ref={ref} className="dialog" aria-labelledby={headingId}
      onCancel={(e) => { e.preventDefault(); onCancel(); }}>
      <h2 id={headingId} className="dialog__title">{title}</h2>
      <div className="dialog__body">{children}</div>
      {problem && <p className="error-message" role="alert">{problem}</p>}
      <div className="button-row">
        {confirmLabel && (
          <button type="button" className={`button${warning ? ' button--warning' : ''}`} disabled={confirmDisabled || busy}
            onClick={onConfirm}>{confirmLabel}</button>
        )}
        <button type="button" className="button button--secondary" autoFocus onClick={onCancel}>Cancel</button>
      </div>
    </dialog>
  );
}
