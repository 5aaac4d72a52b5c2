/**
 * The privacy scanner (issue 6 §1): finds personal data about children and families in a text — identifiers with
 * check digits, dates of birth, postcodes and addresses, email addresses, phone numbers, case references and
 * names after cues — and gives each finding a snippet in which every identifier is masked.
 *
 * Speed (issue 6 §6, at least 50 MB/s): one pass per family of identifiers with a simple global regular
 * expression (V8 scans those at hundreds of MB/s, skipping ahead on the first character), no per-character loop
 * over the text, and cue-based detectors (dates of birth, names, case references) that look only at the few
 * characters after a cue. No pattern can backtrack beyond a fixed, small number of steps per position.
 *
 * The rules (decided for issue 6; tests/main/privacy/privacy-*.test.ts hold an example of each):
 * - NHS number: ten digits, together or 3-3-4 with spaces or dashes, whose check digit holds (modulus 11).
 *   A run of one digit repeated ("0000000000", a placeholder) is ignored; ten digits after "+44" are a phone number;
 *   unevenly grouped digits touching other digit groups ("07000 135319 2024/25") are pieces of other figures.
 * - ULN: ten digits written together, first non-zero, whose modulus 11 check holds. (No ten digits are both.)
 * - UPN: a letter, 11 digits and a digit or letter (either case) whose check letter holds; also any UPN-shaped
 *   string within 30 characters after "UPN" even when its check letter fails (a mistyped UPN still identifies).
 *   After "former UPN" the kind is `former-upn`.
 * - Date of birth: a full real date within the last 26 years (to `today`), starting within 40 characters after
 *   "DOB", "D.O.B.", "date of birth", "birth date", "born" or "b." (only "b." right before the date), in the same
 *   sentence. Meeting dates and other dates without a cue are not findings.
 * - Postcode: a full UK postcode in upper case (outward and inward code); an outward code alone is not.
 * - Address: a house number, one to three capitalised words and a street word ("14 Acacia Avenue"); `block` when
 *   a town (", Kestrelmouth") or a postcode follows, `warn` otherwise. Figures ("Table 3 Row …", "in 5 Key Stage …") and
 *   courts ("2 County Court hearings") are not addresses.
 * - Email: every address except documentation domains (example.com/.org/.net, .test, .example, .invalid,
 *   .localhost), which are ignored, and `publicContacts` (the council's own published details, which also cover
 *   its phone numbers, office addresses and postcodes). A team or role mailbox ("send@…", "localoffer@…",
 *   every word of the local part a role word) at an organisation's domain is `warn`; all others, and every
 *   address at a personal mail provider (gmail.com, hotmail.co.uk…), are `block`.
 * - Phone: UK numbers, national or +44/0044: mobiles (07) and geographic numbers (01, 02) are `block`;
 *   non-geographic numbers (03, 080, 084, 087 — organisations' numbers) are `warn`; `publicContacts` are ignored.
 *   A bare ten-digit run is never a phone number (it is an NHS number, a ULN or a reference); eleven digits from 0 are.
 * - Case reference: `casePatterns` (the council's own formats) are `block`; a reference with at least three digits
 *   after a cue such as "case ref:", "client no.", "child ID", "EHCP number", "NHS no." is `warn`.
 * - Name: one or two capitalised words after "named", "called", "known as", "Mr", "Mrs", "Ms", "Miss", "Mx", "pupil",
 *   "student", "son", "daughter", "child", "young person", "brother", "sister", "baby" (initials too after Mr/Mrs/…),
 *   unless the word is a common non-name ("Pupil Premium", "called Early Help", "Mr Speaker") or an organisation
 *   follows ("called Oakfield Primary"). "Dr" is not a cue: in council text it is nearly always a professional.
 *   Every later occurrence in the same text of a name so found is a finding too.
 * Overlapping candidates are settled by kind: check-digit identifiers, then configured case references, emails,
 * phones, dates of birth, postcodes, addresses, names, cue-found case references.
 */
import { isValidNhsNumber, isValidUln, isValidUpn } from '../../shared/domain/privacy/check-digits';
import { maskIdentifier, type FindingKind, type FindingSeverity } from '../../shared/domain/privacy/findings';
import {
  classifyUkPhone,
  COURT_NAMES,
  dateFromMatch,
  FULL_DATE_SOURCE,
  isDocumentationDomain,
  isRoleMailbox,
  isWithinSendAgeRange,
  NOT_ADDRESS_FIRST_WORDS,
  NOT_NAME_WORDS,
  ORGANISATION_WORDS,
  PERSONAL_MAIL_DOMAINS,
  POSTCODE_SOURCE,
  STREET_WORDS,
} from '../../shared/domain/privacy/patterns';

export type { FindingKind, FindingSeverity };

/**
 * The version of the rules above. Findings in stored files are kept between checks under it (and the settings), so
 * a change to what is found must bump it; tests/main/privacy/privacy-scan-cache.test.ts holds the scanner's sources'
 * fingerprint and fails until the version and fingerprint are updated together.
 */
export const SCANNER_VERSION = 3;

export interface Finding {
  kind: FindingKind;
  /** Offsets into the scanned text: the identifier is text.slice(start, end). */
  start: number;
  end: number;
  severity: FindingSeverity;
  /** The raw matched text. Internal only (deciding, testing): never shown, logged, stored or exported. */
  match: string;
  /** About 60 characters around the finding, with every identifier in it masked ("[NHS number ••19]"). */
  snippet: string;
}

export interface ScanOptions {
  /** The council's own case-reference formats; every match is a blocking `case-reference`. None by default. */
  casePatterns?: readonly RegExp[];
  /** yyyy-mm-dd: dates of birth are looked for in the 26 years up to this day. Default: today (UTC). */
  today?: string;
  /**
   * Told when the findings depend on `today`: a date-of-birth cue with a full date after it was weighed against the
   * day. Text without one finds the same on any day, so its findings can be kept across days.
   */
  onDayWeighed?: () => void;
  /**
   * The council's published contact details, never findings: phone numbers (any spacing, +44 or 0), email addresses
   * (any case), and its offices' addresses ("1 Civic Way") and postcodes (any spacing).
   */
  publicContacts?: readonly string[];
}

interface Candidate {
  kind: FindingKind;
  start: number;
  end: number;
  severity: FindingSeverity;
  rank: number;
}

const RANK = {
  identifier: 10,
  configuredCase: 9,
  email: 8,
  phone: 7,
  dob: 6,
  postcode: 5,
  address: 4,
  name: 3,
  cuedCase: 2,
} as const;

// Ten digits, together or 3-3-4 with single spaces or dashes (docs/domain §6), not inside a longer word or
// number, and not a decimal or thousands-separated figure.
const TEN_DIGITS = /(?<![0-9A-Za-z_]|[0-9][.,])([0-9]{3})([ -]?)([0-9]{3})([ -]?)([0-9]{4})(?![0-9A-Za-z_]|[.,][0-9])/g;
const DIGIT_GROUP_BEFORE = /[0-9][ -]$/;
const DIGIT_GROUP_AFTER = /^[ /-][0-9]/;
const AFTER_INTERNATIONAL_PREFIX = /(?:\+ ?44|0044) ?(?:\(0\) ?)?$/;
const REPEATED_DIGIT = /^([0-9])\1{9}$/;

const UPN_SHAPED = /(?<![0-9A-Za-z_])[A-HJ-NP-RT-Za-hj-np-rt-z][0-9]{11}[0-9A-HJ-NP-RT-Za-hj-np-rt-z](?![0-9A-Za-z_])/g;
const UPN_CUE = /\bUPN\b/i;
const FORMER_UPN_CUE = /\bformer\s+UPN\b/i;

const POSTCODE_AT = new RegExp(`(?<![0-9A-Za-z_])${POSTCODE_SOURCE}(?![0-9A-Za-z_])`, 'y');
const INWARD_CODE = /[0-9][ABD-HJLNP-UW-Z]{2}(?![0-9A-Za-z_])/g;
const POSTCODE_AHEAD = new RegExp(`^,? *(?:[A-Z][A-Za-z'’-]+,? +){0,3}${POSTCODE_SOURCE}(?![0-9A-Za-z_])`);
const ADDRESS = new RegExp(
  `(?<![0-9A-Za-z_.,£$/-])[0-9]{1,4}[A-Za-z]?,? +((?:[A-Z][a-z'’]+(?:-[A-Z]?[a-z'’]+)? +){1,3})(${STREET_WORDS.join('|')})(?![0-9A-Za-z_'’-])`,
  'g',
);
const TOWN_AHEAD = /^, *[A-Z][a-z]/;

const EMAIL_DOMAIN = /(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9-])/y;

// A UK number: +44 / 0044 (optionally "(0)") then the number without its 0, or a national number from 0 (its
// area code optionally in brackets), then one to three groups of 2–6 digits, the first after a space, a dash or
// nothing, the others after a space or a dash.
const PHONE =
  /(?<![0-9A-Za-z_+£$€.,/\\-])(?:(?:\+ ?44|0044) ?(?:\(0\) ?)?[1-9][0-9]{0,4}|\(?0[0-9]{1,5}\)?)[ -]?[0-9]{2,6}(?:[ -][0-9]{2,6}){0,2}(?![0-9A-Za-z_]|[.,/][0-9])/g;

const DOB_CUE = /\b(?:d\.?o\.?b\b\.?|date\s+of\s+birth\b|birth\s?dates?\b|born\b|b\.(?= ?[0-9]))/iy;
const FULL_DATE = new RegExp(FULL_DATE_SOURCE, 'i');
const SENTENCE_BREAK = /[!?;]|\.\s+[A-Z]|\n\s*\n/;

const NAME_CUE =
  /\b(?:(Mrs|Mr|Ms|Miss|Mx)\.?|[Nn]amed|[Cc]alled|[Kk]nown as|[Pp]upil|[Ss]tudent|[Ss]on|[Dd]aughter|[Ss]tep-?(?:son|daughter)|[Gg]rand(?:son|daughter)|[Cc]hild|[Yy]oung person|[Bb]rother|[Ss]ister|[Bb]aby),? +(?=[A-Z])/y;
// A capitalised word, with Mc/Mac/O'/D' and double-barrelled forms; never a possessive "'s".
const NAME_WORD = "(?:Mc|Mac|O['’]|D['’])?[A-Z][a-z]+(?:-[A-Z]?[a-z]+|['’][A-Z][a-z]+)*";
const NAME_AT = new RegExp(`(${NAME_WORD})(?: (${NAME_WORD}))?(?![0-9A-Za-z_])`, 'y');
const NAMING_CUE = /^(?:named|called|known as)/i;
const PREVIOUS_WORD_CAPITALISED = /(?:^|[^0-9A-Za-z_])[A-Z][A-Za-z'’-]* $/;
const isUpper = (code: number) => code >= 65 && code <= 90;
const CAPITALISED_RUN_AT = /[A-Z][A-Za-z'’-]*(?: [A-Z][A-Za-z'’-]*){0,3}/y;
const INITIALS_NAME_AT = new RegExp(`(?:[A-Z]\\.? ){1,2}(${NAME_WORD})(?![0-9A-Za-z_])`, 'y');

const CASE_CUE =
  /\b(?:case|client|child(?:['’]s)?|pupil|patient|family|person|EHCP?|EHC plan|Mosaic|LCS|EHM|NHS|ULN|UPN)\s?(?:ref(?:erence)?|no|number|id)\b\.?\s*(?:[:#=-]\s*)?/iy;
// Where any of the cues above may start: every word that begins one of them, in any case. One pass of this (V8 runs
// it at about 640 MB/s) then the cues tried only where it matches replaces three passes of the cues themselves (about
// 700, 780 and 850 MB/s each, measured over the county bench's text), and finds the same: each cue's matches are still
// taken leftmost from where its previous match ended, as a global search of it alone would.
const CUE_START =
  /\b(?:b(?:aby|rother|irth|orn|\.)|c(?:a(?:lled|se)|hild|lient)|d(?:aughter|ate|\.?o\.?b)|e(?:hc|hm)|family|grand|known|lcs|m(?:[rsx]|iss|osaic)|n(?:amed|hs)|p(?:upil|atient|erson)|s(?:on|tudent|tep|ister)|u(?:ln|pn)|young)/gi;
const CASE_TOKEN_AT = /(?:[A-Za-z]{1,6}[-/]?)?[0-9][0-9A-Za-z/-]*(?: [0-9]+)*(?![0-9A-Za-z])/y;

const ANY_DIGIT = /[0-9]/;

const DATE_ONLY = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;

/** Scans `text`; findings in text order, none overlapping. */
export function scanText(text: string, options: ScanOptions = {}): Finding[] {
  const today = options.today ?? new Date().toISOString().slice(0, 10);
  if (!DATE_ONLY.test(today)) throw new RangeError(`scanText: today must be yyyy-mm-dd, not "${today}"`);
  const contacts = publicContactSet(options.publicContacts ?? NO_CONTACTS);
  const found: Candidate[] = [];
  const add = (kind: FindingKind, start: number, end: number, severity: FindingSeverity, rank: number) => {
    found.push({ kind, start, end, severity, rank });
  };

  // Every identifier but emails, names and the council's own formats holds a digit (a phone number a 0), and most
  // stored text is prose without one: those passes are skipped where they cannot find anything.
  const hasDigit = ANY_DIGIT.test(text);
  if (hasDigit) {
    scanTenDigits(text, add);
    scanUpns(text, add);
  }
  if (text.includes('@')) scanEmails(text, contacts, add);
  if (hasDigit && text.includes('0')) scanPhones(text, contacts, add);
  for (const pattern of options.casePatterns ?? []) scanConfigured(text, pattern, add);
  if (hasDigit) {
    scanPostcodes(text, contacts, add);
    scanAddresses(text, contacts, add);
  }
  scanCues(text, today, hasDigit, add, options.onDayWeighed);
  let findings = settle(found);
  const names = findings.filter((f) => f.kind === 'person-name');
  if (names.length > 0) findings = settle([...findings, ...laterOccurrences(text, names)]);
  return findings.map((f, i) => ({
    kind: f.kind,
    start: f.start,
    end: f.end,
    severity: f.severity,
    match: text.slice(f.start, f.end),
    snippet: snippet(text, findings, i),
  }));
}

type Add = (kind: FindingKind, start: number, end: number, severity: FindingSeverity, rank: number) => void;

function scanTenDigits(text: string, add: Add): void {
  TEN_DIGITS.lastIndex = 0;
  for (let m = TEN_DIGITS.exec(text); m; m = TEN_DIGITS.exec(text)) {
    const digits = m[1]! + m[3]! + m[5]!;
    if (REPEATED_DIGIT.test(digits)) continue;
    const start = m.index;
    const end = start + m[0].length;
    // Grouped unevenly ("135319 2024") and touching other digit groups, these are pieces of other figures
    // ("07000 135319 2024/25"), not an NHS number; evenly grouped or together, they are one whatever stands beside them.
    if (
      m[2] !== m[4] &&
      (DIGIT_GROUP_BEFORE.test(text.slice(Math.max(0, start - 2), start)) ||
        DIGIT_GROUP_AFTER.test(text.slice(end, end + 2)))
    )
      continue;
    if (isValidNhsNumber(digits)) {
      if (!AFTER_INTERNATIONAL_PREFIX.test(text.slice(Math.max(0, start - 12), start)))
        add('nhs-number', start, end, 'block', RANK.identifier);
    } else if (m[2] === '' && m[4] === '' && isValidUln(digits)) {
      add('uln', start, end, 'block', RANK.identifier);
    }
  }
}

function scanUpns(text: string, add: Add): void {
  UPN_SHAPED.lastIndex = 0;
  for (let m = UPN_SHAPED.exec(text); m; m = UPN_SHAPED.exec(text)) {
    const start = m.index;
    const before = text.slice(Math.max(0, start - 30), start);
    if (!isValidUpn(m[0].toUpperCase()) && !UPN_CUE.test(before)) continue;
    add(FORMER_UPN_CUE.test(before) ? 'former-upn' : 'upn', start, start + 13, 'block', RANK.identifier);
  }
}

/**
 * Postcodes, found from their inward code ("2AB", then a non-word character): a pattern that starts with a digit V8
 * finds about twice as fast as the whole postcode's, and the whole is then tried only at the two to five
 * characters before each (an outward code and an optional space). The same matches as one pass of the whole pattern: a
 * postcode is at most eight characters, so none can start before the previous one ends or an earlier inward code.
 */
function scanPostcodes(text: string, contacts: ReadonlySet<string>, add: Add): void {
  INWARD_CODE.lastIndex = 0;
  let done = 0;
  for (let inward = INWARD_CODE.exec(text); inward; inward = INWARD_CODE.exec(text)) {
    for (let start = Math.max(done, inward.index - 5); start <= inward.index - 2; start++) {
      POSTCODE_AT.lastIndex = start;
      const m = POSTCODE_AT.exec(text);
      if (!m) continue;
      done = start + m[0].length;
      if (!contacts.has(placeKey(m[0]))) add('postcode', start, done, 'block', RANK.postcode);
      break;
    }
  }
}

function scanAddresses(text: string, contacts: ReadonlySet<string>, add: Add): void {
  ADDRESS.lastIndex = 0;
  for (let m = ADDRESS.exec(text); m; m = ADDRESS.exec(text)) {
    const words = m[1]!.trim().split(/ +/);
    if (NOT_ADDRESS_FIRST_WORDS.has(words[0]!)) continue;
    if ((m[2] === 'Court' || m[2] === 'Ct') && COURT_NAMES.has(words[words.length - 1]!)) continue;
    if (contacts.has(placeKey(m[0]))) continue;
    const end = m.index + m[0].length;
    const after = text.slice(end, end + 60);
    add('address', m.index, end, TOWN_AHEAD.test(after) || POSTCODE_AHEAD.test(after) ? 'block' : 'warn', RANK.address);
  }
}

const isLocalPartChar = (c: number) =>
  (c >= 48 && c <= 57) ||
  (c >= 65 && c <= 90) ||
  (c >= 97 && c <= 122) ||
  c === 46 ||
  c === 95 ||
  c === 37 ||
  c === 43 ||
  c === 45 ||
  c === 39; // . _ % + - '

function scanEmails(text: string, contacts: ReadonlySet<string>, add: Add): void {
  for (let at = text.indexOf('@'); at !== -1; at = text.indexOf('@', at + 1)) {
    let start = at;
    while (start > 0 && at - start < 64 && isLocalPartChar(text.charCodeAt(start - 1))) start--;
    while (start < at && (text[start] === '.' || text[start] === "'" || text[start] === '-' || text[start] === '+'))
      start++;
    if (start === at) continue;
    EMAIL_DOMAIN.lastIndex = at + 1;
    const m = EMAIL_DOMAIN.exec(text);
    if (!m) continue;
    const end = at + 1 + m[0].length;
    const domain = m[0].toLowerCase();
    if (isDocumentationDomain(domain)) continue;
    const address = text.slice(start, end).toLowerCase();
    if (contacts.has(address)) continue;
    const local = text.slice(start, at);
    add('email', start, end, !PERSONAL_MAIL_DOMAINS.has(domain) && isRoleMailbox(local) ? 'warn' : 'block', RANK.email);
    at = end - 1;
  }
}

/** A phone number as national digits ("07700900123"), from any written form; null when it has no UK shape. */
function nationalDigits(written: string): string | null {
  const digits = written.replace(/[^0-9]/g, '');
  const trimmed = written.trimStart();
  if (trimmed.startsWith('+') || trimmed.startsWith('0044')) {
    let rest = digits.slice(trimmed.startsWith('+') ? 2 : 4);
    if (rest.startsWith('0')) rest = rest.slice(1);
    return `0${rest}`;
  }
  return digits.startsWith('0') ? digits : null;
}

function scanPhones(text: string, contacts: ReadonlySet<string>, add: Add): void {
  PHONE.lastIndex = 0;
  for (let m = PHONE.exec(text); m; m = PHONE.exec(text)) {
    // The pattern takes every group it can ("01632 960000 1234"): try the whole, then without its last groups.
    let written = m[0];
    for (;;) {
      const national = nationalDigits(written);
      // A bare run of ten digits is an NHS number, a ULN or a reference, never a phone number.
      const kind =
        national === null || (national.length === 10 && /^[0-9]{10}$/.test(written)) ? null : classifyUkPhone(national);
      if (kind !== null) {
        if (!contacts.has(national!))
          add('phone', m.index, m.index + written.length, kind === 'non-geographic' ? 'warn' : 'block', RANK.phone);
        PHONE.lastIndex = m.index + written.length;
        break;
      }
      const cut = Math.max(written.lastIndexOf(' '), written.lastIndexOf('-'));
      if (cut <= 0) break;
      written = written.slice(0, cut).trimEnd();
    }
  }
}

function scanConfigured(text: string, pattern: RegExp, add: Add): void {
  const re = new RegExp(pattern.source, `${pattern.flags.replace(/[gy]/g, '')}g`);
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m[0].length === 0) {
      re.lastIndex++;
      continue;
    }
    add('case-reference', m.index, m.index + m[0].length, 'block', RANK.configuredCase);
  }
}

/**
 * Dates of birth, names and cue-found case references, each found after its cue. The cues are looked for in one pass
 * (CUE_START); each cue's own pattern is then tried, sticky, where one may start and its previous match has ended.
 * Dates of birth and case references need a digit: in text without one only names are looked for.
 */
function scanCues(text: string, today: string, hasDigit: boolean, add: Add, onDayWeighed?: () => void): void {
  // Kept apart and added kind by kind, in the order the separate passes added them.
  const dates: Candidate[] = [];
  const names: Candidate[] = [];
  const cases: Candidate[] = [];
  const into =
    (list: Candidate[]): Add =>
    (kind, start, end, severity, rank) => {
      list.push({ kind, start, end, severity, rank });
    };
  const addDate = into(dates);
  const addName = into(names);
  const addCase = into(cases);
  let dateFrom = hasDigit ? 0 : Infinity;
  let nameFrom = 0;
  let caseFrom = hasDigit ? 0 : Infinity;
  CUE_START.lastIndex = 0;
  for (let hit = CUE_START.exec(text); hit; hit = CUE_START.exec(text)) {
    const at = hit.index;
    CUE_START.lastIndex = at + 1;
    if (at >= dateFrom) {
      DOB_CUE.lastIndex = at;
      const m = DOB_CUE.exec(text);
      if (m) {
        dateFrom = at + m[0].length;
        dateOfBirthAfter(text, m, today, addDate, onDayWeighed);
      }
    }
    if (at >= nameFrom) {
      NAME_CUE.lastIndex = at;
      const m = NAME_CUE.exec(text);
      if (m) {
        nameFrom = at + m[0].length;
        nameAfter(text, m, addName);
      }
    }
    if (at >= caseFrom) {
      CASE_CUE.lastIndex = at;
      const m = CASE_CUE.exec(text);
      if (m) {
        caseFrom = at + m[0].length;
        caseReferenceAfter(text, m, addCase);
      }
    }
  }
  for (const c of dates) add(c.kind, c.start, c.end, c.severity, c.rank);
  for (const c of names) add(c.kind, c.start, c.end, c.severity, c.rank);
  for (const c of cases) add(c.kind, c.start, c.end, c.severity, c.rank);
}

function dateOfBirthAfter(text: string, m: RegExpExecArray, today: string, add: Add, onDayWeighed?: () => void): void {
  if (m.index > 0 && text[m.index - 1] === '-') return; // "new-born", "first-born"
  const from = m.index + m[0].length;
  const window = text.slice(from, from + 72);
  const date = FULL_DATE.exec(window);
  // The date follows the cue closely: in the same sentence, with no other figure between ("no date of birth: 312 (checked 14/03/2025)").
  if (
    !date ||
    date.index > 40 ||
    SENTENCE_BREAK.test(window.slice(0, date.index)) ||
    /[0-9]/.test(window.slice(0, date.index))
  )
    return;
  onDayWeighed?.();
  const iso = dateFromMatch(date, today);
  if (iso === null || !isWithinSendAgeRange(iso, today)) return;
  add('date-of-birth', from + date.index, from + date.index + date[0].length, 'block', RANK.dob);
}

function nameAfter(text: string, m: RegExpExecArray, add: Add): void {
  const at = m.index + m[0].length;
  if (m.index > 0 && (text[m.index - 1] === "'" || text[m.index - 1] === '’')) return; // "Children’s Son…": not a cue
  const honorific = m[1] !== undefined;
  // A capitalised cue after a capitalised word is part of a title: "Every Child Matters", "The Young Person Friendly Award".
  if (
    !honorific &&
    isUpper(text.charCodeAt(m.index)) &&
    PREVIOUS_WORD_CAPITALISED.test(text.slice(Math.max(0, m.index - 24), m.index))
  )
    return;
  if (honorific) {
    INITIALS_NAME_AT.lastIndex = at;
    const initials = INITIALS_NAME_AT.exec(text);
    if (initials && !NOT_NAME_WORDS.has(initials[1]!)) {
      add('person-name', at, at + initials[0].length, 'block', RANK.name);
      return;
    }
  }
  NAME_AT.lastIndex = at;
  const name = NAME_AT.exec(text);
  if (!name) return;
  const first = name[1]!;
  const second = name[2];
  if (NOT_NAME_WORDS.has(first) || ORGANISATION_WORDS.has(first)) return;
  // "called Oakfield Primary", "named Kestrelmouth Family Hub": an organisation's or a place's name. (After a
  // child or family cue — "pupil", "daughter" — the words are taken as a name whatever follows.)
  if (!honorific && NAMING_CUE.test(m[0])) {
    CAPITALISED_RUN_AT.lastIndex = at;
    const run = CAPITALISED_RUN_AT.exec(text)?.[0].split(' ') ?? [];
    if (run.slice(1).some((w) => ORGANISATION_WORDS.has(w))) return;
  }
  const length = second !== undefined && !NOT_NAME_WORDS.has(second) ? name[0].length : first.length;
  add('person-name', at, at + length, 'block', RANK.name);
}

function caseReferenceAfter(text: string, m: RegExpExecArray, add: Add): void {
  const at = m.index + m[0].length;
  CASE_TOKEN_AT.lastIndex = at;
  const token = CASE_TOKEN_AT.exec(text);
  if (!token || token[0].length > 30 || token[0].replace(/[^0-9]/g, '').length < 3) return;
  add('case-reference', at, at + token[0].length, 'warn', RANK.cuedCase);
}

/** The words of the names found, wherever else they stand in the text (as words, with or without "'s"). */
function laterOccurrences(text: string, names: readonly Candidate[]): Candidate[] {
  const words = new Set<string>();
  for (const n of names) {
    for (const w of text.slice(n.start, n.end).split(' ')) {
      const word = w.replace(/['’]s$/, '');
      if (word.length >= 3 && !NOT_NAME_WORDS.has(word) && /^[A-Z]/.test(word)) words.add(word);
    }
  }
  if (words.size === 0) return [];
  const escaped = [...words].sort((a, b) => b.length - a.length).map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  const re = new RegExp(`(?<![0-9A-Za-z_])(?:${escaped.join('|')})(?![0-9A-Za-z_])`, 'g');
  const out: Candidate[] = [];
  for (let m = re.exec(text); m; m = re.exec(text))
    out.push({
      kind: 'person-name',
      start: m.index,
      end: m.index + m[0].length,
      severity: 'block',
      rank: RANK.name - 1,
    });
  return out;
}

/** Sorted by start, overlaps settled by rank (then length, then position). */
function settle(candidates: Candidate[]): Candidate[] {
  candidates.sort((a, b) => a.start - b.start || b.end - a.end);
  const kept: Candidate[] = [];
  for (const c of candidates) {
    let keep = true;
    while (kept.length > 0) {
      const last = kept[kept.length - 1]!;
      if (last.end <= c.start) break;
      if (c.rank > last.rank || (c.rank === last.rank && c.end - c.start > last.end - last.start)) kept.pop();
      else {
        keep = false;
        break;
      }
    }
    if (keep) kept.push(c);
  }
  return kept;
}

/** An address or postcode as compared with the public contacts: no spaces, upper case. */
const placeKey = (s: string) => `place:${s.replace(/[\s,]+/g, '').toUpperCase()}`;

// A workspace check scans each file part by part with the same options: the set is built once per list, not per part.
const NO_CONTACTS: readonly string[] = [];
const contactSets = new WeakMap<readonly string[], Set<string>>();

function publicContactSet(contacts: readonly string[]): Set<string> {
  const known = contactSets.get(contacts);
  if (known) return known;
  const set = new Set<string>();
  contactSets.set(contacts, set);
  for (const c of contacts) {
    if (c.includes('@')) set.add(c.trim().toLowerCase());
    else {
      const national = nationalDigits(c);
      if (national) set.add(national);
      set.add(placeKey(c));
    }
  }
  return set;
}

const RADIUS = 26;
const isSpace = (c: string | undefined) => c === ' ' || c === '\n' || c === '\t' || c === '\r';
const isLowSurrogate = (code: number) => code >= 0xdc00 && code <= 0xdfff;

/** About 60 characters around finding i, every finding in reach masked, whitespace collapsed, "…" where cut. */
function snippet(text: string, findings: readonly Candidate[], i: number): string {
  const f = findings[i]!;
  let from = Math.max(0, f.start - RADIUS);
  let to = Math.min(text.length, f.end + RADIUS);
  // Start and end at a word boundary where one is near, so the snippet reads as words.
  for (let k = 0; k < 10 && from > 0 && from < f.start && !isSpace(text[from - 1]); k++) from++;
  for (let k = 0; k < 10 && to < text.length && to > f.end && !isSpace(text[to]); k++) to--;
  if (from > 0 && isLowSurrogate(text.charCodeAt(from))) from--;
  if (to < text.length && isLowSurrogate(text.charCodeAt(to))) to++;
  // Every finding reaching into the window is masked whole: widen the window to take it in.
  let first = i;
  let last = i;
  while (first > 0 && findings[first - 1]!.end > from) {
    first--;
    from = Math.min(from, findings[first]!.start);
  }
  while (last < findings.length - 1 && findings[last + 1]!.start < to) {
    last++;
    to = Math.max(to, findings[last]!.end);
  }
  let out = from > 0 ? '…' : '';
  let at = from;
  for (let j = first; j <= last; j++) {
    const g = findings[j]!;
    out += text.slice(at, g.start) + maskIdentifier(g.kind, text.slice(g.start, g.end));
    at = g.end;
  }
  out += text.slice(at, to) + (to < text.length ? '…' : '');
  return out.replace(/\s+/g, ' ');
}
