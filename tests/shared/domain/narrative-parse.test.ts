import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { evidenceIds, inlineText, type Narrative, type NarrativeInline } from '../../../shared/domain/narrative/ast';
import { evidenceRef, evidenceRefAt } from '../../../shared/domain/narrative/evidence-ref';
import { isAllowedLink, parseInline, parseNarrative } from '../../../shared/domain/narrative/parse';

const text = (t: string): NarrativeInline => ({ kind: 'text', text: t });
const para = (...children: NarrativeInline[]) => ({ kind: 'paragraph', children });

/** Every piece of text a reader or the pack gets from a narrative: text, link addresses and citations as written. */
function letters(narrative: Narrative): string {
  const inline = (list: readonly NarrativeInline[]): string =>
    list
      .map((i) => {
        if (i.kind === 'text') return i.text;
        if (i.kind === 'evidence') return i.source;
        if (i.kind === 'link') return inline(i.children) + i.href;
        return inline(i.children);
      })
      .join('');
  return narrative
    .map((b) => (b.kind === 'heading' || b.kind === 'paragraph' ? inline(b.children) : b.items.map(inline).join('')))
    .join('');
}
const onlyLetters = (s: string) => s.replace(/[^\p{L}]/gu, '');

describe('narrative blocks', () => {
  it('reads an old plain note as before: blank-line paragraphs, joined lines, "- " bullets with indented continuations', () => {
    expect(parseNarrative('First paragraph\nwraps here.\n\nIt has:\n- one\n- two\n  continued\n\n\nLast.')).toEqual([
      para(text('First paragraph wraps here.')),
      para(text('It has:')),
      { kind: 'bullets', items: [[text('one')], [text('two continued')]] },
      para(text('Last.')),
    ]);
    expect(parseNarrative('* star\n\u2022 dot')).toEqual([{ kind: 'bullets', items: [[text('star')], [text('dot')]] }]);
    expect(parseNarrative('')).toEqual([]);
    expect(parseNarrative('  \n\n \t ')).toEqual([]);
  });

  it('reads headings (## and ###, deeper ones as subheadings; a lone # is text)', () => {
    expect(parseNarrative('## Strengths\nText\n### Early years\n#### Deeper\n# Not a heading\n#hashtag')).toEqual([
      { kind: 'heading', level: 1, children: [text('Strengths')] },
      para(text('Text')),
      { kind: 'heading', level: 2, children: [text('Early years')] },
      { kind: 'heading', level: 2, children: [text('Deeper')] },
      para(text('# Not a heading #hashtag')),
    ]);
    expect(parseNarrative('##\n## ')).toEqual([para(text('## ##'))]);
  });

  it('reads numbered lists with their first number, kept going over blank lines, ended by other blocks', () => {
    expect(parseNarrative('1. one\n2) two\n\n3. three\nAfter\n7. seven\n- bullet\n8. eight')).toEqual([
      { kind: 'numbered', start: 1, items: [[text('one')], [text('two')], [text('three')]] },
      para(text('After')),
      { kind: 'numbered', start: 7, items: [[text('seven')]] },
      { kind: 'bullets', items: [[text('bullet')]] },
      { kind: 'numbered', start: 8, items: [[text('eight')]] },
    ]);
    // A year at the start of a line is not a list; nor is a number with no text after it.
    expect(parseNarrative('2025. A good year\n1.\n3.5 per cent')).toEqual([
      para(text('2025. A good year 1. 3.5 per cent')),
    ]);
  });

  it('treats CRLF and CR line ends like LF', () => {
    const lf = parseNarrative('## H\nline one\nline two\n\n- a\n- b');
    expect(parseNarrative('## H\r\nline one\r\nline two\r\n\r\n- a\r\n- b')).toEqual(lf);
    expect(parseNarrative('## H\rline one\rline two\r\r- a\r- b')).toEqual(lf);
  });

  it('keeps escaped block marks as text', () => {
    expect(parseNarrative('\\- not a bullet\n\n\\## not a heading\n\n1\\. not a list')).toEqual([
      para(text('- not a bullet')),
      para(text('## not a heading')),
      para(text('1. not a list')),
    ]);
  });
});

describe('narrative inlines', () => {
  it('reads bold, italic and both nested', () => {
    expect(parseInline('a **bold** and *italic* word')).toEqual([
      text('a '),
      { kind: 'bold', children: [text('bold')] },
      text(' and '),
      { kind: 'italic', children: [text('italic')] },
      text(' word'),
    ]);
    expect(parseInline('**bold *and italic* inside**')).toEqual([
      { kind: 'bold', children: [text('bold '), { kind: 'italic', children: [text('and italic')] }, text(' inside')] },
    ]);
    expect(parseInline('*italic **and bold** inside*')).toEqual([
      { kind: 'italic', children: [text('italic '), { kind: 'bold', children: [text('and bold')] }, text(' inside')] },
    ]);
    expect(parseInline('***both***')).toEqual([
      { kind: 'bold', children: [{ kind: 'italic', children: [text('both')] }] },
    ]);
  });

  it('leaves unclosed, spaced and escaped marks as typed', () => {
    expect(parseInline('**unclosed bold')).toEqual([text('**unclosed bold')]);
    expect(parseInline('*unclosed italic')).toEqual([text('*unclosed italic')]);
    expect(parseInline('2 * 3 * 4 and ** not bold **')).toEqual([text('2 * 3 * 4 and ** not bold **')]);
    expect(parseInline('\\*\\*not bold\\*\\* and \\*not italic\\*')).toEqual([text('**not bold** and *not italic*')]);
    expect(parseInline('a back\\slash and C:\\\\path')).toEqual([text('a back\\slash and C:\\path')]);
    expect(parseInline('**bold*')).toEqual([text('*'), { kind: 'italic', children: [text('bold')] }]);
    expect(parseInline('****')).toEqual([text('****')]);
  });

  it('links http, https and mailto addresses, with bold text inside and brackets in the address', () => {
    expect(parseInline('See [the **Local Offer**](https://example.gov.uk/local-offer?x=1#top).')).toEqual([
      text('See '),
      {
        kind: 'link',
        href: 'https://example.gov.uk/local-offer?x=1#top',
        children: [text('the '), { kind: 'bold', children: [text('Local Offer')] }],
      },
      text('.'),
    ]);
    expect(parseInline('[wiki](https://en.wikipedia.org/wiki/Foo_(bar))')).toEqual([
      { kind: 'link', href: 'https://en.wikipedia.org/wiki/Foo_(bar)', children: [text('wiki')] },
    ]);
    expect(parseInline('[email us](mailto:send@example.gov.uk)')).toEqual([
      { kind: 'link', href: 'mailto:send@example.gov.uk', children: [text('email us')] },
    ]);
    expect(parseInline('[a [b](http://x.org)')).toEqual([
      text('[a '),
      { kind: 'link', href: 'http://x.org', children: [text('b')] },
    ]);
  });

  it('refuses every other address, leaving the link as the text typed', () => {
    for (const bad of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'vbscript:x',
      '//example.org',
      'example.org',
      'https://',
      'mailto:nobody',
      'ftp://example.org',
    ]) {
      expect(parseInline(`[click](${bad})`), bad).toEqual([text(`[click](${bad})`)]);
      expect(isAllowedLink(bad), bad).toBe(false);
    }
    expect(parseInline('[spaced](https://example.org/a b)')).toEqual([text('[spaced](https://example.org/a b)')]);
    expect(parseInline('[](https://example.org)')).toEqual([text('[](https://example.org)')]);
    expect(parseInline('[unclosed](https://example.org')).toEqual([text('[unclosed](https://example.org')]);
    expect(parseInline('[no address] (https://example.org)')).toEqual([text('[no address] (https://example.org)')]);
    expect(parseInline(`[long](https://example.org/${'a'.repeat(2100)})`)).toHaveLength(1);
    expect(parseInline(`[long](https://example.org/${'a'.repeat(2100)})`)[0]!.kind).toBe('text');
  });

  it('reads evidence citations anywhere but inside a link', () => {
    expect(parseInline('See [[evidence:12]] and **[[EVIDENCE:3]]**.')).toEqual([
      text('See '),
      { kind: 'evidence', fileId: 12, source: '[[evidence:12]]' },
      text(' and '),
      { kind: 'bold', children: [{ kind: 'evidence', fileId: 3, source: '[[EVIDENCE:3]]' }] },
      text('.'),
    ]);
    for (const notRef of [
      '[[evidence:]]',
      '[[evidence:0]]',
      '[[evidence:12]',
      '[[evidence: 12]]',
      '[[E12]]',
      '[[evidence:1234567890]]',
    ]) {
      expect(parseInline(notRef), notRef).toEqual([text(notRef)]);
    }
    expect(parseInline('\\[[evidence:4]]')).toEqual([text('[[evidence:4]]')]);
    expect(evidenceIds(parseNarrative('[[evidence:5]] then [[evidence:2]]\n- and [[evidence:5]] again'))).toEqual([
      5, 2,
    ]);
    expect(evidenceRef(42)).toBe('[[evidence:42]]');
    expect(evidenceRefAt('x [[evidence:42]]', 2)).toEqual({ fileId: 42, end: 17 });
  });
});

describe('narrative parser, any input', () => {
  const markup = fc.constantFrom(
    '*',
    '**',
    '***',
    '[',
    ']',
    '(',
    ')',
    '\\',
    '#',
    '## ',
    '- ',
    '1. ',
    '\n',
    '\n\n',
    '\r\n',
    ' ',
    '\t',
    '[[evidence:7]]',
    '[x](https://a.org)',
    '](',
    'javascript:',
    'mailto:a@b.org',
    '_',
    '`',
  );
  const word = fc.stringMatching(/^[A-Za-z0-9]{1,8}$/);
  const narrativeText = fc
    .array(fc.oneof(markup, word, fc.string({ maxLength: 4 }), fc.string({ unit: 'grapheme', maxLength: 3 })), {
      maxLength: 60,
    })
    .map((parts) => parts.join(''));

  it('never throws and keeps every letter, in order', () => {
    fc.assert(
      fc.property(narrativeText, (source) => {
        const parsed = parseNarrative(source);
        expect(onlyLetters(letters(parsed))).toBe(onlyLetters(source));
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps text with no marks exactly, but for runs of spaces at line ends and blank lines', () => {
    const plain = fc
      .array(fc.oneof(fc.stringMatching(/^[A-Za-z,;'"?!]{1,10}$/), fc.constantFrom(' ', '\n')), { maxLength: 40 })
      .map((p) => p.join(''));
    fc.assert(
      fc.property(plain, (source) => {
        const parsed = parseNarrative(source);
        const squash = (s: string) => s.replace(/\s+/g, ' ').trim();
        expect(squash(parsed.map((b) => (b.kind === 'paragraph' ? inlineText(b.children) : '')).join(' '))).toBe(
          squash(source),
        );
      }),
      { numRuns: 1000 },
    );
  });

  it('parses the longest note (20,000 characters) of pathological marks quickly', () => {
    for (const unit of ['*', '**a', '[a](', '[', '\\', '[[evidence:1', '*a **b', '- *', '1. [x](https://a.org/(']) {
      const source = unit.repeat(Math.ceil(20_000 / unit.length)).slice(0, 20_000);
      const started = performance.now();
      const parsed = parseNarrative(source);
      expect(performance.now() - started, unit).toBeLessThan(500);
      expect(onlyLetters(letters(parsed))).toBe(onlyLetters(source));
    }
  });
});
