import { describe, expect, it } from 'vitest';
import { checkListFile } from '../../../main/annex-a/check-list';
import { toCsv } from '../../fixtures/imports/csv-text';

// The aggregate profile of a list (issue 19 item 3): exact counts per group from a list built row by row here, small
// counts suppressed, and — because each table adds up to the list's row count — the next smallest too, so no
// suppressed count can be worked out by subtraction.

const HEADER = ['UPN', 'Date of birth', 'Sex', 'Ethnic group', 'Primary need', 'School phase', 'Disability'];

/** `n` rows of one kind. */
const rows = (n: number, dob: string, sex: string, eth: string, need: string, phase: string): string[][] =>
  Array.from({ length: n }, () => ['', dob, sex, eth, need, phase, 'N']);

// 40 rows. Ages on 07/12/2026: born 01/01/2023 → 3, 01/01/2018 → 8, 01/01/1990 → 36.
const LIST = [
  ...rows(10, '01/01/2023', 'F', 'WBRI', 'ASD', 'PRI'),
  ...rows(8, '2018-01-01', 'Female', 'WBRI', 'ASD', 'Primary'),
  ...rows(2, '01/01/2018', 'girl', 'White British', 'Autism', 'PRI'),
  ...rows(10, '01/01/2018', 'F', 'WBRI', 'SEMH', 'SEC'),
  ...rows(2, '01/01/2018', 'M', 'MWBC', 'SEMH', 'Primary'),
  ...rows(4, '01/01/2018', 'M', 'MWBC', 'SLCN', 'Primary'),
  ...rows(2, '01/01/1990', 'male', 'BAFR', 'mld', 'PRI'),
  [' ', '', '', 'APKN', 'Moderate learning difficulty', 'PRI', 'N'],
  ['', '01/01/1990', '', '', 'Jane Doe', 'PRI', 'N'],
];

describe('the aggregate profile of a list', () => {
  it('counts each group exactly, suppresses small counts and the next smallest beside them', () => {
    const result = checkListFile(new TextEncoder().encode(toCsv([HEADER, ...LIST])), 'list2.csv', {
      list: 2,
      asOf: '2026-12-07',
      profileThreshold: 5,
    });
    if (!result.ok) throw new Error(result.problem);
    const profile = result.profile!;
    expect(profile).toMatchObject({ list: 2, rows: 40, asOf: '2026-12-07', threshold: 5 });

    // Sex: Female 30, Male 8, not recorded 2 (small); Male hidden beside it, or 40 − 30 would give 2.
    expect(profile.sex).toEqual([
      { label: 'Female', count: 30 },
      { label: 'Male', count: null, suppressed: 'complement' },
      { label: 'Not recorded', count: null, suppressed: 'small' },
    ]);
    // Primary need: three small counts together reach 5, so nothing more is hidden. A name typed into the column
    // counts as "Other or not recognised", never as a group of its own.
    expect(profile.primaryNeed).toEqual([
      { label: 'Moderate learning difficulty (MLD)', count: null, suppressed: 'small' },
      { label: 'Social, emotional and mental health (SEMH)', count: 12 },
      { label: 'Speech, language and communication needs (SLCN)', count: null, suppressed: 'small' },
      { label: 'Autism (ASD)', count: 20 },
      { label: 'Other or not recognised', count: null, suppressed: 'small' },
    ]);
    expect(JSON.stringify(profile)).not.toContain('Jane Doe');
    // Ethnic group: Black 2, Asian 1, not recorded 1 — together 4, below 5 — so Mixed (6) is hidden as well.
    expect(profile.ethnicity).toEqual([
      { label: 'White', count: 30 },
      { label: 'Mixed', count: null, suppressed: 'complement' },
      { label: 'Asian', count: null, suppressed: 'small' },
      { label: 'Black', count: null, suppressed: 'small' },
      { label: 'Not recorded', count: null, suppressed: 'small' },
    ]);
    // Age: under 5 10, 5 to 10 26, 26 and over 3, not recorded 1: the two small ones reach 4, so the next smallest
    // (under 5) goes too.
    expect(profile.ageBand).toEqual([
      { label: 'Under 5', count: null, suppressed: 'complement' },
      { label: '5 to 10', count: 26 },
      { label: '26 and over', count: null, suppressed: 'small' },
      { label: 'Not recorded', count: null, suppressed: 'small' },
    ]);
    // Phase: nothing small, nothing hidden.
    expect(profile.phase).toEqual([
      { label: 'Primary', count: 30 },
      { label: 'Secondary', count: 10 },
    ]);
  });

  it('hides nothing when no count is small', () => {
    const result = checkListFile(
      new TextEncoder().encode(toCsv([HEADER, ...rows(6, '01/01/2018', 'F', 'WBRI', 'ASD', 'PRI')])),
      'small.csv',
      { list: 2, asOf: '2026-12-07', profileThreshold: 5 },
    );
    expect(result.ok && result.profile!.sex).toEqual([{ label: 'Female', count: 6 }]);
  });
});
