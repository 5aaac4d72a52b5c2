import { describe, it, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseCsvText } from '../../fixtures/imports/csv-text';

// Independent check of resources/local-authorities.json against the DfE files in
// tests/fixtures/dfe (copies of the team's DfE files). Parses the CSVs itself; imports nothing from the app.

interface Authority {
  name: string;
  oldCode: string;
  newCode: string;
  region: string;
  regionCode: string;
  /** la_name as DfE tidy (explore-education-statistics) files spell it, when it differs from `name`. */
  dfeTidyName?: string;
}

interface AuthorityFile {
  source: string;
  authorities: Authority[];
}

const data = JSON.parse(
  readFileSync(new URL('../../../resources/local-authorities.json', import.meta.url), 'utf8'),
) as AuthorityFile;
const authorities = data.authorities;

const dfeDir = new URL('../../fixtures/dfe/', import.meta.url);
const readDfe = (file: string): string => readFileSync(new URL(file, dfeDir), 'utf8');

// Upper-case separator rows in the appeal-rate CSV -> DfE tidy-file region name and code.
const SEPARATOR_REGIONS: Record<string, { name: string; code: string }> = {
  'NORTH EAST': { name: 'North East', code: 'E12000001' },
  'NORTH WEST': { name: 'North West', code: 'E12000002' },
  'YORKSHIRE AND THE HUMBER': { name: 'Yorkshire and The Humber', code: 'E12000003' },
  'EAST MIDLANDS': { name: 'East Midlands', code: 'E12000004' },
  'WEST MIDLANDS': { name: 'West Midlands', code: 'E12000005' },
  'EAST OF ENGLAND': { name: 'East of England', code: 'E12000006' },
  LONDON: { name: 'London', code: 'E12000007' },
  'INNER LONDON': { name: 'London', code: 'E12000007' },
  'OUTER LONDON': { name: 'London', code: 'E12000007' },
  'SOUTH EAST': { name: 'South East', code: 'E12000008' },
  'SOUTH WEST': { name: 'South West', code: 'E12000009' },
};

// Known errata in the published appeal-rate table: it pairs these names with each other's
// 3-digit code. GIAS, the EES geography lookup and every DfE tidy file give
// Cambridgeshire 873 (E10000003) and Central Bedfordshire 823 (E06000056).
// If a corrected CSV arrives, this test fails and the entries here should be removed.
const APPEAL_CSV_ERRATA: Record<string, { csvCode: string; correctCode: string }> = {
  'Central Bedfordshire': { csvCode: '873', correctCode: '823' },
  Cambridgeshire: { csvCode: '823', correctCode: '873' },
};

interface AppealRow {
  name: string;
  oldCode: string;
  separator: string;
}

function appealRows(): AppealRow[] {
  const out: AppealRow[] = [];
  let separator = '';
  for (const cells of parseCsvText(readDfe('send_appeal_rate_2024_2025.csv'))) {
    const first = (cells[0] ?? '').trim();
    const code = (cells[1] ?? '').trim();
    if (/^\d{3}$/.test(code)) {
      out.push({ name: first.replace(/\d+$/, '').trim(), oldCode: code, separator });
    } else if (first !== '' && code === '' && first === first.toUpperCase() && /[A-Z]/.test(first)) {
      separator = first;
    }
  }
  return out;
}

interface TidyRow {
  file: string;
  old_la_code: string;
  new_la_code: string;
  la_name: string;
  region_code: string;
  region_name: string;
}

function tidyLaRows(file: string): TidyRow[] {
  const [header, ...rows] = parseCsvText(readDfe(file));
  if (!header) throw new Error(`${file} is empty`);
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`${file}: no ${name} column`);
    return i;
  };
  const level = col('geographic_level');
  const idx = {
    old: col('old_la_code'),
    new: col('new_la_code'),
    name: col('la_name'),
    regionCode: col('region_code'),
    regionName: col('region_name'),
  };
  return rows
    .filter((r) => r[level] === 'Local authority')
    .map((r) => ({
      file,
      old_la_code: r[idx.old] ?? '',
      new_la_code: r[idx.new] ?? '',
      la_name: r[idx.name] ?? '',
      region_code: r[idx.regionCode] ?? '',
      region_name: r[idx.regionName] ?? '',
    }));
}

const appeal = appealRows();
const byName = new Map(authorities.map((a) => [a.name, a]));
const byOld = new Map(authorities.map((a) => [a.oldCode, a]));

describe('local authority reference data', () => {
  it('reads 153 LA rows from the appeal-rate CSV', () => {
    expect(appeal).toHaveLength(153);
    expect(new Set(appeal.map((r) => r.name)).size).toBe(153);
    for (const r of appeal) expect(r.name, r.name).not.toMatch(/\d/);
  });

  it('has every appeal-rate LA with the same old code, and no others', () => {
    expect(authorities).toHaveLength(appeal.length);
    for (const row of appeal) {
      const a = byName.get(row.name);
      expect(a, `missing ${row.name}`).toBeDefined();
      const erratum = APPEAL_CSV_ERRATA[row.name];
      if (erratum) {
        expect(row.oldCode, `${row.name}: CSV no longer shows the known erratum`).toBe(erratum.csvCode);
        expect(a?.oldCode, row.name).toBe(erratum.correctCode);
      } else {
        expect(a?.oldCode, row.name).toBe(row.oldCode);
      }
    }
    const appealNames = new Set(appeal.map((r) => r.name));
    expect(authorities.filter((a) => !appealNames.has(a.name)).map((a) => a.name)).toEqual([]);
    // The errata only swap codes within the CSV's own set of codes.
    expect(new Set(appeal.map((r) => r.oldCode))).toEqual(new Set(authorities.map((a) => a.oldCode)));
  });

  it('puts every LA in the region of its separator row in the appeal-rate CSV', () => {
    for (const row of appeal) {
      const region = SEPARATOR_REGIONS[row.separator];
      expect(region, `unknown separator ${row.separator}`).toBeDefined();
      const a = byName.get(row.name);
      expect(a?.region, row.name).toBe(region?.name);
      expect(a?.regionCode, row.name).toBe(region?.code);
    }
  });

  it('agrees with every LA triple in the DfE tidy excerpts', () => {
    const tidy = [...tidyLaRows('timeliness_20_week_excerpt.csv'), ...tidyLaRows('annual_reviews_excerpt.csv')];
    expect(tidy.length).toBeGreaterThan(0);
    for (const t of tidy) {
      const label = `${t.file}: ${t.old_la_code} ${t.la_name}`;
      const a = byOld.get(t.old_la_code);
      expect(a, label).toBeDefined();
      expect(a?.newCode, label).toBe(t.new_la_code);
      expect(a?.dfeTidyName ?? a?.name, label).toBe(t.la_name);
      expect(a?.regionCode, label).toBe(t.region_code);
      expect(a?.region, label).toBe(t.region_name);
    }
  });

  it('only uses dfeTidyName where it differs from the appeal-rate name', () => {
    for (const a of authorities) {
      if (a.dfeTidyName !== undefined) expect(a.dfeTidyName, a.name).not.toBe(a.name);
    }
  });

  it('has unique old and new codes in the expected formats', () => {
    expect(new Set(authorities.map((a) => a.oldCode)).size).toBe(authorities.length);
    expect(new Set(authorities.map((a) => a.newCode)).size).toBe(authorities.length);
    for (const a of authorities) {
      expect(a.oldCode, a.name).toMatch(/^\d{3}$/);
      expect(a.newCode, a.name).toMatch(/^E(06|08|09|10)\d{6}$/);
      expect(a.regionCode, a.name).toMatch(/^E1200000[1-9]$/);
    }
  });

  it('includes the post-2019 reorganised authorities with their current codes', () => {
    const expected: Array<[string, string, string]> = [
      ['Bournemouth, Christchurch and Poole', '839', 'E06000058'],
      ['Dorset', '838', 'E06000059'],
      ['Buckinghamshire', '825', 'E06000060'],
      ['North Northamptonshire', '940', 'E06000061'],
      ['West Northamptonshire', '941', 'E06000062'],
      ['Cumberland', '942', 'E06000063'],
      ['Westmorland and Furness', '943', 'E06000064'],
      ['North Yorkshire', '815', 'E06000065'],
      ['Somerset', '933', 'E06000066'],
    ];
    for (const [name, oldCode, newCode] of expected) {
      expect(byName.get(name), name).toMatchObject({ oldCode, newCode });
    }
  });

  it('is sorted by name and names its source', () => {
    const names = authorities.map((a) => a.name);
    const sorted = [...names].sort((x, y) => {
      const a = x.toLowerCase();
      const b = y.toLowerCase();
      return a < b ? -1 : a > b ? 1 : 0;
    });
    expect(names).toEqual(sorted);
    expect(data.source.length).toBeGreaterThan(0);
  });
});
