import { describe, expect, it } from 'vitest';
import { interpretCell, normaliseHeader, stripFootnoteDigits } from '../../../main/datasets/import/tabular';

describe('interpretCell', () => {
  it('reads published markers, ignoring surrounding spaces but keeping them in raw', () => {
    expect(interpretCell(' x ')).toEqual({ raw: ' x ', kind: 'marker', marker: 'x' });
    expect(interpretCell(' - ')).toEqual({ raw: ' - ', kind: 'marker', marker: '-' });
    const cases: [string, string][] = [
      ['x', 'x'],
      ['X', 'x'],
      ['[x]', 'x'],
      ['z', 'z'],
      ['[z]', 'z'],
      ['c', 'c'],
      ['[c]', 'c'],
      ['low', 'low'],
      ['LOW', 'low'],
      ['[low]', 'low'],
      ['u', 'u'],
      [':', ':'],
      ['..', '..'],
      ['-', '-'],
      ['\u2013', '-'],
      ['~', '~'],
      ['*', '*'],
      ['#N/A', '#N/A'],
      ['#DIV/0!', '#DIV/0!'],
    ];
    for (const [raw, marker] of cases) expect(interpretCell(raw), raw).toEqual({ raw, kind: 'marker', marker });
  });

  it('leaves n/a and other words as text for the importer to report', () => {
    for (const raw of [
      'n/a',
      'N/A',
      'NA',
      'nil',
      'Durham',
      'xx',
      'TRUE',
      "'123",
      '(123)',
      '12,5',
      '1,23',
      '1,2345',
      '1 23',
      '2019/20',
      '2023-24',
      'E92000001',
      '943 476 5919',
      '12.7%%',
      '1.2.3',
      '£',
      '+',
      '.',
    ]) {
      expect(interpretCell(raw).kind, raw).toBe('text');
    }
  });

  it('reads empty and blank cells as empty', () => {
    expect(interpretCell('')).toEqual({ raw: '', kind: 'empty' });
    expect(interpretCell('  ')).toEqual({ raw: '  ', kind: 'empty' });
    expect(interpretCell('\u00a0')).toEqual({ raw: '\u00a0', kind: 'empty' });
  });

  it('reads numbers with thousands separators, signs, decimals, £ and exponents', () => {
    const cases: [string, number][] = [
      ['0', 0],
      ['42', 42],
      ['0123', 123],
      ['1,234', 1234],
      ['1,234,567', 1234567],
      ['1 234', 1234],
      ['1\u00a0234', 1234],
      ['1,234.5', 1234.5],
      ['-12', -12],
      ['\u221212', -12],
      ['+5', 5],
      ['.5', 0.5],
      ['5.', 5],
      ['-0', 0],
      [' 841 ', 841],
      ['£1,234.50', 1234.5],
      ['1.2E+05', 120000],
      ['3e-2', 0.03],
      ['9434765919', 9434765919],
    ];
    for (const [raw, number] of cases) expect(interpretCell(raw), raw).toEqual({ raw, kind: 'number', number });
  });

  it('reads percentages as 0–100', () => {
    expect(interpretCell('12.7%')).toEqual({ raw: '12.7%', kind: 'percent', number: 12.7 });
    expect(interpretCell('11.00%')).toEqual({ raw: '11.00%', kind: 'percent', number: 11 });
    expect(interpretCell('0.00%')).toEqual({ raw: '0.00%', kind: 'percent', number: 0 });
    expect(interpretCell('12.7 %').number).toBe(12.7);
    expect(interpretCell('-3%').number).toBe(-3);
  });

  it('reads UK and ISO dates, checking that the day exists', () => {
    const cases: [string, string][] = [
      ['01/02/2024', '2024-02-01'],
      ['1/2/2024', '2024-02-01'],
      ['2024-02-01', '2024-02-01'],
      ['29/02/2024', '2024-02-29'],
      ['01.02.2024', '2024-02-01'],
      ['01-02-2024', '2024-02-01'],
      ['01/02/2024 14:30', '2024-02-01'],
      ['2024-02-01T09:15:00Z', '2024-02-01'],
      ['2024-02-01 09:15:00.123', '2024-02-01'],
      ['1 February 2024', '2024-02-01'],
      ['01-Feb-2024', '2024-02-01'],
      ['3rd Sept 2024', '2024-09-03'],
      [' 31/12/2025 ', '2025-12-31'],
    ];
    for (const [raw, date] of cases) expect(interpretCell(raw), raw).toEqual({ raw, kind: 'date', date });
    for (const raw of [
      '31/02/2024',
      '29/02/2023',
      '2024-13-01',
      '00/01/2024',
      '01/02/24',
      '01/02-2024',
      '01/02/2024 25:00',
      '1 Smarch 2024',
      '2024-2-1',
    ]) {
      expect(interpretCell(raw).kind, raw).toBe('text');
    }
  });
});

describe('normaliseHeader', () => {
  it('ignores case, spacing, underscores, hyphens, punctuation and footnotes', () => {
    expect(normaliseHeader('SEND Tribunal Appeal Rate2')).toBe('send tribunal appeal rate');
    expect(normaliseHeader('plans_issued_den')).toBe('plans issued den');
    expect(normaliseHeader('  Plans  Issued-Den ')).toBe('plans issued den');
    expect(normaliseHeader('plans_issued_within_20_weeks')).toBe('plans issued within 20 weeks');
    expect(normaliseHeader('% of plans (within 20-weeks) [note 3]')).toBe('percent of plans within 20 weeks');
    expect(normaliseHeader("Children's services & health")).toBe('childrens services and health');
    expect(normaliseHeader('Référence')).toBe('reference');
    expect(normaliseHeader('Total Appealable Decisions¹')).toBe('total appealable decisions');
  });

  it('keeps numbers that are part of a name', () => {
    expect(normaliseHeader('KS2 attainment')).toBe('ks2 attainment');
    expect(normaliseHeader('avg_att8')).toBe('avg att8');
    expect(normaliseHeader('review_expected_2025')).toBe('review expected 2025');
    expect(normaliseHeader('Year 11')).toBe('year 11');
  });
});

describe('stripFootnoteDigits', () => {
  it('removes one or two digits glued to the end of a word of four or more letters', () => {
    expect(stripFootnoteDigits('North Northamptonshire7')).toBe('North Northamptonshire');
    expect(stripFootnoteDigits('Bournemouth, Christchurch and Poole5')).toBe('Bournemouth, Christchurch and Poole');
    expect(stripFootnoteDigits('SEND Tribunal Appeal Rate2')).toBe('SEND Tribunal Appeal Rate');
    expect(stripFootnoteDigits('INNER LONDON12')).toBe('INNER LONDON');
    expect(stripFootnoteDigits('Rate²')).toBe('Rate');
    expect(stripFootnoteDigits('  Durham ')).toBe('Durham');
  });

  it('leaves other numbers alone', () => {
    for (const name of [
      'Area 51',
      'KS2',
      'att8',
      'Westmorland and Furness',
      'Year 11',
      'Kingston upon Hull, City of',
      'E06000047',
    ]) {
      expect(stripFootnoteDigits(name)).toBe(name);
    }
    expect(stripFootnoteDigits('Poole123')).toBe('Poole123');
  });
});
