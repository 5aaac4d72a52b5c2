import { useEffect, useId, useRef, type ReactNode } from 'react';

/**
 * A modal question before a change that locks, moves or cannot be undone by a slip: a real <dialog> (focus kept
 * inside, Escape cancels), its heading naming the change and its confirm button saying exactly what happens.
 */
export function ConfirmDialog({
  title,
  children,
  confirmLabel,
  onConfirm,
  onCancel,
  confirmDisabled,
  busy,
  warning,
  problem,
}: {
  title: string;
  children: ReactNode;
  confirmLabel: string | null;
  onConfirm(): void;
  onCancel(): void;
  confirmDisabled?: boolean;
  busy?: boolean;
  warning?: boolean;
  problem?: string | null;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const cancel = useRef<HTMLButtonElement>(null);
  const headingId = useId();
  useEffect(() => {
    const dialog = ref.current;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (dialog && !dialog.open) dialog.showModal();
    // Focus starts on Cancel, or on the first field where the step asks for words: a stray Enter changes nothing.
    const field = dialog?.querySelector<HTMLElement>('textarea, input');
    (field ?? cancel.current)?.focus();
    // A dialog opened by Enter in a field (a date typed, then Enter) gets that key's keypress and keyup too: on the
    // button focus has just moved to, they would press it and the question would vanish unanswered. Only a key that
    // went down inside the dialog may act in it.
    let keyDownInside = false;
    const markInside = () => {
      keyDownInside = true;
    };
    const swallowStray = (event: KeyboardEvent) => {
      if (keyDownInside) return;
      event.preventDefault();
      event.stopPropagation();
    };
    dialog?.addEventListener('keydown', markInside, true);
    dialog?.addEventListener('keypress', swallowStray, true);
    dialog?.addEventListener('keyup', swallowStray, true);
    return () => {
      dialog?.removeEventListener('keydown', markInside, true);
      dialog?.removeEventListener('keypress', swallowStray, true);
      dialog?.removeEventListener('keyup', swallowStray, true);
      if (dialog?.open) dialog.close();
      // Removed from the page, the dialog cannot hand focus back itself: back to the button that opened it, if it is
      // still there and nothing else took focus.
      requestAnimationFrame(() => {
        if ((document.activeElement === document.body || !document.activeElement) && opener?.isConnected)
          opener.focus();
      });
    };
  }, []);
  return (
    <dialog
      ref={ref}
      className="dialog"
      aria-labelledby={headingId}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
    >
      <h2 id={headingId} className="dialog__title">
        {title}
      </h2>
      <div className="dialog__body">{children}</div>
      {problem && (
        <p className="error-message" role="alert">
          {problem}
        </p>
      )}
      <div className="button-row">
        {confirmLabel && (
          <button
            type="button"
            className={`button${warning ? ' button--warning' : ''}`}
            disabled={confirmDisabled || busy}
            onClick={onConfirm}
          >
            {confirmLabel}
          </button>
        )}
        <button ref={cancel} type="button" className="button button--secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </dialog>
  );
}
