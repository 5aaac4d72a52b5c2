import { useEffect, useRef, useState } from 'react';

const SAVE_AFTER_MS = 800;

/**
 * A text field's draft that saves itself: after a pause in typing and when the field loses focus. The saved value
 * comes back from main, so the draft follows it whenever the person is not mid-edit.
 */
export function useSavedText(saved: string, save: (value: string) => Promise<boolean>) {
  const [draft, setDraft] = useState(saved);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const editing = useRef(false);
  const latest = useRef(draft);
  latest.current = draft;

  useEffect(() => {
    if (!editing.current) setDraft(saved);
  }, [saved]);
  useEffect(() => () => clearTimeout(timer.current), []);

  const flush = () => {
    clearTimeout(timer.current);
    editing.current = false;
    if (latest.current !== saved) void save(latest.current);
  };
  const change = (value: string) => {
    editing.current = true;
    setDraft(value);
    clearTimeout(timer.current);
    timer.current = setTimeout(flush, SAVE_AFTER_MS);
  };
  return { draft, change, flush };
}
