/**
 * What the privacy scanner reports (issue 6), shared so the API contract and the renderer can name and mask
 * findings the same way main does.
 */

export const FINDING_KINDS = [
  'upn',
  'former-upn',
  'nhs-number',
  'uln',
  'date-of-birth',
  'postcode',
  'address',
  'email',
  'phone',
  'case-reference',
  'person-name',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** `block`: the pack and bundle refuse to build until it is resolved. `warn`: listed for the officer to review. */
export type FindingSeverity = 'block' | 'warn';

/** How a finding's kind is named to officers, and inside masked snippets. */
export const FINDING_KIND_LABELS: Readonly<Record<FindingKind, string>> = {
  upn: 'UPN',
  'former-upn': 'former UPN',
  'nhs-number': 'NHS number',
  uln: 'ULN',
  'date-of-birth': 'date of birth',
  postcode: 'postcode',
  address: 'address',
  email: 'email address',
  phone: 'phone number',
  'case-reference': 'case reference',
  'person-name': 'name',
};

/** Kinds whose mask keeps the last two characters, so an officer can tell which number it was; never more. */
const KEEPS_TAIL: ReadonlySet<FindingKind> = new Set<FindingKind>([
  'upn',
  'former-upn',
  'nhs-number',
  'uln',
  'phone',
  'case-reference',
]);

/**
 * An identifier as a snippet shows it: a bracketed label, e.g. "[NHS number ••19]", "[UPN ••01]", "[name]",
 * "[date of birth]". Never more than the last two letters or digits, and those only for reference numbers with at
 * least six of them; names, addresses, postcodes, emails and dates show nothing at all.
 */
export function maskIdentifier(kind: FindingKind, raw: string): string {
  const label = FINDING_KIND_LABELS[kind];
  if (!KEEPS_TAIL.has(kind)) return `[${label}]`;
  const alnum = raw.replace(/[^0-9A-Za-z]/g, '');
  return alnum.length >= 6 ? `[${label} ••${alnum.slice(-2)}]` : `[${label}]`;
}
