/**
 * The handbook's Annex A person-level lists (docs/domain §3.1): their fields, the header spellings the check
 * recognises, and the rules each row is checked against. Pure data, shared by main (the check) and the renderer
 * (titles of rules and fields). The lists themselves never leave the check: only counts are kept.
 */

export const ANNEX_A_LISTS = [1, 2] as const;
export type AnnexAList = (typeof ANNEX_A_LISTS)[number];

/** The catalogue items the two lists are (catalogue 2026.2, split from `person-level-lists`). */
export const ANNEX_A_ITEM: Record<AnnexAList, string> = { 1: 'annex-a-list-1-ehcp', 2: 'annex-a-list-2-sen-support' };

export interface AnnexAField {
  /** camelCase of the §3.1 name: the key in the CLI's JSON and the API. */
  key: string;
  /** The field's name as §3.1 (and the Annex A template) writes it. */
  name: string;
  /** Other spellings seen in case-management exports (compared after normaliseHeader). */
  synonyms: string[];
  /** Read as a date (105/106 rules, date-format). */
  date?: boolean;
  /** Only on List 1 (the three EHC plan dates and elective home education). */
  list1Only?: boolean;
  /** A field inspectors link across (absence, suspensions, social care…): shown in the completeness table first. */
  linked?: boolean;
}

export const ANNEX_A_FIELDS: readonly AnnexAField[] = [
  {
    key: 'uniqueId',
    name: 'Unique ID',
    synonyms: ['ID', 'Child ID', 'Person ID', 'Unique identifier', 'LA ID', 'Local ID', 'Case ID', 'Client ID'],
  },
  { key: 'upn', name: 'UPN', synonyms: ['Unique Pupil Number', 'Pupil UPN', 'UPN number'] },
  { key: 'uln', name: 'ULN', synonyms: ['Unique Learner Number', 'Learner number', 'ULN number'] },
  {
    key: 'dateOfBirth',
    name: 'Date of birth',
    synonyms: ['DOB', 'Birth date', 'Date of birth (DOB)', 'D.O.B.', 'Birthdate'],
    date: true,
  },
  { key: 'gender', name: 'Gender', synonyms: ['Sex', 'Gender (sex)', 'Legal sex'] },
  { key: 'ethnicity', name: 'Ethnicity', synonyms: ['Ethnic group', 'Ethnic origin', 'Ethnicity code', 'Ethnic code'] },
  {
    key: 'dateInitialEhcPlanIssued',
    name: 'Date initial EHC plan issued',
    list1Only: true,
    date: true,
    synonyms: [
      'Initial EHC plan issued',
      'Date initial EHCP issued',
      'Initial EHCP issue date',
      'Date of initial EHC plan',
      'EHC plan start date',
      'Date EHC plan first issued',
      'Date of initial EHCP',
      'Initial EHCP date',
      'First EHCP issue date',
    ],
  },
  {
    key: 'dateUpdatedEhcPlanIssued',
    name: 'Date updated EHC plan issued',
    list1Only: true,
    date: true,
    synonyms: [
      'Updated EHC plan issued',
      'Date updated EHCP issued',
      'Updated EHCP issue date',
      'Date of updated EHC plan',
      'Date latest EHC plan issued',
      'Date amended EHC plan issued',
      'Latest EHCP issue date',
      'Date of latest EHCP',
      'Updated EHCP date',
      'Amended EHCP issue date',
    ],
  },
  {
    key: 'dateEhcPlanLastReviewed',
    name: 'Date EHC plan last reviewed',
    list1Only: true,
    date: true,
    synonyms: [
      'EHC plan last reviewed',
      'Date EHCP last reviewed',
      'Last annual review date',
      'Date of last annual review',
      'Last review date',
      'Date of last review',
    ],
  },
  {
    key: 'senPrimaryNeed',
    name: 'SEN primary need',
    synonyms: [
      'Primary need',
      'Primary SEN need',
      'Primary type of need',
      'SEN primary type of need',
      'Primary SEN type',
    ],
  },
  {
    key: 'mainEducationEstablishmentUrn',
    name: 'Main education establishment – URN',
    synonyms: [
      'Main education establishment URN',
      'Main establishment URN',
      'Establishment URN',
      'School URN',
      'URN',
      'Main school URN',
    ],
  },
  {
    key: 'mainEducationEstablishmentPhase',
    name: 'Main education establishment – phase',
    synonyms: [
      'Main education establishment phase',
      'Main establishment phase',
      'Establishment phase',
      'School phase',
      'Phase',
    ],
  },
  {
    key: 'subsidiaryEducationEstablishmentPhaseDualRegistration',
    name: 'Subsidiary education establishment – phase (dual registration)',
    synonyms: [
      'Subsidiary education establishment phase',
      'Subsidiary education establishment – phase',
      'Subsidiary establishment phase',
      'Dual registration phase',
      'Subsidiary phase',
      'Dual registration',
    ],
  },
  {
    key: 'electiveHomeEducation',
    name: 'Elective home education',
    list1Only: true,
    linked: true,
    synonyms: ['EHE', 'Electively home educated', 'Home educated'],
  },
  {
    key: 'suspensions',
    name: 'Suspensions',
    linked: true,
    synonyms: [
      'Number of suspensions',
      'No of suspensions',
      'Fixed term exclusions',
      'Fixed-term exclusions',
      'Suspension',
    ],
  },
  {
    key: 'permanentExclusions',
    name: 'Permanent exclusions',
    linked: true,
    synonyms: [
      'Number of permanent exclusions',
      'No of permanent exclusions',
      'Permanent exclusion',
      'Permanently excluded',
    ],
  },
  {
    key: 'absence',
    name: 'Absence',
    linked: true,
    synonyms: ['Absence rate', 'Percentage absence', 'Overall absence', 'Attendance absence', 'Absence percent'],
  },
  {
    key: 'pupilPremium',
    name: 'Pupil Premium',
    linked: true,
    synonyms: ['Pupil premium eligible', 'PP', 'PP eligible', 'Pupil premium eligibility', 'PP eligibility'],
  },
  {
    key: 'knownToChildrensSocialCare',
    name: "Known to children's social care?",
    linked: true,
    synonyms: ["Known to children's social care", 'Known to CSC', 'Known to social care', 'Childrens social care'],
  },
  {
    key: 'whichChildrensSocialCareTeam',
    name: "Which children's social care team?",
    linked: true,
    synonyms: ["Which children's social care team", "Children's social care team", 'Social care team', 'CSC team'],
  },
  {
    key: 'doesTheChildOrYoungPersonHaveADisability',
    name: 'Does the child or young person have a disability?',
    linked: true,
    synonyms: [
      'Does the child or young person have a disability',
      'Disability',
      'Disabled',
      'Has a disability',
      'Disability status',
    ],
  },
];

/** The fields of one list, in §3.1 order: 21 on List 1, 17 on List 2. */
export function listFields(list: AnnexAList): readonly AnnexAField[] {
  return list === 1 ? ANNEX_A_FIELDS : ANNEX_A_FIELDS.filter((f) => !f.list1Only);
}

export type AnnexARuleId =
  | '101a'
  | '101b'
  | '101c'
  | '101d'
  | '102a'
  | '102b'
  | '103'
  | '105a'
  | '105b'
  | '105c'
  | '105d'
  | '106a'
  | '106b'
  | '107'
  | '108'
  | '109'
  | 'upn-check'
  | 'uln-check'
  | 'date-format';

export interface AnnexARule {
  id: AnnexARuleId;
  /** What the rule finds, in a phrase that follows "Rows where…" or stands alone. */
  title: string;
  /** A query is worth a look but does not stop the list being ready (age 25 is still in scope). */
  severity: 'error' | 'query';
  /** Applies to List 1 only (the EHC plan dates). */
  list1Only?: boolean;
}

/** Every rule, in the order results are listed (docs/domain §3.1 and issue 19). */
export const ANNEX_A_RULES: readonly AnnexARule[] = [
  { id: '101a', title: 'Date of birth missing', severity: 'error' },
  { id: '101b', title: 'Gender missing', severity: 'error' },
  { id: '101c', title: 'Ethnicity missing', severity: 'error' },
  { id: '101d', title: 'SEN primary need missing', severity: 'error' },
  { id: '102a', title: 'Aged 25 at the reference date (check they are still in scope)', severity: 'query' },
  { id: '102b', title: 'Aged 26 or over at the reference date', severity: 'error' },
  { id: '103', title: 'Disability status missing', severity: 'error' },
  { id: '105a', title: 'Date of birth after the reference date', severity: 'error' },
  { id: '105b', title: 'Initial EHC plan issued after the reference date', severity: 'error', list1Only: true },
  { id: '105c', title: 'Updated EHC plan issued after the reference date', severity: 'error', list1Only: true },
  { id: '105d', title: 'EHC plan last reviewed after the reference date', severity: 'error', list1Only: true },
  { id: '106a', title: 'Initial EHC plan issued after the updated plan', severity: 'error', list1Only: true },
  { id: '106b', title: 'Initial EHC plan issued after the last review', severity: 'error', list1Only: true },
  { id: '107', title: 'Aged 6 or over with no UPN, no ULN and no UPN-unknown code (UN1–UN10)', severity: 'error' },
  {
    id: '108',
    title: 'School age (5–16 at the previous 31 August) with no main establishment URN and no subsidiary phase',
    severity: 'error',
  },
  { id: '109', title: 'The same UPN on more than one row', severity: 'error' },
  { id: 'upn-check', title: 'UPN check letter wrong (or not a UPN)', severity: 'error' },
  { id: 'uln-check', title: 'ULN check digit wrong (or not a ULN)', severity: 'error' },
  { id: 'date-format', title: 'A date that cannot be read (use dd/mm/yyyy or yyyy-mm-dd)', severity: 'error' },
];

export const annexARule = (id: string): AnnexARule | undefined => ANNEX_A_RULES.find((r) => r.id === id);

/** The rules that apply to a list: List 2 rows are checked without the plan-date rules. */
export function listRules(list: AnnexAList): readonly AnnexARule[] {
  return list === 1 ? ANNEX_A_RULES : ANNEX_A_RULES.filter((r) => !r.list1Only);
}

/** One rule's finding: which rows (1 = first data row) broke it, and for date-format the column. */
export interface AnnexARuleResult {
  id: AnnexARuleId;
  count: number;
  rows: number[];
  column?: string;
}

/** How complete a field is: filled rows of all rows. */
export interface AnnexACompleteness {
  field: string;
  name: string;
  column: string | null;
  linked: boolean;
  filled: number;
  missing: number;
}

/**
 * An aggregate profile category: its count, or null when suppressed — `small` (above zero and below the threshold)
 * or `complement` (hidden beside a small one, which the list's row count minus the others would otherwise give).
 */
export interface ProfileCount {
  label: string;
  count: number | null;
  suppressed?: 'small' | 'complement';
}

/** A profile count as the screen and the pack print it (a stored profile is already suppressed). */
export function profileCountText(c: ProfileCount, threshold: number): string {
  if (c.count !== null) return c.count.toLocaleString('en-GB');
  // Older saved profiles have no `suppressed`: a hidden count was always a small one then.
  return c.suppressed === 'complement' ? 'not shown' : `fewer than ${threshold}`;
}

export interface AnnexAProfile {
  list: AnnexAList;
  rows: number;
  asOf: string;
  threshold: number;
  primaryNeed: ProfileCount[];
  ageBand: ProfileCount[];
  phase: ProfileCount[];
  sex: ProfileCount[];
  ethnicity: ProfileCount[];
}
