/**
 * An item's narrative, parsed: the small Markdown subset officers write (see parse.ts) as blocks of inline content.
 * The pack turns it into Word paragraphs and the item page into a preview; both read only this tree.
 */

export type NarrativeInline =
  | { kind: 'text'; text: string }
  | { kind: 'bold'; children: NarrativeInline[] }
  | { kind: 'italic'; children: NarrativeInline[] }
  /** Only http, https and mailto addresses become links; the text holds no links or references. */
  | { kind: 'link'; href: string; children: NarrativeInline[] }
  /** `[[evidence:12]]`: the evidence file whose attachment chain id is 12, as written in `source`. */
  | { kind: 'evidence'; fileId: number; source: string };

export type NarrativeBlock =
  /** Level 1 from `## ` (or `# `), level 2 from `### ` and deeper: sub-headings of the item, never above it. */
  | { kind: 'heading'; level: 1 | 2; children: NarrativeInline[] }
  | { kind: 'paragraph'; children: NarrativeInline[] }
  | { kind: 'bullets'; items: NarrativeInline[][] }
  /** `start`: the number the list's first item was written with. */
  | { kind: 'numbered'; start: number; items: NarrativeInline[][] };

export type Narrative = NarrativeBlock[];

/** The text a reader sees in inline content (a link's text, not its address; a reference as written). */
export function inlineText(inlines: readonly NarrativeInline[]): string {
  return inlines
    .map((i) => {
      switch (i.kind) {
        case 'text':
          return i.text;
        case 'evidence':
          return i.source;
        default:
          return inlineText(i.children);
      }
    })
    .join('');
}

/** The evidence files a narrative cites, by attachment chain id, in order of first mention. */
export function evidenceIds(narrative: Narrative): number[] {
  const ids: number[] = [];
  const visit = (inlines: readonly NarrativeInline[]): void => {
    for (const i of inlines) {
      if (i.kind === 'evidence') {
        if (!ids.includes(i.fileId)) ids.push(i.fileId);
      } else if (i.kind !== 'text') visit(i.children);
    }
  };
  for (const block of narrative) {
    if (block.kind === 'heading' || block.kind === 'paragraph') visit(block.children);
    else block.items.forEach(visit);
  }
  return ids;
}
