import { useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import type { ChecklistItem } from '../../../shared/api/contract';
import {
  applyTextEdit,
  continueList,
  cycleHeading,
  insertEvidence,
  insertLink,
  toggleBold,
  toggleItalic,
  toggleList,
  type TextEdit,
} from '../../../shared/domain/narrative/edits';
import { useAppStore } from '../../state/app-store';
import { NarrativePreview, type CitableFile } from './NarrativePreview';
import { useApiQuery } from '../../state/use-api-query';
import { useSavedText } from '../../ui/use-saved-text';
import './narrative-editor.css';
import { showDirectionControls } from '../../../shared/domain/xml-text';

type Edit = (text: string, start: number, end: number) => TextEdit;

const TOOLS: { id: string; label: string; keys?: string; edit: Edit }[] = [
  { id: 'heading', label: 'Heading', edit: cycleHeading },
  { id: 'bold', label: 'Bold', keys: 'Control+B', edit: toggleBold },
  { id: 'link', label: 'Link', keys: 'Control+K', edit: insertLink },
  { id: 'bullets', label: 'Bulleted list', edit: (t, s, e) => toggleList(t, s, e, 'bullets') },
  { id: 'numbered', label: 'Numbered list', edit: (t, s, e) => toggleList(t, s, e, 'numbered') },
];
const SHORTCUTS: Record<string, Edit> = { b: toggleBold, i: toggleItalic, k: insertLink };

/**
 * An item's narrative: its Markdown source in a textarea, with a formatting toolbar (one tab stop, arrow keys
 * between its buttons), Ctrl/⌘+B, I and K, citations of the item's evidence files, a preview, and a status line
 * that says when it is saved. Saved as you type, through the same path as every other field of the item.
 */
export function NarrativeEditor({ item, readOnly }: { item: ChecklistItem; readOnly: boolean }) {
  const updateItem = useAppStore((s) => s.updateItem);
  const error = useAppStore((s) => s.itemErrors[item.id]);
  const [saving, setSaving] = useState(0);
  const [touched, setTouched] = useState(false);
  const narrative = useSavedText(item.note, async (value) => {
    setSaving((n) => n + 1);
    try {
      return await updateItem(item.id, { note: value });
    } finally {
      setSaving((n) => n - 1);
    }
  });
  const locked = readOnly || item.status === 'approved';
  const files = useApiQuery('attachments.list', { itemId: item.id });
  const current = (files.data?.attachments ?? []).filter((a) => a.state === 'current');
  const citable = useMemo(
    () =>
      new Map<number, CitableFile>(
        (files.data?.attachments ?? [])
          .filter((a) => a.state === 'current' || a.state === 'binned')
          .map((a) => [a.chainId, { title: a.title, binned: a.state === 'binned' }]),
      ),
    [files.data],
  );

  const textarea = useRef<HTMLTextAreaElement>(null);
  const pendingSelection = useRef<[number, number] | null>(null);
  const tools = useRef<(HTMLButtonElement | null)[]>([]);
  const [activeTool, setActiveTool] = useState(0);
  const [preview, setPreview] = useState(false);
  const [picking, setPicking] = useState(false);
  const [chosen, setChosen] = useState('');
  const base = `item-${item.id}`;

  useLayoutEffect(() => {
    const selection = pendingSelection.current;
    if (selection && textarea.current) textarea.current.setSelectionRange(...selection);
    pendingSelection.current = null;
  });

  const change = (value: string) => {
    setTouched(true);
    narrative.change(value);
  };

  /** One toolbar action on the textarea: a single undoable insertion where the browser allows it. */
  const apply = (edit: Edit) => {
    const el = textarea.current;
    if (!el || locked) return;
    const e = edit(el.value, el.selectionStart, el.selectionEnd);
    const expected = applyTextEdit(el.value, e);
    el.focus();
    el.setSelectionRange(e.start, e.end);
    let inserted = false;
    try {
      inserted = document.execCommand('insertText', false, e.insert);
    } catch {
      inserted = false;
    }
    if (inserted && el.value === expected) {
      el.setSelectionRange(e.selectionStart, e.selectionEnd);
    } else {
      pendingSelection.current = [e.selectionStart, e.selectionEnd];
      change(expected);
    }
  };

  const onTextKey = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (
      event.key === 'Enter' &&
      !event.shiftKey &&
      !event.ctrlKey &&
      !event.metaKey &&
      !event.altKey &&
      !locked &&
      !event.nativeEvent.isComposing
    ) {
      const el = event.currentTarget;
      if (continueList(el.value, el.selectionStart, el.selectionEnd)) {
        event.preventDefault();
        apply((t, s, e) => continueList(t, s, e)!);
      }
      return;
    }
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || locked) return;
    const edit = SHORTCUTS[event.key.toLowerCase()];
    if (!edit) return;
    event.preventDefault();
    apply(edit);
  };

  const toolCount = locked ? 1 : TOOLS.length + 2;
  const onToolbarKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: activeTool + 1,
      ArrowLeft: activeTool - 1,
      Home: 0,
      End: toolCount - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + toolCount) % toolCount;
    setActiveTool(index);
    tools.current[index]?.focus();
  };
  const toolProps = (index: number) => ({
    ref: (el: HTMLButtonElement | null) => {
      tools.current[index] = el;
    },
    type: 'button' as const,
    className: 'narrative-editor__tool',
    tabIndex: index === activeTool ? 0 : -1,
    onFocus: () => setActiveTool(index),
  });

  const closePicker = () => {
    setPicking(false);
    tools.current[TOOLS.length]?.focus();
  };
  const cite = () => {
    const fileId = Number(chosen || current[0]?.chainId);
    if (!fileId) return;
    setPicking(false);
    apply((t, s, e) => insertEvidence(t, s, e, fileId));
  };

  const status = error
    ? `Not saved: ${error}`
    : saving > 0 || narrative.draft !== item.note
      ? 'Saving\u2026'
      : touched
        ? 'Saved'
        : '';

  return (
    // No accessible name on the section: the textarea alone is labelled "Narrative of …".
    <section className="narrative-editor">
      <h2>
        <label htmlFor={`${base}-note`}>
          Narrative (in the pack)<span className="visually-hidden"> of {item.title}</span>
        </label>
      </h2>
      <p className="hint" id={`${base}-note-hint`}>
        {locked ? (
          readOnly ? (
            'This workspace is open read-only.'
          ) : (
            'Approved items are locked: reopen it above to change the narrative.'
          )
        ) : (
          <>
            Printed word for word in the evidence pack: keep reminders in your private note below. Use the buttons for
            headings, bold, lists, links and evidence references; in a list, Enter starts the next item and Enter on an
            empty item ends the list. Ctrl+B bold, Ctrl+I italic, Ctrl+K link (typing <code>- </code> or{' '}
            <code>1. </code> starts a list too). Saved as you type.
          </>
        )}
      </p>
      <div
        className="narrative-editor__toolbar"
        role="toolbar"
        aria-label={`Formatting for the narrative of ${item.title}`}
        aria-controls={`${base}-note`}
        onKeyDown={onToolbarKey}
      >
        {!locked &&
          TOOLS.map((tool, index) => (
            <button key={tool.id} {...toolProps(index)} aria-keyshortcuts={tool.keys} onClick={() => apply(tool.edit)}>
              {tool.id === 'bold' ? <strong>{tool.label}</strong> : tool.label}
            </button>
          ))}
        {!locked && (
          <button
            {...toolProps(TOOLS.length)}
            aria-expanded={picking}
            aria-controls={`${base}-cite`}
            onClick={() => {
              setChosen('');
              setPicking(!picking);
            }}
          >
            Insert evidence reference
          </button>
        )}
        <button
          {...toolProps(locked ? 0 : TOOLS.length + 1)}
          aria-pressed={preview}
          onClick={() => setPreview(!preview)}
        >
          Preview
        </button>
      </div>
      {picking && (
        <div
          className="narrative-editor__picker"
          id={`${base}-cite`}
          role="group"
          aria-label="Insert an evidence reference"
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              closePicker();
            }
          }}
        >
          {current.length === 0 ? (
            <p className="hint">
              This item has no evidence files yet. Add them under Evidence files, then cite them here.
            </p>
          ) : (
            <div className="form-group">
              <label className="label label--small" htmlFor={`${base}-cite-file`}>
                Evidence file
              </label>
              <select
                id={`${base}-cite-file`}
                className="select"
                autoFocus
                value={chosen || String(current[0]!.chainId)}
                onChange={(e) => setChosen(e.target.value)}
              >
                {current.map((a) => (
                  <option key={a.chainId} value={a.chainId}>
                    {a.title} ({showDirectionControls(a.fileName)}) [[evidence:{a.chainId}]]
                  </option>
                ))}
              </select>
            </div>
          )}
          <div className="button-row">
            {current.length > 0 && (
              <button type="button" className="button" onClick={cite}>
                Insert reference
              </button>
            )}
            <button
              type="button"
              className="button button--secondary"
              autoFocus={current.length === 0}
              onClick={closePicker}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      <textarea
        id={`${base}-note`}
        ref={textarea}
        className="textarea narrative-editor__text"
        rows={12}
        value={narrative.draft}
        readOnly={locked}
        aria-describedby={`${base}-note-hint`}
        spellCheck
        onChange={(e) => change(e.target.value)}
        onBlur={narrative.flush}
        onKeyDown={onTextKey}
      />
      {/* Saves are announced once, by the app's live region ("Saved note of …"); only a failure interrupts. */}
      <p
        className={`narrative-editor__status${error ? ' narrative-editor__status--error' : ''}`}
        role={error ? 'alert' : undefined}
      >
        {status}
      </p>
      {preview && (
        <div className="narrative-preview" role="region" aria-label={`Preview of the narrative of ${item.title}`}>
          <NarrativePreview source={narrative.draft} files={citable} />
          <p className="hint narrative-preview__note">
            In the pack each evidence reference becomes the file&rsquo;s number in the evidence index (E001, E002…) and
            its title.
          </p>
        </div>
      )}
    </section>
  );
}
