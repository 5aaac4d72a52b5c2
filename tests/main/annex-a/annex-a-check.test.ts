import { describe, expect, it } from 'vitest';
import { checkListFile, resultCsv, type ListCheckOk } from '../../../main/annex-a/check-list';
import { ageOn, previousAugust31 } from '../../../main/annex-a/ages';
import { listRules } from '../../../shared/domain/annex-a';
import {
  AS_OF,
  found,
  generateList,
  identifiersOf,
  listGrid,
  validUln,
  validUpn,
  type GeneratedList,
} from '../../fixtures/annex-a/list-generator';
import { toCsv } from '../../fixtures/imports/csv-text';
import { buildXlsx, dateCell, type XCell } from '../../fixtures/imports/xlsx';

const encode = (text: string) => new TextEncoder().encode(text);

function check(bytes: Uint8Array, name: string, list: 1 | 2 = 1, asOf = AS_OF): ListCheckOk {
  const result = checkListFile(bytes, name, { list, asOf });
  if (!result.ok) throw new Error(result.problem);
  return result;
}

/** The result's rule hits as the generator keys them (date-format per field). */
function hitsOf(result: ListCheckOk): Map<string, number[]> {
  const fieldOf = new Map(Object.entries(result.columns).map(([field, header]) => [header, field]));
  const hits = new Map<string, number[]>();
  for (const rule of result.rules) {
    if (rule.count === 0) continue;
    hits.set(rule.id === 'date-format' ? `date-format:${fieldOf.get(rule.column!)}` : rule.id, rule.rows);
  }
  return hits;
}

function expectExact(result: ListCheckOk, generated: GeneratedList) {
  expect(result.rows).toBe(generated.rows.length);
  expect(Object.fromEntries(hitsOf(result))).toEqual(Object.fromEntries(generated.expected));
  for (const rule of result.rules) expect(rule.count).toBe(rule.rows.length);
}

describe('List 1 of 20,000 rows with every rule planted', () => {
  const generated = generateList(20_000, 1);
  const csv = encode(toCsv(listGrid(generated), '\r\n'));

  it('plants every rule of List 1', () => {
    const planted = new Set([...generated.expected.keys()].map((k) => k.split(':')[0]));
    expect([...planted].sort()).toEqual(
      listRules(1)
        .map((r) => r.id)
        .sort(),
    );
    expect(generated.expected.get('date-format:dateOfBirth')!.length).toBeGreaterThan(0);
  });

  it('gives the exact count and rows of every rule, with every column found whatever its order', () => {
    const result = check(csv, 'List 1 EHCP.csv');
    expectExact(result, generated);
    expect(Object.values(result.columns).every((h) => h !== null)).toBe(true);
    expect(result.columns.dateOfBirth).toBe('DOB');
    expect(result.rules.find((r) => r.id === 'date-format' && r.column === 'DOB')!.count).toBe(20);
  });

  it('shows a completeness table, and a CSV of row numbers and rule ids only', () => {
    const result = check(csv, 'List 1 EHCP.csv');
    const dob = result.completeness.find((c) => c.field === 'dateOfBirth')!;
    expect(dob).toMatchObject({ column: 'DOB', filled: 20_000 - 20, missing: 20 });
    expect(result.completeness.find((c) => c.field === 'whichChildrensSocialCareTeam')).toMatchObject({
      linked: true,
      filled: 0,
      missing: 20_000,
    });
    const saved = resultCsv(result);
    const lines = saved.trim().split('\r\n');
    expect(lines[0]).toBe('Row,Rule,Column');
    expect(lines.length - 1).toBe(result.rules.reduce((n, r) => n + r.count, 0));
    expect(lines).toContain(`${generated.expected.get('109')![0]},109,`);
    const ids = identifiersOf(generated);
    expect(found(saved, ids)).toEqual([]);
    expect(found(JSON.stringify(result), ids)).toEqual([]);
  });
});

describe('List 2 (SEN support)', () => {
  it('is checked without the plan-date rules, exactly', () => {
    const generated = generateList(3_000, 2, 7);
    const result = check(encode(toCsv(listGrid(generated))), 'List 2.csv', 2);
    expect(result.rules.map((r) => r.id)).not.toContain('106a');
    expect(result.rules.map((r) => r.id)).not.toContain('105b');
    expect(Object.keys(result.columns)).toHaveLength(17);
    expectExact(result, generated);
  });
});

describe('an Excel list with date cells', () => {
  it('reads Excel dates, numbers as ULNs and text dates alike', () => {
    const generated = generateList(2_000, 1, 3);
    const dateKeys = new Set([
      'dateOfBirth',
      'dateInitialEhcPlanIssued',
      'dateUpdatedEhcPlanIssued',
      'dateEhcPlanLastReviewed',
    ]);
    const cell = (key: string, value: string): XCell => {
      if (dateKeys.has(key) && /^\d{2}\/\d{2}\/\d{4}$/.test(value) && value !== '31/02/2015') {
        return dateCell(`${value.slice(6)}-${value.slice(3, 5)}-${value.slice(0, 2)}`);
      }
      if (key === 'uln' && /^\d{10}$/.test(value)) return Number(value);
      return value === '' ? null : value;
    };
    const rows: XCell[][] = [
      ['Annex A List 1 — extracted 07/12/2026'],
      [],
      generated.headers,
      ...generated.rows.map((r) => generated.keys.map((k) => cell(k, r[k] ?? ''))),
    ];
    const result = check(buildXlsx([{ name: 'List 1', rows }]), 'List 1.xlsx');
    expect(result.headerRow).toBe(3);
    expectExact(result, generated);
  });
});

describe('a workbook holding both lists and a sheet of notes', () => {
  const list1 = generateList(300, 1, 41);
  const list2 = generateList(200, 2, 42);
  const workbook = buildXlsx([
    { name: 'Notes', rows: [['How to fill in the Annex A lists'], ['UPN: the unique pupil number'], ['Gender: M, F']] },
    { name: 'List 1 - EHCP', rows: listGrid(list1) },
    { name: 'List 2 - SEN support', rows: listGrid(list2) },
  ]);

  it('checks the sheet that holds the chosen list', () => {
    const first = check(workbook, 'Annex A.xlsx', 1);
    expect(first).toMatchObject({
      sheet: 'List 1 - EHCP',
      rows: 300,
      sheets: ['Notes', 'List 1 - EHCP', 'List 2 - SEN support'],
    });
    expectExact(first, list1);
    const second = check(workbook, 'Annex A.xlsx', 2);
    expect(second).toMatchObject({ sheet: 'List 2 - SEN support', rows: 200, notes: [] });
    expectExact(second, list2);
  });

  it('says so when a List 1 sheet is checked as List 2', () => {
    const result = checkListFile(workbook, 'Annex A.xlsx', { list: 2, asOf: AS_OF, sheet: 'List 1 - EHCP' });
    expect(result.ok && result.notes.join(' ')).toMatch(/has EHC plan date columns .*: is it List 1\?/);
  });
});

describe('the rules at their edges', () => {
  const header = [
    'Unique ID',
    'UPN',
    'ULN',
    'Date of birth',
    'Gender',
    'Ethnicity',
    'SEN primary need',
    'Main education establishment – URN',
    'Subsidiary education establishment – phase (dual registration)',
    'Does the child or young person have a disability?',
  ];
  const row = (over: Partial<Record<string, string>>) => {
    const base: Record<string, string> = {
      id: 'A1',
      upn: validUpn(841, 5),
      uln: '',
      dob: '08/12/2010',
      gender: 'F',
      eth: 'WBRI',
      need: 'ASD',
      urn: '123456',
      sub: '',
      dis: 'N',
    };
    const v = { ...base, ...over };
    return [v.id!, v.upn!, v.uln!, v.dob!, v.gender!, v.eth!, v.need!, v.urn!, v.sub!, v.dis!];
  };
  const run = (rows: string[][], asOf = '2026-12-07') => {
    const result = check(encode(toCsv([header, ...rows])), 'edge.csv', 2, asOf);
    return Object.fromEntries(
      result.rules.filter((r) => r.count > 0).map((r) => [r.column ? `${r.id} ${r.column}` : r.id, r.rows]),
    );
  };

  it('counts whole years, a birthday on the reference date included', () => {
    expect(ageOn('2001-12-07', '2026-12-07')).toBe(25);
    expect(ageOn('2001-12-08', '2026-12-07')).toBe(24);
    expect(ageOn('2004-02-29', '2025-02-28')).toBe(20);
    expect(ageOn('2004-02-29', '2025-03-01')).toBe(21);
    expect(previousAugust31('2026-12-07')).toBe('2026-08-31');
    expect(previousAugust31('2026-08-31')).toBe('2025-08-31');
    expect(previousAugust31('2026-09-01')).toBe('2026-08-31');
    expect(
      run([
        row({ dob: '07/12/2001' }),
        row({ dob: '08/12/2001', upn: validUpn(841, 6) }),
        row({ dob: '2000-12-07', upn: validUpn(841, 7) }),
      ]),
    ).toEqual({ '102a': [1], '102b': [3] });
  });

  it('reads an empty date as missing, never as a date format problem; a date it cannot read names its column', () => {
    expect(
      run([
        row({ dob: '' }),
        row({ dob: '  ', upn: validUpn(841, 6) }),
        row({ dob: '12/31/2010', upn: validUpn(841, 7) }),
        row({ dob: '2010-12-08T00:00:00', upn: validUpn(841, 8) }),
      ]),
    ).toEqual({ '101a': [1, 2], 'date-format Date of birth': [3] });
  });

  it('treats UN1–UN10 as the UPN-unknown code, and an empty UPN as neither duplicate nor wrong', () => {
    expect(
      run([
        row({ upn: 'UN1' }),
        row({ upn: 'un10' }),
        row({ upn: 'UN1' }),
        row({ upn: '' }),
        row({ upn: '' }),
        row({ upn: 'UN11' }),
        row({ upn: '', uln: validUln(3) }),
      ]),
    ).toEqual({ '107': [4, 5], 'upn-check': [6] });
  });

  it('finds duplicate UPNs whatever their case and spaces, on every row they are on', () => {
    const upn = validUpn(841, 9);
    expect(run([row({ upn }), row({ upn: validUpn(841, 10) }), row({ upn: ` ${upn.toLowerCase()} ` })])).toEqual({
      '109': [1, 3],
    });
  });

  it('checks the UPN letter and the ULN digit (§6 vectors)', () => {
    expect(
      run([
        row({ upn: 'B801200005001' }),
        row({ upn: 'A801200005001' }),
        row({ upn: 'B80120000500', uln: '9276308686' }),
        row({ upn: validUpn(841, 11), uln: '9276308687' }),
      ]),
    ).toEqual({ 'upn-check': [2, 3], 'uln-check': [4] });
  });

  it('takes school age as 5 to 16 on the previous 31 August', () => {
    const noSchool = { urn: '', sub: '' };
    expect(
      run([
        row({ ...noSchool, dob: '31/08/2021', upn: validUpn(841, 21) }), // 5 on 31/08/2026: school age
        row({ ...noSchool, dob: '01/09/2021', upn: validUpn(841, 22) }), // 4 on 31/08/2026
        row({ ...noSchool, dob: '31/08/2009', upn: validUpn(841, 23) }), // 17 on 31/08/2026
        row({ ...noSchool, dob: '01/09/2009', upn: validUpn(841, 24) }), // 16 on 31/08/2026: school age
        row({ urn: '', sub: 'PRI', dob: '01/01/2015', upn: validUpn(841, 25) }),
      ]),
    ).toEqual({ '108': [1, 4] });
  });

  it("numbers rows from the first data row, keeping blank rows' numbers, and skips blank rows", () => {
    const result = check(
      encode(toCsv([header, row({}), [], row({ gender: '', upn: validUpn(841, 30) })])),
      'gaps.csv',
      2,
    );
    expect(result.rows).toBe(2);
    expect(result.rules.find((r) => r.id === '101b')!.rows).toEqual([3]);
  });

  it('refuses a file with no recognisable header, naming it', () => {
    const result = checkListFile(encode('a,b,c\n1,2,3\n'), 'notes.csv', { list: 1, asOf: AS_OF });
    expect(result).toMatchObject({ ok: false });
    expect(!result.ok && result.problem).toMatch(/notes\.csv has no header row/);
  });

  it('matches close variants of the headers: bracketed notes and a few extra words aside', () => {
    const variants = [
      'UPN (unique pupil number)',
      'ULN',
      'Date of birth (dd/mm/yyyy)',
      'Gender',
      'Ethnicity code',
      'SEN primary need (see lookup)',
      'Main education establishment - URN (6 digits)',
      'Subsidiary phase',
      'Does the CYP have a disability?',
      'Disability status',
    ];
    const result = check(
      encode(toCsv([variants, ['B801200005001', '', '07/12/2015', 'F', 'WBRI', 'ASD', '123456', '', 'Y', 'Y']])),
      'v.csv',
      2,
    );
    expect(result.columns).toMatchObject({
      upn: 'UPN (unique pupil number)',
      dateOfBirth: 'Date of birth (dd/mm/yyyy)',
      senPrimaryNeed: 'SEN primary need (see lookup)',
      mainEducationEstablishmentUrn: 'Main education establishment - URN (6 digits)',
      ethnicity: 'Ethnicity code',
      subsidiaryEducationEstablishmentPhaseDualRegistration: 'Subsidiary phase',
      doesTheChildOrYoungPersonHaveADisability: 'Disability status',
    });
    expect(result.rules.filter((r) => r.count > 0)).toEqual([]);
  });

  it('reads a case-management export with its own spellings, in capitals and in its own order', () => {
    const headers = [
      'Disability (Y/N)',
      'CHILD ID',
      'DATE OF BIRTH',
      'SEX',
      'UPN',
      'ULN',
      'ETHNICITY',
      'EHCP last review date',
      'Date of Initial EHCP',
      'Latest EHCP issue date',
      'Primary Need',
      'Main Education Establishment URN',
      'Main Education Establishment Phase',
      'Dual registration – subsidiary phase',
      'EHE?',
      'No. of suspensions',
      'No. of permanent exclusions',
      'Absence %',
      'PP eligible',
      'Known to Children’s Social Care',
      'CSC Team',
    ];
    // Row 1 clean; row 2: plan dates out of order and in the future; row 3: no establishment at school age.
    const data = [
      [
        'N',
        '1',
        '07/12/2015',
        'F',
        validUpn(841, 50),
        '',
        'WBRI',
        '01/06/2026',
        '01/01/2020',
        '01/01/2021',
        'ASD',
        '123456',
        'PRI',
        '',
        'N',
        '0',
        '0',
        '3.2',
        'N',
        'N',
        '',
      ],
      [
        'Y',
        '2',
        '2014-03-01',
        'M',
        validUpn(841, 51),
        '',
        'WBRI',
        '01/06/2026',
        '01/03/2021',
        '01/01/2021',
        'SEMH',
        '123456',
        'PRI',
        '',
        'N',
        '1',
        '0',
        '9.0',
        'Y',
        'Y',
        'CIN',
      ],
      [
        'N',
        '3',
        '01/02/2016',
        'F',
        validUpn(841, 52),
        '',
        'WBRI',
        '08/12/2026',
        '01/01/2020',
        '',
        'SLCN',
        '',
        'PRI',
        '',
        'N',
        '0',
        '0',
        '1.0',
        'N',
        'N',
        '',
      ],
    ];
    const result = check(encode(toCsv([headers, ...data])), 'mis export.csv', 1);
    expect(Object.entries(result.columns).filter(([, h]) => h === null)).toEqual([]);
    expect(result.columns).toMatchObject({
      uniqueId: 'CHILD ID',
      dateInitialEhcPlanIssued: 'Date of Initial EHCP',
      dateUpdatedEhcPlanIssued: 'Latest EHCP issue date',
      dateEhcPlanLastReviewed: 'EHCP last review date',
      suspensions: 'No. of suspensions',
      pupilPremium: 'PP eligible',
      knownToChildrensSocialCare: 'Known to Children’s Social Care',
    });
    expect(Object.fromEntries(result.rules.filter((r) => r.count > 0).map((r) => [r.id, r.rows]))).toEqual({
      '105d': [3],
      '106a': [2],
      '108': [3],
    });
  });

  it("follows the officer's mapping: a field mapped to no column counts as missing on every row", () => {
    const bytes = encode(toCsv([header, row({}), row({ upn: validUpn(841, 40) })]));
    const auto = check(bytes, 'm.csv', 2);
    const mapping = { ...auto.mapping, gender: null };
    const result = checkListFile(bytes, 'm.csv', { list: 2, asOf: AS_OF, mapping });
    expect(result.ok && result.columns.gender).toBeNull();
    expect(result.ok && result.rules.find((r) => r.id === '101b')!.rows).toEqual([1, 2]);
  });
});
