import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanText, type FindingKind } from '../../../main/privacy/scan-text';
import { nhsCheckDigit, ulnCheckDigit, upnCheckLetter } from '../../../shared/domain/privacy/check-digits';
import { maskIdentifier } from '../../../shared/domain/privacy/findings';

const TODAY = '2025-06-30';

describe('masked snippets', () => {
  it('show about 60 characters of context with the identifier masked, keeping at most its last two characters', () => {
    const text =
      'At the review on Tuesday the family confirmed that Amelia’s NHS number is 943 476 5919 and asked for the notes to be sent.';
    const [f] = scanText(text, { today: TODAY });
    expect(f!.snippet).toBe('…Amelia’s NHS number is [NHS number ••19] and asked for the notes…');
    expect(f!.snippet.length).toBeLessThan(100);
  });

  it('mask every identifier in reach, not just the one the snippet is for', () => {
    const text =
      'Pupil Jayden Smith, NHS 943 476 5919, UPN B801200005001, DOB 12/03/2015, jade.s@gmail.com, 07700 900123, KM1 2AB.';
    const findings = scanText(text, { today: TODAY });
    expect(findings.map((f) => f.kind)).toEqual([
      'person-name',
      'nhs-number',
      'upn',
      'date-of-birth',
      'email',
      'phone',
      'postcode',
    ]);
    const nhs = findings[1]!.snippet;
    expect(nhs).toBe('Pupil [name], NHS [NHS number ••19], UPN [UPN ••01], DOB…');
    expect(findings[3]!.snippet).toBe('…UPN [UPN ••01], DOB [date of birth], [email address], [phone number ••23]…');
    for (const f of findings) {
      for (const raw of [
        'Jayden',
        'Smith',
        '943 476 5919',
        'B801200005001',
        '12/03/2015',
        'jade.s',
        'gmail',
        '07700',
        '900123',
        'KM1',
      ]) {
        expect(f.snippet).not.toContain(raw);
      }
    }
  });

  it('mask an identifier that only partly falls in the window whole', () => {
    const text = `${'x '.repeat(20)}UPN B801200005001 then ${'y'.repeat(20)} 943 476 5919 and more words follow here.`;
    for (const f of scanText(text, { today: TODAY })) {
      expect(f.snippet).not.toMatch(/[0-9]{3}/);
      expect(f.snippet).not.toMatch(/B80/);
    }
  });

  it('use one label per kind, with the last two characters only for reference numbers', () => {
    const masks: Array<[FindingKind, string, string]> = [
      ['nhs-number', '943 476 5919', '[NHS number ••19]'],
      ['uln', '9276308686', '[ULN ••86]'],
      ['upn', 'B801200005001', '[UPN ••01]'],
      ['former-upn', 'A801200005001', '[former UPN ••01]'],
      ['phone', '07700 900123', '[phone number ••23]'],
      ['case-reference', 'KM-204518', '[case reference ••18]'],
      ['case-reference', 'AB12', '[case reference]'],
      ['date-of-birth', '12/03/2015', '[date of birth]'],
      ['postcode', 'KM1 2AB', '[postcode]'],
      ['address', '14 Acacia Avenue', '[address]'],
      ['email', 'jane@gmail.com', '[email address]'],
      ['person-name', 'Jayden Smith', '[name]'],
    ];
    for (const [kind, raw, mask] of masks) expect(maskIdentifier(kind, raw)).toBe(mask);
  });
});

// Random prose that holds no identifier and no cue, to plant identifiers in.
const WORDS = [
  'the',
  'plan',
  'review',
  'was',
  'agreed',
  'team',
  'meeting',
  'support',
  'families',
  'school',
  'we',
  'noted',
  'progress',
  'and',
  'of',
  'in',
  'for',
  'health',
  'partnership',
  'timeliness',
  'improved',
  'provision',
  'outcomes',
  'Board',
  'Local',
  'Offer',
  'SEND',
  'EHC',
  'The',
  'Council',
  '60.4%',
  '2024/25',
  '£12,345',
  'LA 841',
  'E06000005',
  '14/03/2025',
  '(29,895 of 49,519)',
  '4829104721',
  '—',
  '\n',
  '\t',
];
const prose = fc.array(fc.constantFrom(...WORDS), { minLength: 0, maxLength: 40 }).map((w) => w.join(' '));
const digitString = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));

const nhsNumber = digitString(9)
  .filter((s) => nhsCheckDigit(s) !== null)
  .chain((nine) => {
    const ten = nine + String(nhsCheckDigit(nine));
    return fc.constantFrom(
      ten,
      `${ten.slice(0, 3)} ${ten.slice(3, 6)} ${ten.slice(6)}`,
      `${ten.slice(0, 3)}-${ten.slice(3, 6)}-${ten.slice(6)}`,
    );
  })
  .filter((s) => !/^([0-9])\1{9}$/.test(s.replace(/[ -]/g, '')));
const uln = digitString(9)
  .filter((s) => s[0] !== '0' && ulnCheckDigit(s) !== null)
  .map((nine) => nine + String(ulnCheckDigit(nine)));
const upn = fc
  .tuple(digitString(11), fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUVWXYZ'))
  .map(([d, last]) => upnCheckLetter(d + last)! + d + last);
const email = fc
  .tuple(
    fc.stringMatching(/^[a-z]{1,8}[0-9]{1,3}$/),
    fc.constantFrom('gmail.com', 'hotmail.co.uk', 'btinternet.com', 'kestrelmouth-mail.co.uk'),
  )
  .map(([local, domain]) => `${local}@${domain}`);
const mobile = digitString(9).map((d) => `07${d.slice(0, 3)} ${d.slice(3)}`);

const planted = fc.oneof(
  nhsNumber.map((id) => ({ kind: 'nhs-number' as const, id })),
  uln.map((id) => ({ kind: 'uln' as const, id })),
  upn.map((id) => ({ kind: 'upn' as const, id })),
  email.map((id) => ({ kind: 'email' as const, id })),
  mobile.map((id) => ({ kind: 'phone' as const, id })),
);

describe('masked snippets, for any text', () => {
  it('never contain a planted identifier, with or without its spaces, nor more than two of its characters in a row', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(prose, planted), { minLength: 1, maxLength: 5 }), prose, (parts, tail) => {
        let text = '';
        const expected: Array<{ kind: FindingKind; start: number; end: number }> = [];
        for (const [before, p] of parts) {
          text += `${before} `;
          expected.push({ kind: p.kind, start: text.length, end: text.length + p.id.length });
          text += `${p.id} `;
        }
        text += tail;
        const findings = scanText(text, { today: TODAY });
        expect(findings.map((f) => ({ kind: f.kind, start: f.start, end: f.end }))).toEqual(expected);
        for (const f of findings) {
          const squeezed = f.snippet.replace(/[\s-]/g, '');
          for (const [, p] of parts) {
            expect(f.snippet).not.toContain(p.id);
            expect(squeezed).not.toContain(p.id.replace(/[\s-]/g, ''));
            if (p.kind === 'email') expect(f.snippet).not.toContain(p.id.split('@')[0]);
          }
          // Whatever is left of a planted number is its last two digits inside a mask: no longer run of its digits.
          const unmasked = f.snippet.replace(/\[[^\]]*\]/g, ' ');
          for (const [, p] of parts) {
            const digits = p.id.replace(/[^0-9]/g, '');
            for (let i = 0; i + 3 <= digits.length; i++) {
              const three = digits.slice(i, i + 3);
              if (!WORDS.some((w) => w.includes(three))) expect(unmasked).not.toContain(three);
            }
          }
          expect(f.snippet).not.toContain('@');
        }
      }),
      { numRuns: 500 },
    );
  });

  it('never contain a name found after a cue, wherever else that name stands', () => {
    const name = fc
      .tuple(
        fc.constantFrom('Quor', 'Vex', 'Zil', 'Thorn', 'Bly'),
        fc.constantFrom('wick', 'dra', 'spen', 'holt', 'mar'),
      )
      .map(([a, b]) => a + b);
    fc.assert(
      fc.property(
        prose,
        name,
        prose,
        prose,
        fc.constantFrom('pupil', 'his daughter', 'a child named', 'Mrs'),
        (a, first, b, c, cue) => {
          const text = `${a} ${cue} ${first} said ${b} ${first} ${c}`;
          const findings = scanText(text, { today: TODAY });
          expect(findings.filter((f) => f.kind === 'person-name')).toHaveLength(2);
          for (const f of findings) expect(f.snippet).not.toContain(first);
        },
      ),
      { numRuns: 300 },
    );
  });
});
