/**
 * The aggregate profile of a list (issue 19 item 3): counts by primary need, age band, phase, sex and ethnic group,
 * with small counts suppressed, fit for the pack's context section. Every label is one of a fixed set below, never
 * a value copied from the list: a cell that matches no known code or name counts as "Other or not recognised", so a
 * name typed into the wrong column can never come out as a category.
 */
import type { Cell } from '../datasets/import/tabular/types';
import { normaliseHeader } from '../datasets/import/tabular/header';
import { isSmallCount } from '../privacy/small-numbers';
import type { AnnexAList, AnnexAProfile, ProfileCount } from '../../shared/domain/annex-a';
import { ageOn } from './ages';

const NOT_RECORDED = 'Not recorded';
const UNRECOGNISED = 'Other or not recognised';

/** SEN2 / school census primary need codes and their names (DfE), matched after normaliseHeader. */
const NEEDS: [string, string[]][] = [
  ['Specific learning difficulty (SpLD)', ['spld', 'specific learning difficulty']],
  ['Moderate learning difficulty (MLD)', ['mld', 'moderate learning difficulty']],
  ['Severe learning difficulty (SLD)', ['sld', 'severe learning difficulty']],
  [
    'Profound and multiple learning difficulty (PMLD)',
    ['pmld', 'profound and multiple learning difficulty', 'profound multiple learning difficulty'],
  ],
  ['Social, emotional and mental health (SEMH)', ['semh', 'social emotional and mental health']],
  [
    'Speech, language and communication needs (SLCN)',
    ['slcn', 'speech language and communication needs', 'speech language and communication'],
  ],
  ['Hearing impairment (HI)', ['hi', 'hearing impairment']],
  ['Vision impairment (VI)', ['vi', 'vision impairment', 'visual impairment']],
  ['Multi-sensory impairment (MSI)', ['msi', 'multi sensory impairment', 'multisensory impairment']],
  ['Physical disability (PD)', ['pd', 'physical disability']],
  [
    'Autism (ASD)',
    ['asd', 'autism', 'autistic spectrum disorder', 'autism spectrum disorder', 'autistic spectrum condition', 'asc'],
  ],
  [
    'Other difficulty or disability (OTH)',
    ['oth', 'other', 'other difficulty disability', 'other difficulty or disability'],
  ],
  [
    'No specialist assessment of need (NSA)',
    ['nsa', 'sen support but no specialist assessment of type of need', 'no specialist assessment'],
  ],
];

const PHASES: [string, string[]][] = [
  ['Early years / nursery', ['nur', 'nursery', 'early years', 'ey', 'pre school', 'preschool']],
  ['Primary', ['pri', 'primary', 'infant', 'junior', 'first', 'middle deemed primary']],
  ['Secondary', ['sec', 'secondary', 'middle deemed secondary', 'high']],
  ['All-through', ['all through', 'allthrough', 'all']],
  [
    'Post-16 / further education',
    ['p16', 'post 16', '16 plus', 'fe', 'further education', 'sixth form', 'college', 'post16'],
  ],
  ['Special', ['spe', 'spec', 'special', 'special school']],
  ['Alternative provision', ['ap', 'alt', 'alternative provision', 'pru', 'pupil referral unit']],
];

const SEXES: [string, string[]][] = [
  ['Female', ['f', 'female', 'girl']],
  ['Male', ['m', 'male', 'boy']],
];

const AGE_BANDS = ['Under 5', '5 to 10', '11 to 15', '16 to 19', '20 to 25', '26 and over'] as const;

function lookup(table: [string, string[]][]): Map<string, string> {
  const map = new Map<string, string>();
  for (const [label, names] of table) for (const n of names) map.set(n, label);
  return map;
}
const NEED_LOOKUP = lookup(NEEDS);
const PHASE_LOOKUP = lookup(PHASES);
const SEX_LOOKUP = lookup(SEXES);

/** DfE ethnicity codes (4 letters, first letter the major group) or written names, as major groups. */
function ethnicGroup(value: string): string {
  const v = normaliseHeader(value);
  if (v === '') return NOT_RECORDED;
  if (/^(refu|nobt)$/.test(v) || /\b(refused|not obtained|not known|information not yet obtained)\b/.test(v))
    return 'Refused or not obtained';
  if (/^chne$/.test(v) || /\bchinese\b/.test(v)) return 'Asian';
  if (/^w[a-z]{3}$/.test(v) || /\bwhite\b|\bgypsy\b|\broma\b|\btraveller\b/.test(v)) return 'White';
  if (/^m[a-z]{3}$/.test(v) || /\bmixed\b|\bdual background\b/.test(v)) return 'Mixed';
  if (/^a[a-z]{3}$/.test(v) || /\basian\b|\bindian\b|\bpakistani\b|\bbangladeshi\b/.test(v)) return 'Asian';
  if (/^b[a-z]{3}$/.test(v) || /\bblack\b|\bcaribbean\b|\bafrican\b/.test(v)) return 'Black';
  if (/^o[a-z]{3}$/.test(v) || /\bany other\b|\barab\b|\bother ethnic\b/.test(v)) return 'Other ethnic group';
  return UNRECOGNISED;
}

function ageBand(born: string | null, asOf: string): string {
  if (!born || born > asOf) return NOT_RECORDED;
  const age = ageOn(born, asOf);
  return age < 5
    ? AGE_BANDS[0]
    : age <= 10
      ? AGE_BANDS[1]
      : age <= 15
        ? AGE_BANDS[2]
        : age <= 19
          ? AGE_BANDS[3]
          : age <= 25
            ? AGE_BANDS[4]
            : AGE_BANDS[5];
}

const labelFrom =
  (map: Map<string, string>) =>
  (cell: Cell | undefined): string => {
    if (!cell || cell.kind === 'empty') return NOT_RECORDED;
    return map.get(normaliseHeader(cell.raw)) ?? UNRECOGNISED;
  };

/**
 * Counts in a fixed label order (labels never seen are left out), each suppressed when small — and, because every
 * table adds up to the list's row count (printed beside it), one more: a lone suppressed count would be the row count
 * minus the others, so the next smallest counts are suppressed too until at least two are and together they reach
 * the threshold (1 and 1 hidden beside a known total of 2 would still be exact).
 */
function counts(tally: Map<string, number>, order: readonly string[], threshold: number): ProfileCount[] {
  const labels = [...order, UNRECOGNISED, NOT_RECORDED].filter((l, i, all) => all.indexOf(l) === i && tally.has(l));
  const hidden = new Set(labels.filter((l) => isSmallCount(tally.get(l)!, threshold)));
  const hiddenSum = () => [...hidden].reduce((n, l) => n + tally.get(l)!, 0);
  while (hidden.size > 0 && (hidden.size < 2 || hiddenSum() < threshold)) {
    const next = labels
      .filter((l) => !hidden.has(l))
      .sort((a, b) => tally.get(a)! - tally.get(b)! || labels.indexOf(a) - labels.indexOf(b))[0];
    if (next === undefined) break;
    hidden.add(next);
  }
  return labels.map((label) => {
    const n = tally.get(label)!;
    if (!hidden.has(label)) return { label, count: n };
    return { label, count: null, suppressed: isSmallCount(n, threshold) ? 'small' : 'complement' };
  });
}

export function listProfile(
  rows: readonly (readonly Cell[])[],
  headerRow: number,
  mapping: Record<string, number | null>,
  list: AnnexAList,
  asOf: string,
  threshold: number,
): AnnexAProfile {
  const col = (key: string): number => mapping[key] ?? -1;
  const tallies = {
    primaryNeed: new Map<string, number>(),
    ageBand: new Map<string, number>(),
    phase: new Map<string, number>(),
    sex: new Map<string, number>(),
    ethnicity: new Map<string, number>(),
  };
  const add = (map: Map<string, number>, label: string) => map.set(label, (map.get(label) ?? 0) + 1);
  const need = labelFrom(NEED_LOOKUP);
  const phase = labelFrom(PHASE_LOOKUP);
  const sex = labelFrom(SEX_LOOKUP);
  let n = 0;
  for (let r = headerRow; r < rows.length; r++) {
    const cells = rows[r]!;
    if (cells.every((c) => c.kind === 'empty')) continue;
    n++;
    const at = (key: string): Cell | undefined => (col(key) < 0 ? undefined : cells[col(key)]);
    add(tallies.primaryNeed, need(at('senPrimaryNeed')));
    const dob = at('dateOfBirth');
    add(tallies.ageBand, ageBand(dob?.kind === 'date' ? (dob.date ?? null) : null, asOf));
    add(tallies.phase, phase(at('mainEducationEstablishmentPhase')));
    add(tallies.sex, sex(at('gender')));
    const eth = at('ethnicity');
    add(tallies.ethnicity, eth && eth.kind !== 'empty' ? ethnicGroup(eth.raw) : NOT_RECORDED);
  }
  return {
    list,
    rows: n,
    asOf,
    threshold,
    primaryNeed: counts(
      tallies.primaryNeed,
      NEEDS.map(([l]) => l),
      threshold,
    ),
    ageBand: counts(tallies.ageBand, AGE_BANDS, threshold),
    phase: counts(
      tallies.phase,
      PHASES.map(([l]) => l),
      threshold,
    ),
    sex: counts(tallies.sex, [...SEXES.map(([l]) => l)], threshold),
    ethnicity: counts(
      tallies.ethnicity,
      ['White', 'Mixed', 'Asian', 'Black', 'Other ethnic group', 'Refused or not obtained'],
      threshold,
    ),
  };
}
