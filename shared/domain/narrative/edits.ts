import { evidenceRef } from './evidence-ref';

/**
 * The narrative editor's toolbar as text edits on the Markdown source: each takes the text and the selection and
 * says which range to replace, with what, and what to select afterwards, so the editor can apply it as one undoable
 * insertion and put the cursor somewhere sensible.
 */
export interface TextEdit {
  start: number;
  end: number;
  insert: string;
  selectionStart: number;
  selectionEnd: number;
}

export function applyTextEdit(text: string, edit: TextEdit): string {
  return text.slice(0, edit.start) + edit.insert + text.slice(edit.end);
}

/** A line's block mark: heading hashes, a bullet or a list number, with the spaces after it. */
const BLOCK_MARK = /^([ \t]*)(#{2,6}[ \t]+|[-*\u2022][ \t]+|\d{1,3}[.)][ \t]+)?/;

const lineStart = (text: string, at: number) => text.lastIndexOf('\n', at - 1) + 1;
const lineEnd = (text: string, at: number) => {
  const i = text.indexOf('\n', at);
  return i < 0 ? text.length : i;
};

/** The whole lines a selection touches (a selection ending at the start of a line leaves that line out). */
function selectedLines(text: string, start: number, end: number): { from: number; to: number } {
  const last = end > start && text[end - 1] === '\n' ? end - 1 : end;
  return { from: lineStart(text, start), to: lineEnd(text, last) };
}

function wrap(text: string, start: number, end: number, mark: string, placeholder: string): TextEdit {
  let a = start;
  let b = end;
  while (a < b && /\s/.test(text[a]!)) a++;
  while (b > a && /\s/.test(text[b - 1]!)) b--;
  if (a === b) {
    const insert = `${mark}${placeholder}${mark}`;
    return {
      start,
      end,
      insert,
      selectionStart: start + mark.length,
      selectionEnd: start + mark.length + placeholder.length,
    };
  }
  const selected = text.slice(a, b);
  const m = mark.length;
  if (!selected.includes('\n')) {
    // Already marked: take the marks off again (they may sit just outside the selection or just inside it).
    if (text.slice(a - m, a) === mark && text.slice(b, b + m) === mark) {
      return { start: a - m, end: b + m, insert: selected, selectionStart: a - m, selectionEnd: b - m };
    }
    if (selected.length > 2 * m && selected.startsWith(mark) && selected.endsWith(mark)) {
      const inner = selected.slice(m, -m);
      return { start: a, end: b, insert: inner, selectionStart: a, selectionEnd: a + inner.length };
    }
  }
  // Each line is marked on its own, after any block mark, so a list item or heading keeps its mark.
  let offset = a;
  const lines = selected.split('\n').map((line) => {
    const at = offset;
    offset += line.length + 1;
    const prefix = at === lineStart(text, at) ? BLOCK_MARK.exec(line)![0] : '';
    const body = line.slice(prefix.length);
    const lead = /^\s*/.exec(body)![0];
    const content = body.trim();
    if (!content) return line;
    return `${prefix}${lead}${mark}${content}${mark}${body.slice(lead.length + content.length)}`;
  });
  const insert = lines.join('\n');
  if (lines.length === 1) {
    const inner = insert.indexOf(mark) + m;
    const innerEnd = insert.lastIndexOf(mark);
    return { start: a, end: b, insert, selectionStart: a + inner, selectionEnd: a + innerEnd };
  }
  return { start: a, end: b, insert, selectionStart: a, selectionEnd: a + insert.length };
}

export const toggleBold = (text: string, start: number, end: number): TextEdit =>
  wrap(text, start, end, '**', 'bold text');
export const toggleItalic = (text: string, start: number, end: number): TextEdit =>
  wrap(text, start, end, '*', 'italic text');

const LOOKS_LIKE_ADDRESS = /^(?:https?:\/\/|mailto:|www\.)\S+$/i;

/**
 * A link around the selection: selected words become its text with the address to type selected; a selected address
 * becomes its address with the text to type selected.
 */
export function insertLink(text: string, from: number, to: number): TextEdit {
  let start = from;
  let end = to;
  while (start < end && /\s/.test(text[start]!)) start++;
  while (end > start && /\s/.test(text[end - 1]!)) end--;
  const selected = text.slice(start, end);
  if (selected && !selected.includes('\n') && LOOKS_LIKE_ADDRESS.test(selected)) {
    const href = /^www\./i.test(selected) ? `https://${selected}` : selected;
    const insert = `[link text](${href})`;
    return { start, end, insert, selectionStart: start + 1, selectionEnd: start + 10 };
  }
  const label = selected && !selected.includes('\n') ? selected : 'link text';
  const insert = `[${label}](https://)`;
  if (selected && !selected.includes('\n')) {
    const at = start + label.length + 3;
    return { start, end, insert, selectionStart: at, selectionEnd: at + 'https://'.length };
  }
  return { start: end, end, insert, selectionStart: end + 1, selectionEnd: end + 1 + label.length };
}

function editLines(text: string, start: number, end: number, change: (lines: string[]) => string[]): TextEdit {
  const { from, to } = selectedLines(text, start, end);
  const insert = change(text.slice(from, to).split('\n')).join('\n');
  const single = !insert.includes('\n');
  return {
    start: from,
    end: to,
    insert,
    selectionStart: single ? from + insert.length : from,
    selectionEnd: from + insert.length,
  };
}

const unmarked = (line: string) => line.slice(BLOCK_MARK.exec(line)![0].length);

/** The selected lines as a heading, then a subheading, then text again. */
export function cycleHeading(text: string, start: number, end: number): TextEdit {
  const { from } = selectedLines(text, start, end);
  const first = /^[ \t]*(#{2,6})[ \t]+/.exec(text.slice(from, lineEnd(text, from)));
  const next = !first ? '## ' : first[1] === '##' ? '### ' : '';
  return editLines(text, start, end, (lines) =>
    lines.map((l) => (l.trim() || lines.length === 1 ? `${next}${unmarked(l)}` : l)),
  );
}

/** The selected lines as a bulleted or numbered list, or, when they are one already, as text again. */
export function toggleList(text: string, start: number, end: number, kind: 'bullets' | 'numbered'): TextEdit {
  const isItem = kind === 'bullets' ? /^[ \t]*[-*\u2022][ \t]+/ : /^[ \t]*\d{1,3}[.)][ \t]+/;
  // A numbered line straight after a numbered item carries on its count.
  const { from } = selectedLines(text, start, end);
  const above = from > 0 ? /^[ \t]*(\d{1,3})[.)][ \t]/.exec(text.slice(lineStart(text, from - 1), from - 1)) : null;
  return editLines(text, start, end, (lines) => {
    const filled = lines.filter((l) => l.trim());
    if (filled.length && filled.every((l) => isItem.test(l))) return lines.map((l) => (l.trim() ? unmarked(l) : l));
    let n = above ? Number(above[1]) : 0;
    return lines.map((l) => {
      if (!l.trim() && lines.length > 1) return l;
      n++;
      return `${kind === 'bullets' ? '- ' : `${n}. `}${unmarked(l)}`;
    });
  });
}

/** A citation of an evidence file after the selection, spaced from the word before it. */
export function insertEvidence(text: string, start: number, end: number, fileId: number): TextEdit {
  const before = text[end - 1];
  const insert = `${before !== undefined && !/[\s([]/.test(before) ? ' ' : ''}${evidenceRef(fileId)}`;
  return { start: end, end, insert, selectionStart: end + insert.length, selectionEnd: end + insert.length };
}

/**
 * Enter at the end of a list line, as in Word: a new item of the same list ("- ", or the next number); Enter on an
 * empty item ends the list (the empty marker is removed and a blank line follows). Answers null where Enter is just
 * a new line (not a list line, or text is selected).
 */
export function continueList(text: string, start: number, end: number): TextEdit | null {
  if (start !== end) return null;
  const from = text.lastIndexOf('\n', start - 1) + 1;
  const line = text.slice(from, lineEnd(text, from));
  const m = /^([ \t]*)([-*\u2022]|(\d{1,3})([.)]))([ \t]+)/.exec(line);
  if (!m) return null;
  // Only from the end of the line's marker onwards: Enter inside the marker is an ordinary new line.
  if (start < from + m[0].length && line.slice(m[0].length).trim() !== '') return null;
  if (line.slice(m[0].length).trim() === '') {
    // An empty item ends the list.
    return { start: from, end: from + line.length, insert: '', selectionStart: from, selectionEnd: from };
  }
  const marker = m[3] !== undefined ? `${Number(m[3]) + 1}${m[4]}` : m[2]!;
  const insert = `\n${m[1]}${marker}${m[5]}`;
  return { start, end, insert, selectionStart: start + insert.length, selectionEnd: start + insert.length };
}
