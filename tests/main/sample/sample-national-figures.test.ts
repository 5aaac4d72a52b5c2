import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { csvObjects } from '../../fixtures/imports/csv-text';

// The sample area is fictional, but the England figures it ships beside it for periods DfE has published are DfE's
// own: an officer exploring the sample must never see the excluding-exceptions rate under the all-plans metric (the
// sample once showed England 2023 and 2024 as 50.3% and 46.4% for "all plans"). Each column the sample shares with
// DfE's file, for each period the file holds, equals England's total row as published ('x' where DfE prints 'x').

const fixture = (path: string) => new URL(`../../fixtures/${path}`, import.meta.url);
const sample = (name: string) =>
  csvObjects(readFileSync(new URL(`../../../resources/sample/data/${name}`, import.meta.url), 'utf8'));
const england = (rows: Record<string, string>[]) =>
  rows.filter((r) => r.geographic_level === 'National' && /^All\b/.test(r.breakdown_topic ?? ''));
const lower = (row: Record<string, string>) =>
  Object.fromEntries(Object.entries(row).map(([k, v]) => [k.toLowerCase(), v]));

describe("the sample's England rows against DfE's 2025-release files", () => {
  it('ehcp-timeliness: every shared column of every published year is DfE’s England figure', () => {
    const dfe = england(
      csvObjects(gunzipSync(readFileSync(fixture('dfe-2025/timeliness_20_week.csv.gz'))).toString('utf8')),
    ).map(lower);
    const shipped = sample('ehcp-timeliness.csv').filter((r) => r.geography === 'National');
    let compared = 0;
    for (const row of shipped) {
      const published = dfe.find((r) => r.time_period === row.period);
      if (!published) continue;
      for (const [column, value] of Object.entries(row)) {
        if (!(column in published)) continue;
        expect(value, `${row.period} ${column}`).toBe(published[column]);
        compared++;
      }
    }
    expect(shipped.filter((r) => dfe.some((d) => d.time_period === r.period)).map((r) => r.period)).toEqual([
      '2021',
      '2022',
      '2023',
      '2024',
    ]);
    expect(compared).toBe(4 * 14);
    const all = (period: string) => shipped.find((r) => r.period === period)!.pc_plans_issued_within_20_weeks;
    expect([all('2023'), all('2024')]).toEqual(['49.1', '45.9']);
  });

  it('ehcna-requests: every shared column of every published year is DfE’s England figure', () => {
    const dfe = england(csvObjects(readFileSync(fixture('dfe-2025/requests_excerpt.csv'), 'utf8')));
    const shipped = sample('ehcna-requests.csv').filter((r) => r.geographic_level === 'National');
    let compared = 0;
    for (const row of shipped) {
      const published = dfe.find((r) => r.time_period === row.time_period);
      if (!published) continue;
      for (const [column, value] of Object.entries(row)) {
        if (!(column in published) || /^(time_|geographic|country|region|new_la|old_la|la_name)/.test(column)) continue;
        expect(value, `${row.time_period} ${column}`).toBe(published[column]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThanOrEqual(4 * 9);
  });
});
