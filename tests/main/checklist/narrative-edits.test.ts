import { describe, expect, it } from 'vitest';
import {
  applyTextEdit,
  cycleHeading,
  insertEvidence,
  insertLink,
  toggleBold,
  toggleItalic,
  toggleList,
  type TextEdit,
} from '../../../shared/domain/narrative/edits';

/** Applies an edit to text written with the selection marked by | (a cursor) or by [ and ] (a selection). */
function run(marked: string, edit: (text: string, start: number, end: number) => TextEdit): string {
  const cursor = marked.indexOf('|');
  const start = cursor >= 0 ? cursor : marked.indexOf('[');
  const end = cursor >= 0 ? cursor : marked.indexOf(']') - 1;
  const text = marked.replace(cursor >= 0 ? '|' : /[[\]]/g, '');
  const e = edit(text, start, end);
  const out = applyTextEdit(text, e);
  if (e.selectionStart === e.selectionEnd) return `${out.slice(0, e.selectionStart)}|${out.slice(e.selectionStart)}`;
  return `${out.slice(0, e.selectionStart)}[${out.slice(e.selectionStart, e.selectionEnd)}]${out.slice(e.selectionEnd)}`;
}

describe('narrative editor edits', () => {
  it('bolds the selection (not its spaces), a placeholder at the cursor, and takes bold off again', () => {
    expect(run('a [word ]here', toggleBold)).toBe('a **[word]** here');
    expect(run('a | here', toggleBold)).toBe('a **[bold text]** here');
    expect(run('a **[word]** here', toggleBold)).toBe('a [word] here');
    expect(run('a [**word**] here', toggleBold)).toBe('a [word] here');
    expect(run('[some] text', toggleItalic)).toBe('*[some]* text');
  });

  it('bolds each line of a selection across lines after its list mark', () => {
    expect(run('[- one\n- two\n\nthree]', toggleBold)).toBe('[- **one**\n- **two**\n\n**three**]');
    expect(run('[## Heading]', toggleBold)).toBe('## **[Heading]**');
  });

  it('makes a link of selected words (address selected) or of a selected address (text selected)', () => {
    expect(run('see [the report] now', insertLink)).toBe('see [the report]([https://]) now');
    expect(run('see [https://example.org] now', insertLink)).toBe('see [[link text]](https://example.org) now');
    expect(run('see [www.example.org]', insertLink)).toBe('see [[link text]](https://www.example.org)');
    expect(run('see |', insertLink)).toBe('see [[link text]](https://)');
  });

  it('cycles the lines through heading, subheading and text', () => {
    expect(run('Str|engths', cycleHeading)).toBe('## Strengths|');
    expect(run('## Str|engths', cycleHeading)).toBe('### Strengths|');
    expect(run('### Str|engths', cycleHeading)).toBe('Strengths|');
    expect(run('- an i|tem', cycleHeading)).toBe('## an item|');
    expect(run('|', cycleHeading)).toBe('## |');
  });

  it('makes lines a list, switches the kind of list, and takes it off again', () => {
    expect(run('[one\ntwo\n\nthree]', (t, s, e) => toggleList(t, s, e, 'bullets'))).toBe('[- one\n- two\n\n- three]');
    expect(run('[- one\n- two]', (t, s, e) => toggleList(t, s, e, 'numbered'))).toBe('[1. one\n2. two]');
    expect(run('[1. one\n2. two]', (t, s, e) => toggleList(t, s, e, 'numbered'))).toBe('[one\ntwo]');
    expect(run('before\n|', (t, s, e) => toggleList(t, s, e, 'bullets'))).toBe('before\n- |');
    expect(run('1. one\n2. two\nth|ree', (t, s, e) => toggleList(t, s, e, 'numbered'))).toBe(
      '1. one\n2. two\n3. three|',
    );
    expect(run('1. one\n\nth|ree', (t, s, e) => toggleList(t, s, e, 'numbered'))).toBe('1. one\n\n1. three|');
    // A selection ending at the start of a line leaves that line alone.
    expect(run('[one\n]two', (t, s, e) => toggleList(t, s, e, 'bullets'))).toBe('- one|\ntwo');
  });

  it('inserts a citation after the selection, spaced from the word before', () => {
    expect(run('See|', (t, s, e) => insertEvidence(t, s, e, 12))).toBe('See [[evidence:12]]|');
    expect(run('See |', (t, s, e) => insertEvidence(t, s, e, 12))).toBe('See [[evidence:12]]|');
    expect(run('(|)', (t, s, e) => insertEvidence(t, s, e, 3))).toBe('([[evidence:3]]|)');
    expect(run('|', (t, s, e) => insertEvidence(t, s, e, 3))).toBe('[[evidence:3]]|');
    expect(run('[the minutes]', (t, s, e) => insertEvidence(t, s, e, 3))).toBe('the minutes [[evidence:3]]|');
  });
});
