import { useEffect, useRef } from 'react';
import { useAppStore } from '../state/app-store';

/** The page-level error, announced and focused so keyboard and screen-reader users meet it at once. */
export function ErrorSummary() {
  const error = useAppStore((s) => s.error);
  const dismiss = useAppStore((s) => s.dismissError);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (error) ref.current?.focus();
  }, [error]);
  if (!error) return null;
  return (
    <div className="error-summary" role="alert" tabIndex={-1} ref={ref}>
      <h2 className="error-summary__title">There is a problem</h2>
      <p>{error}</p>
      <button type="button" className="button button--secondary" onClick={dismiss}>
        Dismiss
      </button>
    </div>
  );
}
