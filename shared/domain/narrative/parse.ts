import type { Narrative, NarrativeBlock, NarrativeInline } from './ast';
import { evidenceRefAt } from './evidence-ref';

/**
 * The narrative's stored form: plain text with a small Markdown subset, so that every note written before it still
 * reads the same (paragraphs split by blank lines, "- " bullets).
 *
 * Blocks, one per line or run of lines:
 *  - a blank line ends a paragraph; the other lines of a paragraph are joined with spaces;
 *  - `## Heading` and `### Subheading` (`####` and deeper count as subheadings; a single `#` is plain text);
 *  - `- item` (or `* item`, `• item`) for a bulleted list, `1. item` (or `1) item`, up to three digits) for a
 *    numbered list that counts on from the number its first item was written with. A line indented under an item
 *    continues it; other lines end the list. Blank lines between items of the same kind keep the list going.
 *    Lists do not nest.
 * Inline, inside any block:
 *  - `**bold**` and `*italic*` (the opening mark followed, and the closing mark preceded, by something other than a
 *    space; a mark with no partner stays as typed);
 *  - `[text](https://…)`: a link, for http, https and mailto addresses only (up to 2,000 characters, no spaces);
 *    anything else, javascript: included, stays as the text typed;
 *  - `[[evidence:12]]`: a citation of evidence file 12 (see evidence-ref.ts);
 *  - a backslash before a punctuation mark keeps the mark as text: `\*`, `\[`, `\#`, `1\.`.
 * Any text parses: the parser never throws, and every letter typed is kept (as text, a link's address or a citation).
 */
export function parseNarrative(source: string): Narrative {
  const blocks: NarrativeBlock[] = [];
  let paragraph: string[] | null = null;
  let list: { kind: 'bullets' | 'numbered'; start: number; items: string[]; blankSince: boolean } | null = null;

  const closeParagraph = () => {
    if (paragraph) blocks.push({ kind: 'paragraph', children: parseInline(paragraph.join(' ')) });
    paragraph = null;
  };
  const closeList = () => {
    if (list) {
      const items = list.items.map(parseInline);
      blocks.push(
        list.kind === 'bullets' ? { kind: 'bullets', items } : { kind: 'numbered', start: list.start, items },
      );
    }
    list = null;
  };

  for (const raw of source.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    if (!line) {
      closeParagraph();
      if (list) list.blankSince = true;
      continue;
    }
    const heading = HEADING.exec(line);
    if (heading) {
      closeParagraph();
      closeList();
      blocks.push({
        kind: 'heading',
        level: heading[1]!.length === 2 ? 1 : 2,
        children: parseInline(heading[2]!.trim()),
      });
      continue;
    }
    const bullet = BULLET.exec(line);
    const numbered = bullet ? null : NUMBERED.exec(line);
    if (bullet || numbered) {
      closeParagraph();
      const kind = bullet ? 'bullets' : 'numbered';
      if (list && list.kind !== kind) closeList();
      list ??= { kind, start: numbered ? Number(numbered[1]) : 1, items: [], blankSince: false };
      list.items.push(bullet ? bullet[1]! : numbered![2]!);
      list.blankSince = false;
      continue;
    }
    if (list && !list.blankSince && /^[ \t]/.test(raw)) {
      list.items[list.items.length - 1] += ` ${line}`; // an indented line continues the item above it
      continue;
    }
    closeList();
    (paragraph ??= []).push(line);
  }
  closeParagraph();
  closeList();
  return blocks;
}

const HEADING = /^(#{2,6})[ \t]+(.+)$/;
const BULLET = /^[-*\u2022][ \t]+(.+)$/;
const NUMBERED = /^(\d{1,3})[.)][ \t]+(.+)$/;

/** ASCII punctuation: what a backslash can keep as text. */
const PUNCTUATION = /[!-/:-@[-`{-~]/;
const SPACE = /\s/;
const isSpace = (c: string) => c <= ' ' || (c > '~' && SPACE.test(c));
const MAX_URL = 2000;
const ALLOWED_URL = /^(?:https?:\/\/[^\s/?#]+\S*|mailto:[^\s@]+@\S+)$/i;

/** Whether an address may become a link: http, https and mailto only. */
export function isAllowedLink(href: string): boolean {
  return href.length <= MAX_URL && ALLOWED_URL.test(href) && !/[\u0000-\u001f\u007f]/.test(href);
}

interface InlineContext {
  bold: boolean;
  italic: boolean;
  link: boolean;
}

/** The inline content of one block's text (its lines already joined). */
export function parseInline(text: string): NarrativeInline[] {
  const n = text.length;
  // 2: a backslash that escapes the next character (dropped); 1: a character kept as text because it is escaped.
  const escape = new Uint8Array(n);
  for (let i = 0; i + 1 < n; i++) {
    if (text[i] === '\\' && PUNCTUATION.test(text[i + 1]!)) {
      escape[i] = 2;
      escape[i + 1] = 1;
      i++;
    }
  }
  const star = (i: number, to: number) => i < to && text[i] === '*' && escape[i] === 0;
  const starRun = (i: number, to: number) => {
    let k = i;
    while (star(k, to)) k++;
    return k - i;
  };
  const opens = (i: number, to: number) => i < to && !isSpace(text[i]!);
  const closes = (i: number, from: number) => i > from && !isSpace(text[i - 1]!);
  let noParenAfter = Infinity; // no ")" from here on: no link can end

  /** The start of the `**` that closes bold content starting at `from`, or -1. A longer run closes with its last two. */
  const boldCloser = (from: number, to: number): number => {
    for (let k = from + 1; k < to;) {
      const run = starRun(k, to);
      if (run === 0) {
        k++;
        continue;
      }
      if (run >= 2 && closes(k, from)) return k + run - 2;
      k += run;
    }
    return -1;
  };
  /** The lone `*` that closes italic content starting at `from`, or -1 (runs of `**` belong to bold inside). */
  const italicCloser = (from: number, to: number): number => {
    for (let k = from + 1; k < to;) {
      const run = starRun(k, to);
      if (run === 0) {
        k++;
        continue;
      }
      if (run === 1 && closes(k, from)) return k;
      k += run;
    }
    return -1;
  };
  const linkAt = (i: number, to: number, context: InlineContext): { node: NarrativeInline; end: number } | null => {
    let close = -1;
    for (let k = i + 1; k < to; k++) {
      if (escape[k] !== 0) continue;
      if (text[k] === '[') return null; // the inner bracket may open a link of its own
      if (text[k] === ']') {
        close = k;
        break;
      }
    }
    if (close <= i + 1 || close + 1 >= to || text[close + 1] !== '(') return null;
    let depth = 0;
    const from = close + 2;
    if (noParenAfter <= from) return null;
    if (text.indexOf(')', from) < 0) {
      noParenAfter = from;
      return null;
    }
    for (let k = from; k < to && k - from <= MAX_URL; k++) {
      const c = text[k]!;
      if (isSpace(c)) return null;
      if (c === '(') depth++;
      else if (c === ')') {
        if (depth === 0) {
          const href = text.slice(from, k);
          if (!isAllowedLink(href)) return null;
          return {
            node: { kind: 'link', href, children: parseRange(i + 1, close, { ...context, link: true }) },
            end: k + 1,
          };
        }
        depth--;
      }
    }
    return null;
  };

  function parseRange(from: number, to: number, context: InlineContext): NarrativeInline[] {
    const out: NarrativeInline[] = [];
    let pending = '';
    const push = (node: NarrativeInline) => {
      if (pending) out.push({ kind: 'text', text: pending });
      pending = '';
      out.push(node);
    };
    // Once a search for a closing mark fails, every later one in this range fails too: remembering it keeps
    // parsing linear in the length of the text.
    let boldFails = false;
    let italicFails = false;
    let i = from;
    while (i < to) {
      const c = text[i]!;
      if (escape[i] === 2) {
        i++;
        continue;
      }
      if (escape[i] === 1) {
        pending += c;
        i++;
        continue;
      }
      if (c === '[' && !context.link) {
        const ref = evidenceRefAt(text, i);
        if (ref && ref.end <= to) {
          push({ kind: 'evidence', fileId: ref.fileId, source: text.slice(i, ref.end) });
          i = ref.end;
          continue;
        }
        const link = linkAt(i, to, context);
        if (link) {
          push(link.node);
          i = link.end;
          continue;
        }
      }
      if (c === '*') {
        const run = starRun(i, to);
        if (run >= 2 && !context.bold && !boldFails && opens(i + 2, to)) {
          const close = boldCloser(i + 2, to);
          if (close >= 0) {
            push({ kind: 'bold', children: parseRange(i + 2, close, { ...context, bold: true }) });
            i = close + 2;
            continue;
          }
          boldFails = true;
        }
        if (run === 1 && !context.italic && !italicFails && opens(i + 1, to)) {
          const close = italicCloser(i + 1, to);
          if (close >= 0) {
            push({ kind: 'italic', children: parseRange(i + 1, close, { ...context, italic: true }) });
            i = close + 1;
            continue;
          }
          italicFails = true;
        }
        if (run > 1) {
          // Only the last mark of a run can still open italic: the others are text.
          pending += text.slice(i, i + run - 1);
          i += run - 1;
          continue;
        }
      }
      pending += c;
      i++;
    }
    if (pending) out.push({ kind: 'text', text: pending });
    return out;
  }

  return parseRange(0, n, { bold: false, italic: false, link: false });
}
