import { useMemo, type ReactNode } from 'react';
import type { NarrativeInline } from '../../../shared/domain/narrative/ast';
import { parseNarrative } from '../../../shared/domain/narrative/parse';

/** What the preview knows of a cited file: its title, and whether it is current (binned files are not in the pack). */
export interface CitableFile {
  title: string;
  binned: boolean;
}

function inlines(list: readonly NarrativeInline[], files: ReadonlyMap<number, CitableFile>): ReactNode[] {
  return list.map((inline, i) => {
    switch (inline.kind) {
      case 'text':
        return inline.text;
      case 'bold':
        return <strong key={i}>{inlines(inline.children, files)}</strong>;
      case 'italic':
        return <em key={i}>{inlines(inline.children, files)}</em>;
      // Only http, https and mailto addresses get here (the parser refuses the rest); they open outside the app.
      case 'link':
        return (
          <a key={i} href={inline.href} target="_blank" rel="noreferrer">
            {inlines(inline.children, files)}
          </a>
        );
      case 'evidence': {
        const file = files.get(inline.fileId);
        if (!file || file.binned) {
          return (
            <span key={i} className="narrative-ref narrative-ref--missing">
              {inline.source} ({file ? 'in the bin: not in the pack' : 'not one of this item\u2019s files'})
            </span>
          );
        }
        return (
          <span key={i} className="narrative-ref">
            <strong>Evidence</strong> ({file.title})
          </span>
        );
      }
    }
  });
}

/**
 * The narrative as the pack will set it out, built from the parsed tree as React elements (never as HTML). Headings
 * sit below the page's own: "## " as h3 and "### " as h4, never skipping a level, as in the pack.
 */
export function NarrativePreview({ source, files }: { source: string; files: ReadonlyMap<number, CitableFile> }) {
  const blocks = useMemo(() => parseNarrative(source), [source]);
  if (blocks.length === 0) return <p className="hint">Nothing written yet.</p>;
  let previous = 2;
  return (
    <>
      {blocks.map((block, i) => {
        switch (block.kind) {
          case 'heading': {
            const level = Math.min(block.level + 2, previous + 1);
            previous = level;
            return level === 3 ? (
              <h3 key={i}>{inlines(block.children, files)}</h3>
            ) : (
              <h4 key={i}>{inlines(block.children, files)}</h4>
            );
          }
          case 'paragraph':
            return <p key={i}>{inlines(block.children, files)}</p>;
          case 'bullets':
            return (
              <ul key={i}>
                {block.items.map((item, j) => (
                  <li key={j}>{inlines(item, files)}</li>
                ))}
              </ul>
            );
          case 'numbered':
            return (
              <ol key={i} start={block.start}>
                {block.items.map((item, j) => (
                  <li key={j}>{inlines(item, files)}</li>
                ))}
              </ol>
            );
        }
      })}
    </>
  );
}
