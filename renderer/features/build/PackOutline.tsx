import { useEffect, useMemo, useState } from 'react';
import type { Response } from '../../../shared/api/contract';
import { PACK_SECTIONS } from '../../../shared/api/contract';
import { useApiQuery } from '../../state/use-api-query';
import { SECTION_LABELS } from './pack-section-labels';
import type { PackKindId } from '../../../shared/domain/pack-kinds';

type Outline = Response<'pack.outline'>;
type SectionId = (typeof PACK_SECTIONS)[number];

export interface PackChoice {
  sections: SectionId[];
  approvedOnly: boolean;
  /** The items printed; null for the default (every item with a narrative or evidence). */
  items: string[] | null;
  kind: PackKindId;
}

/** How long the outline waits after the last change before asking main again (typing-speed clicks stay one request). */
const SETTLE_MS = 250;

/**
 * The value once it has stopped changing for `ms`, null until then: the first request waits too, so a build clicked
 * as the screen opens reaches main before the outline does (the browser host answers one call at a time, and a
 * cancel finds only a build that has started).
 */
function useSettled<T>(value: T, ms: number): T | null {
  const [settled, setSettled] = useState<T | null>(null);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

/**
 * The live outline of the pack the choices would build (sections, their headings, an estimate of the pages) and the
 * choice of checklist items it prints: by default those with a narrative or evidence; the rest go to the gaps table.
 */
export function PackOutline({ choice, onItems }: { choice: PackChoice; onItems: (items: string[] | null) => void }) {
  const settled = useSettled(choice, SETTLE_MS);
  const asked = settled ?? choice;
  const loaded = useApiQuery(
    'pack.outline',
    {
      sections: asked.sections,
      approvedOnly: asked.approvedOnly,
      kind: asked.kind,
      ...(asked.items ? { items: asked.items } : {}),
    },
    { enabled: settled !== null && settled.sections.length > 0 },
  );
  const outline = choice.sections.length > 0 ? loaded.data : null;
  const problem = loaded.error;

  const byArea = useMemo(() => {
    const groups = new Map<string, Outline['items']>();
    for (const item of outline?.items ?? []) groups.set(item.area, [...(groups.get(item.area) ?? []), item]);
    return [...groups.entries()];
  }, [outline]);
  const printed = outline?.items.filter((i) => i.printed).length ?? 0;
  const withContent = outline?.items.filter((i) => i.hasContent).length ?? 0;
  const toggle = (id: string, on: boolean) => {
    const current = choice.items ?? outline?.items.filter((i) => i.printed).map((i) => i.id) ?? [];
    onItems(on ? [...current, id] : current.filter((x) => x !== id));
  };

  return (
    <section aria-labelledby="outline-heading" className="outline">
      <h2 id="outline-heading">Outline of the pack</h2>
      {problem && <p className="error-message">{problem}</p>}
      {choice.sections.length === 0 && <p>Choose at least one section.</p>}
      {outline && (
        <>
          <p aria-live="polite" className="outline__total">
            About{' '}
            <strong>
              {outline.pages} {outline.pages === 1 ? 'page' : 'pages'}
            </strong>
            , printing {printed} of {outline.items.length} checklist items.
          </p>
          <ol className="outline__sections">
            {outline.sections.map((s) => (
              <li key={s.id}>
                {SECTION_LABELS[s.id]}
                <span className="hint">
                  {' '}
                  ({s.pages} {s.pages === 1 ? 'page' : 'pages'})
                </span>
                {s.id === 'areas' && (
                  <ul className="outline__headings">
                    {s.headings.map((h) => (
                      <li key={h}>{h}</li>
                    ))}
                  </ul>
                )}
              </li>
            ))}
          </ol>
          <details className="outline__items">
            <summary>
              Choose the items printed ({printed} chosen; {withContent} have a narrative or evidence)
            </summary>
            <p className="hint">
              Items not printed are listed in the gaps table with their status, owner and due date.
            </p>
            <p>
              <button type="button" className="link-button" onClick={() => onItems(null)}>
                Items with content (the default)
              </button>
              {' · '}
              <button type="button" className="link-button" onClick={() => onItems(outline.items.map((i) => i.id))}>
                Every item
              </button>
            </p>
            {byArea.map(([area, items]) => (
              <fieldset className="fieldset" key={area}>
                <legend className="label">{area}</legend>
                <div className="checkboxes">
                  {items.map((item) => (
                    <div className="checkbox" key={item.id}>
                      <input
                        id={`print-${item.id}`}
                        type="checkbox"
                        checked={choice.items ? choice.items.includes(item.id) : item.printed}
                        onChange={(e) => toggle(item.id, e.target.checked)}
                      />
                      <label htmlFor={`print-${item.id}`}>
                        {item.title}
                        {!item.hasContent && <span className="hint"> (nothing written or attached)</span>}
                      </label>
                    </div>
                  ))}
                </div>
              </fieldset>
            ))}
          </details>
        </>
      )}
    </section>
  );
}
