import { useEffect, useState } from 'react';
import type { ChecklistItem } from '../../../shared/api/contract';
import { messageOf } from '../../state/errors';
import { write } from '../../state/write';
import { useSavedText } from '../../ui/use-saved-text';
import { formatDateTime } from '../../ui/dates';
import { useApiQuery } from '../../state/use-api-query';

/**
 * The officer's own private note on an item ("Chase … for the EP figures"): only its writer sees it, and it never
 * reaches the pack, the bundle, the tracker or an exported workspace. Saved as you type.
 */
export function PrivateNotePanel({ item, readOnly }: { item: ChecklistItem; readOnly: boolean }) {
  const loaded = useApiQuery('privateNotes.get', { itemId: item.id });
  const [saved, setSaved] = useState<{ note: string; updatedAt: string | null }>({ note: '', updatedAt: null });
  const [status, setStatus] = useState('');
  useEffect(() => {
    if (loaded.data) setSaved(loaded.data);
  }, [loaded.data]);
  const note = useSavedText(saved.note, async (value) => {
    try {
      const next = await write('privateNotes.save', { itemId: item.id, note: value });
      setSaved(next);
      setStatus('Saved');
      return true;
    } catch (e) {
      setStatus(`Not saved: ${messageOf(e)}`);
      return false;
    }
  });
  const id = `private-note-${item.id}`;
  // Until this officer's note has arrived the box stays read-only: typed into early, it would save over the note.
  const ready = loaded.data !== undefined;
  return (
    <section aria-labelledby={`${id}-heading`} className="private-note">
      <h2 id={`${id}-heading`}>Your private note</h2>
      <p className="hint" id={`${id}-hint`}>
        Only you see this. It is never in the pack, the share bundle, the tracker or an exported workspace: use it for
        reminders such as who to chase. {saved.updatedAt ? `Last saved ${formatDateTime(saved.updatedAt)}.` : ''}
      </p>
      <label className="visually-hidden" htmlFor={id}>
        Private note on {item.title} (only you see it)
      </label>
      <textarea
        id={id}
        className="textarea"
        rows={3}
        value={note.draft}
        readOnly={readOnly || !ready}
        aria-busy={ready ? undefined : true}
        aria-describedby={`${id}-hint`}
        onChange={(e) => note.change(e.target.value)}
        onBlur={note.flush}
      />
      <p className="hint" role="status">
        {note.draft !== saved.note ? 'Saving…' : status}
      </p>
    </section>
  );
}
