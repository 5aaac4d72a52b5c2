import { Paragraph, TextRun } from 'docx';
import { describe, expect, it } from 'vitest';
import { body, bullet, heading1, heading2, narrativeParagraphs } from '../../../main/pack/blocks';
import { w3cdtf } from '../../../main/pack/finalise';
import {
  describeFreshnessRule,
  formatBytes,
  formatDate,
  formatDateTime,
  formatShortDate,
  isoDay,
  listInWords,
  ukWallClock,
} from '../../../main/pack/format';
import { usedGlossary, usesTerm } from '../../../main/pack/sections/glossary';
import { shortSha } from '../../../main/pack/sections/evidence-index';
import { freshnessText } from '../../../main/pack/sections/area-sections';
import { columnWidthsDxa, packTable } from '../../../main/pack/tables';
import { textOf } from '../../../main/pack/text-of';
import { CONTENT_WIDTH } from '../../../main/pack/styles';
import type { PackInput, PackItem } from '../../../main/pack/pack-input';

describe('pack formatting', () => {
  it("writes dates GOV.UK style, in UK time whatever the machine's zone", () => {
    expect(formatDate('2026-11-13')).toBe('13 November 2026');
    expect(formatShortDate('2026-09-03')).toBe('3 Sep 2026');
    expect(formatDate(null)).toBe('Not set');
    expect(formatDate('not a date')).toBe('not a date');
    expect(formatDateTime('2026-11-17T09:30:00Z')).toBe('17 November 2026 at 9:30am'); // GMT
    expect(formatDateTime('2026-07-01T15:05:00Z')).toBe('1 July 2026 at 4:05pm'); // BST
    expect(formatDateTime('2026-11-13T16:45')).toBe('13 November 2026 at 4:45pm'); // no zone: UK time as written
    expect(formatDateTime('2026-11-13T12:00')).toBe('13 November 2026 at midday');
    expect(formatDateTime('2026-11-13')).toBe('13 November 2026');
    expect(isoDay('2026-03-28T23:30:00Z')).toBe('2026-03-28');
    expect(isoDay('2026-06-30T23:30:00Z')).toBe('2026-07-01');
    expect(ukWallClock('2026-13-45x')).toBeNull();
  });

  it('writes sizes, rules and lists in words', () => {
    expect(formatBytes(850)).toBe('850 bytes');
    expect(formatBytes(34_000)).toBe('33 KB');
    expect(formatBytes(1_258_291)).toBe('1.2 MB');
    expect(formatBytes(25_000_000)).toBe('24 MB');
    expect(describeFreshnessRule('≤12m')).toBe('no more than 12 months old');
    expect(describeFreshnessRule('12m')).toBe('covers the last 12 months');
    expect(describeFreshnessRule('progress ≤3m old')).toBe('progress no more than 3 months old');
    expect(describeFreshnessRule('Jan census')).toBe('Jan census');
    expect(listInWords(['a', 'b', 'c'])).toBe('a, b and c');
    expect(shortSha('ABCDEF0123456789abcdef')).toBe('abcdef012345');
  });

  it('says when evidence is out of date, in words', () => {
    const item = { freshnessRule: '≤12m', stale: true, expires: '2025-03-31', evidenceRefs: ['E001'] } as PackItem;
    expect(freshnessText(item)).toBe(
      'Out of date: the newest evidence went out of date on 31 March 2025 (rule: no more than 12 months old)',
    );
    expect(freshnessText({ ...item, stale: false, expires: '2027-01-01' })).toBe(
      'Current until 1 January 2027 (rule: no more than 12 months old)',
    );
    expect(freshnessText({ ...item, stale: false, expires: null, evidenceRefs: [] })).toMatch(/^No dated evidence yet/);
  });

  it('writes the build time into core properties as W3CDTF in UTC', () => {
    expect(w3cdtf('2026-11-17T09:30:00.123Z')).toBe('2026-11-17T09:30:00Z');
    expect(w3cdtf('2026-07-01T16:05:00+01:00')).toBe('2026-07-01T15:05:00Z');
    expect(w3cdtf('2026-11-13T16:45')).toBe('2026-11-13T16:45:00Z');
  });
});

describe('pack narrative', () => {
  it('keeps blank-line paragraphs and "- " bullets', () => {
    const paragraphs = narrativeParagraphs(
      'First paragraph\nwraps here.\n\nIt has:\n- one\n- two\n  continued\n\n\nLast.',
    );
    expect(paragraphs.map((p) => textOf([p]))).toEqual([
      'First paragraph wraps here.',
      'It has:',
      'one',
      'two continued',
      'Last.',
    ]);
    expect(narrativeParagraphs('  \n\n ')).toEqual([]);
  });
});

describe('pack blocks', () => {
  it('collects the text of built blocks, tables included', () => {
    const blocks = [
      heading1('Section'),
      heading2('Item', 'Item_x'),
      body([new TextRun('JSNA and '), new TextRun({ text: 'EHCP', bold: true })]),
      bullet('a bullet'),
      packTable({ columns: [{ header: 'Term', weight: 1 }], rows: [['ICB']] }),
    ];
    const text = textOf(blocks);
    for (const word of ['Section', 'Item', 'JSNA', 'EHCP', 'a bullet', 'Term', 'ICB']) expect(text).toContain(word);
    expect(textOf([new Paragraph({})])).toBe('');
  });

  it('splits table widths in DXA that add up to the width', () => {
    expect(columnWidthsDxa([1, 1, 1], 1000)).toEqual([333, 333, 334]);
    expect(columnWidthsDxa([30, 70]).reduce((a, b) => a + b)).toBe(CONTENT_WIDTH);
    expect(() => columnWidthsDxa([1, 0])).toThrow(RangeError);
    expect(() => packTable({ columns: [{ header: 'A', weight: 1 }], rows: [['x', 'y']] })).toThrow(RangeError);
  });

  it('matches glossary terms as whole words, case and all', () => {
    expect(usesTerm('the EHCP was issued', 'EHC')).toBe(false);
    expect(usesTerm('an EHC plan', 'EHC')).toBe(true);
    expect(usesTerm('(C(E)TR) reviews', 'C(E)TR')).toBe(true);
    expect(usesTerm('pfa', 'PfA')).toBe(false);
    const input = {
      glossary: [
        { term: 'SEND', meaning: 's' },
        { term: 'ap', meaning: 'x' },
        { term: 'AP', meaning: 'a' },
        { term: 'SEND', meaning: 'dup' },
      ],
    } as PackInput;
    expect(usedGlossary(input, 'SEND and AP')).toEqual([
      { term: 'AP', meaning: 'a' },
      { term: 'SEND', meaning: 's' },
    ]);
  });
});
