import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { meanAsPrinted, rankAmong } from '../../../main/datasets/metrics/benchmarks';
import {
  resolveAuthorityName,
  SHIPPED_NEIGHBOURS,
  parseNeighbourFile,
} from '../../../main/datasets/metrics/statistical-neighbours';
import { describeRank, describeTrend } from '../../../shared/domain/metrics/describe';
import { parseCsvText } from '../../fixtures/imports/csv-text';

describe('rank and quartile', () => {
  const higher = { direction: 'higher' as const, decimals: 1 };
  it("ties share a rank (1, 2, 2, 4), best first by the metric's direction", () => {
    const values = [90, 80, 80, 70];
    expect(values.map((v) => rankAmong(v, values, higher).position)).toEqual([1, 2, 2, 4]);
    expect(values.map((v) => rankAmong(v, values, { direction: 'lower', decimals: 1 }).position)).toEqual([4, 2, 2, 1]);
    // Context measures: 1 = highest.
    expect(values.map((v) => rankAmong(v, values, { direction: 'context', decimals: 1 }).position)).toEqual([
      1, 2, 2, 4,
    ]);
  });

  it("compares figures as printed, to the metric's decimals", () => {
    expect(rankAmong(58.66, [58.7, 58.66, 58.74], higher).position).toBe(1);
  });

  it('gives quartile 1 + ⌊4 × (rank − 1) ÷ n⌋', () => {
    const values = Array.from({ length: 151 }, (_, i) => 151 - i);
    const q = (rank: number) => rankAmong(values[rank - 1]!, values, higher);
    expect([q(1), q(38), q(39), q(76), q(77), q(151)].map((r) => [r.position, r.of, r.quartile])).toEqual([
      [1, 151, 1],
      [38, 151, 1],
      [39, 151, 2],
      [76, 151, 2],
      [77, 151, 3],
      [151, 151, 4],
    ]);
  });

  it('averages the neighbours half up, whatever their order', () => {
    expect(meanAsPrinted([55.7, 55.8], 1)).toBe(55.8);
    expect(meanAsPrinted([55.8, 55.7], 1)).toBe(55.8);
    expect(meanAsPrinted([1.25, 1.26], 2)).toBe(1.26);
  });

  it('says what each number is', () => {
    expect(describeRank({ position: 12, of: 151, quartile: 1 }, 'higher')).toBe(
      'rank 12 of 151 (1 = best), quartile 1',
    );
    expect(describeRank({ position: 3, of: 151, quartile: 1 }, 'context')).toBe(
      'rank 3 of 151 (1 = highest), quartile 1',
    );
    expect(
      describeTrend(
        [
          { period: '2022', value: 38.4 },
          { period: '2023', value: null },
          { period: '2024', value: 41 },
        ],
        '%',
      ),
    ).toBe('up from 38.4% in 2022');
    expect(
      describeTrend(
        [
          { period: '2021', value: 12 },
          { period: '2024', value: 9.5 },
        ],
        '%',
      ),
    ).toBe('down from 12.0% in 2021');
    expect(
      describeTrend(
        [
          { period: '2020', value: 50 },
          { period: '2024', value: 50 },
        ],
        '%',
      ),
    ).toBe('unchanged from 50.0% in 2020');
    expect(describeTrend([{ period: '2024', value: 50 }], '%')).toBe('');
    expect(
      describeTrend(
        [
          { period: '2023', value: 50 },
          { period: '2024', value: null },
        ],
        '%',
      ),
    ).toBe('');
  });
});

describe('statistical neighbours', () => {
  it('resolves the four names the neighbour list spells differently from DfE, in any case', () => {
    expect(resolveAuthorityName('Bedford Borough')?.name).toBe('Bedford');
    expect(resolveAuthorityName('Durham')?.oldCode).toBe('840');
    expect(resolveAuthorityName('COUNTY DURHAM')?.oldCode).toBe('840');
    expect(resolveAuthorityName('Herefordshire')?.oldCode).toBe('884');
    expect(resolveAuthorityName('Herefordshire, County of')?.oldCode).toBe('884');
    expect(resolveAuthorityName('Kingston Upon Hull, City of')?.oldCode).toBe('810');
    expect(resolveAuthorityName('kingston upon hull, city of')?.oldCode).toBe('810');
    expect(resolveAuthorityName('E06000005')?.name).toBe('Darlington');
    expect(resolveAuthorityName('Gotham')).toBeUndefined();
  });

  it('ships the CSV and the list the app reads as the same list, every authority with ten neighbours', () => {
    const [header, ...rows] = parseCsvText(
      readFileSync(new URL('../../../resources/statistical-neighbours.csv', import.meta.url), 'utf8'),
    );
    const json = JSON.parse(
      readFileSync(new URL('../../../resources/statistical-neighbours.json', import.meta.url), 'utf8'),
    ) as { neighbours: Record<string, string[]> };
    expect(Object.keys(json.neighbours)).toEqual(header);
    header!.forEach((name, i) => expect(json.neighbours[name], name).toEqual(rows.map((r) => r[i]!).filter(Boolean)));
    expect(Object.keys(SHIPPED_NEIGHBOURS.neighbours)).toHaveLength(153);
    for (const [code, list] of Object.entries(SHIPPED_NEIGHBOURS.neighbours)) expect(list, code).toHaveLength(10);
    // The reference copy the tests read agrees with the shipped one.
    expect(readFileSync(new URL('../../fixtures/reference/statistical-neighbours.csv', import.meta.url), 'utf8')).toBe(
      readFileSync(new URL('../../../resources/statistical-neighbours.csv', import.meta.url), 'utf8'),
    );
  });

  it('refuses a replacement list naming an authority it cannot place, and names it', () => {
    const bytes = new TextEncoder().encode('Darlington,Gotham\nHartlepool,Stockton-on-Tees\n');
    expect(() => parseNeighbourFile(bytes, 'list.csv')).toThrow(
      /"Gotham" \(a column heading\) is not an English local authority/,
    );
    const good = parseNeighbourFile(new TextEncoder().encode('Darlington\nHartlepool\nStockton-on-Tees\n'), 'list.csv');
    expect(good).toEqual({ source: 'list.csv', neighbours: { '841': ['805', '808'] } });
  });
});
