import { describe, expect, it } from 'vitest';
import { scanText, type FindingKind, type ScanOptions } from '../../../main/privacy/scan-text';
import { makeNhsNumber, makeUln, makeUpn } from '../../../shared/domain/privacy/synthetic';

const TODAY = '2025-06-30';

/**
 * Text with each expected finding marked ⟦like this⟧, optionally ⟦kind:…⟧ or ⟦kind!warn:…⟧; returns the plain text and
 * the findings it should give, in order.
 */
function marked(
  source: string,
  kind: FindingKind,
): { text: string; expected: Array<{ kind: FindingKind; start: number; end: number; severity: string }> } {
  let text = '';
  const expected: Array<{ kind: FindingKind; start: number; end: number; severity: string }> = [];
  const re = /⟦(?:([a-z-]+)(?:!(warn|block))?:)?(.*?)⟧/g;
  let at = 0;
  for (const m of source.matchAll(re)) {
    text += source.slice(at, m.index);
    expected.push({
      kind: (m[1] as FindingKind | undefined) ?? kind,
      start: text.length,
      end: text.length + m[3]!.length,
      severity: m[2] ?? 'block',
    });
    text += m[3]!;
    at = m.index + m[0].length;
  }
  text += source.slice(at);
  return { text, expected };
}

function expectFindings(kind: FindingKind, sources: readonly string[], options: ScanOptions = {}): void {
  for (const source of sources) {
    const { text, expected } = marked(source, kind);
    const found = scanText(text, { today: TODAY, ...options }).map((f) => ({
      kind: f.kind,
      start: f.start,
      end: f.end,
      severity: f.severity,
    }));
    expect(found, source).toEqual(expected);
  }
}

describe('scanText: identifiers with check digits', () => {
  it('finds NHS numbers in prose, spaced, dashed or together, only when the check digit holds', () => {
    const n = makeNhsNumber(42);
    expectFindings('nhs-number', [
      'Amelia’s NHS number is ⟦943 476 5919⟧ and she is seen at the clinic.',
      'NHS no: ⟦943-476-5919⟧.',
      'Waiting list row: ⟦9434765919⟧\tSpeech and language therapy',
      `(${'⟦'}${n}⟧)`,
      'Ten digits failing the check: 943 476 5918, 9434765917 and 1234567890.',
      'A placeholder is no one: 000 000 0000, 1111111111.',
      'Inside a longer number: 19434765919, 94347659190, 943.476.5919 and 1.9434765919.',
    ]);
  });

  it('finds ULNs: ten digits together whose modulus 11 check holds', () => {
    expectFindings('uln', [
      'The learner’s ULN is ⟦9276308686⟧.',
      `Learners ⟦${makeUln(1)}⟧ and ⟦${makeUln(2)}⟧ transferred.`,
      'Not a ULN: 9276308680, 927 630 8686 (grouped), 0276308686.',
    ]);
  });

  it('finds UPNs (permanent and temporary, check letter holding), and any UPN-shaped string after "UPN"', () => {
    expectFindings('upn', [
      'Pupil with UPN ⟦B801200005001⟧ moved school.',
      'Temporary UPN ⟦M80120000500A⟧ is replaced on arrival.',
      'Written in lower case, ⟦b801200005001⟧ still identifies.',
      'A mistyped one: UPN: ⟦A801200005001⟧.',
      'Without a cue a wrong check letter is nothing: A801200005001; nor is B8012000050011.',
      `Bulk: ⟦${makeUpn(5)}⟧, ⟦${makeUpn(6, true)}⟧.`,
    ]);
  });

  it('marks a UPN after "former UPN" as a former UPN', () => {
    expectFindings('former-upn', [
      'Current UPN ⟦upn:B801200005001⟧; former UPN ⟦A801200005001⟧.',
      'Former UPN: ⟦M80120000500A⟧',
    ]);
  });
});

describe('scanText: dates of birth', () => {
  it('finds a full date within the last 26 years just after a cue', () => {
    expectFindings('date-of-birth', [
      'Jayden (DOB: ⟦12/03/2015⟧) was referred.',
      'D.O.B. ⟦2015-03-12⟧',
      'd.o.b ⟦12-03-15⟧',
      'She was born on the ⟦3rd of March 2012⟧ in Kestrelmouth.',
      'Date of birth: ⟦March 12, 2015⟧.',
      'date of birth ⟦12.03.2015⟧; birth date ⟦1 Jan 2010⟧; b. ⟦29/02/2008⟧',
      'Born ⟦30 June 2025⟧ — today.',
    ]);
  });

  it('ignores dates without a cue, too old, in the future, not real, not full, or in another sentence', () => {
    expectFindings('date-of-birth', [
      'The Board met on 14/03/2025 and on 2 April 2025.',
      'DOB 12/03/1985 (a parent, over 26 years ago); DOB 01/07/2025 (tomorrow).',
      'DOB: 31/02/2015; date of birth 2015-13-01.',
      'She was born in 2015, or born in March 2015.',
      'The service was born out of need. The review on 12/03/2024 followed.',
      'Year of birth is recorded; the plan of 12/03/2024 covers it.',
    ]);
  });
});

describe('scanText: postcodes and addresses', () => {
  it('finds full postcodes, not outward codes alone', () => {
    expectFindings('postcode', [
      'Postcodes ⟦SW1A 1AA⟧, ⟦M1 1AE⟧, ⟦B33 8TH⟧, ⟦CR2 6XH⟧, ⟦DN55 1PT⟧, ⟦W1A 0AX⟧, ⟦EC1A 1BB⟧ and ⟦DN551PT⟧.',
      'Families in the SW1A area, the DL3 district and TS21 said so; DfE code E06000005; KS2 results; Y11 pupils.',
    ]);
  });

  it('finds house number + street: blocking with a town or postcode after it, a warning without', () => {
    expectFindings('address', [
      'They live at ⟦14 Acacia Avenue⟧, Kestrelmouth.',
      'Home: ⟦3a Mill Lane⟧ ⟦postcode:KM1 2AB⟧',
      'Visited ⟦address!warn:27 Harbour View Close⟧ last week.',
      'At ⟦address!warn:2 St Mary’s Road⟧.',
      'There were 2 County Court hearings; see Table 3 Row totals; in 5 Key Stage Way sessions.',
    ]);
  });
});

describe('scanText: emails and phone numbers', () => {
  it('blocks personal email addresses, warns on role mailboxes and ignores documentation domains', () => {
    expectFindings('email', [
      'Mum wrote from ⟦jane.doe@gmail.com⟧ and ⟦j.smith@northshire.gov.uk⟧.',
      'Contact ⟦email!warn:send@northshire.gov.uk⟧ or ⟦email!warn:local.offer@northshire.gov.uk⟧.',
      'A role word at a personal provider is still personal: ⟦send@gmail.com⟧.',
      'Examples: jane@example.org, a.b@example.com, x@test.example, someone@mail.example.net.',
      'Trailing dot: ⟦o’brien.family@btinternet.com⟧.'.replace('o’brien', 'obrien'),
    ]);
  });

  it('leaves the council’s published contacts alone when given', () => {
    expectFindings('email', ['Contact send@northshire.gov.uk or call 0300 123 4567; parent ⟦p.jones@outlook.com⟧.'], {
      publicContacts: ['SEND@northshire.gov.uk', '03001234567'],
    });
  });

  it('blocks mobiles and landlines, warns on organisations’ 03/08 numbers', () => {
    expectFindings('phone', [
      'Mum on ⟦07700 900123⟧ or ⟦07700900123⟧, dad on ⟦+44 7700 900456⟧.',
      'Home ⟦020 7946 0958⟧, ⟦(01632) 960000⟧, ⟦+44 (0)20 7946 0958⟧, ⟦0161 496 0000⟧, ⟦01632 960 001⟧.',
      'Switchboard ⟦phone!warn:0300 123 4567⟧; helpline ⟦phone!warn:0800 123 4567⟧.',
    ]);
  });

  it('does not take figures, codes, dates or references for phone numbers', () => {
    expectFindings('phone', [
      '£1,234,567 and £12,345,678.90; 22,276 / 364,912; 60.4%; 0.5%; LA 841; E06000005; 2024/25; 2023–24.',
      'Dates 01/04/2025, 01-04-2025, 01.04.2025; times 09:30; counts 0 1 2 3 4 5 6 7 8 9; ages 0-25.',
      'References 4829104721 and 0161496000 (ten digits together are never a phone number); version 01.02.',
    ]);
  });
});

describe('scanText: case references', () => {
  it('blocks the council’s own formats and warns on references after a case cue', () => {
    expectFindings(
      'case-reference',
      [
        'Tribunal bundle ⟦KM-204518⟧ refers.',
        'See ⟦case-reference!warn:ABC12345⟧ below.'.replace('See', 'See case ref:'),
        'Mosaic ID ⟦case-reference!warn:1234567⟧; client no. ⟦case-reference!warn:CL/2024/0931⟧.',
        'The case study 3, the case for change and invoice reference 4829104721 are not case references.',
      ],
      { casePatterns: [/\bKM-\d{6}\b/] },
    );
  });

  it('takes a ten-digit number after "NHS number" that fails the check digit as a (warned) reference', () => {
    expectFindings('case-reference', ['NHS number: ⟦case-reference!warn:943 476 5918⟧.']);
  });

  it('lets a check-digit identifier win over a cue-found reference at the same place', () => {
    expectFindings('nhs-number', ['NHS number: ⟦943 476 5919⟧; NHS no. ⟦943-476-5919⟧']);
  });
});

describe('scanText: names after cues', () => {
  it('finds children’s and family members’ names after the cues', () => {
    expectFindings('person-name', [
      'The pupil ⟦Jayden Smith⟧ joined Year 4.',
      'His daughter ⟦Amelia⟧ attends.',
      'We met Mrs ⟦Patel⟧, Mr ⟦J. Smith⟧ and Ms ⟦O’Brien⟧.',
      'A boy called ⟦Leo⟧; a girl named ⟦Ava-Rose McDonald⟧; the young person, ⟦Kai⟧, agreed.',
      'The child ⟦Mia⟧ and her brother ⟦Noah⟧.',
    ]);
  });

  it('ignores common words after a cue, organisations, anonymised labels and professionals', () => {
    expectFindings('person-name', [
      'Pupil Premium funding; the Pupil Referral Unit; Early Help was called Early Help; Child A and Child B.',
      'Mr Speaker; Dr Okafor presented; a school called Oakfield Primary; a service named Kestrelmouth Family Hub.',
      'Each young person’s views; the child’s plan; his son, who is 12; SEND, EHC and Ofsted.',
      'The Child Sexual Exploitation strategy; Student Finance England; the Baby Friendly Initiative; Every Child Matters.',
    ]);
  });

  it('finds the same name again wherever it stands in the text', () => {
    expectFindings('person-name', [
      'The pupil ⟦Jayden Smith⟧ … later ⟦Jayden⟧’s mother said ⟦Jayden⟧ was settled; Mr ⟦Smith⟧ agreed.',
    ]);
  });
});

describe('scanText: everything together', () => {
  it('finds each kind planted in one narrative, in order and without overlaps', () => {
    const source =
      'Case note: pupil ⟦person-name:Jayden Smith⟧ (UPN ⟦upn:B801200005001⟧, NHS number ⟦nhs-number:943 476 5919⟧, ' +
      'ULN ⟦uln:9276308686⟧, DOB ⟦date-of-birth:12/03/2015⟧) lives at ⟦address:14 Acacia Avenue⟧, Kestrelmouth ⟦postcode:KM1 2AB⟧. ' +
      'Mum: ⟦email:jade.smith@hotmail.co.uk⟧, ⟦phone:07700 900123⟧. Case ref: ⟦case-reference!warn:KM204518⟧.';
    const { text, expected } = marked(source, 'person-name');
    const found = scanText(text, { today: TODAY });
    expect(found.map((f) => ({ kind: f.kind, start: f.start, end: f.end, severity: f.severity }))).toEqual(expected);
    for (const f of found) expect(f.match).toBe(text.slice(f.start, f.end));
    for (let i = 1; i < found.length; i++) expect(found[i]!.start).toBeGreaterThanOrEqual(found[i - 1]!.end);
  });

  it('finds nothing in empty or whitespace text, and refuses a malformed today', () => {
    expect(scanText('', { today: TODAY })).toEqual([]);
    expect(scanText(' \n\t ', { today: TODAY })).toEqual([]);
    expect(() => scanText('x', { today: '30/06/2025' })).toThrow(RangeError);
  });

  it('runs without options (today defaults to the current date)', () => {
    expect(scanText('DOB 01/01/2020, NHS 943 476 5919').map((f) => f.kind)).toEqual(['date-of-birth', 'nhs-number']);
  });
});
