import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  isValidNhsNumber,
  isValidUln,
  isValidUpn,
  nhsCheckDigit,
  ulnCheckDigit,
  upnCheckLetter,
  UPN_ALPHABET,
} from '../../../shared/domain/privacy/check-digits';
import { groupNhsNumber, makeNhsNumber, makeUln, makeUpn } from '../../../shared/domain/privacy/synthetic';

const nineDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 9, maxLength: 9 }).map((d) => d.join(''));
const tenDigits = fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 10, maxLength: 10 }).map((d) => d.join(''));

/** Domain reference §6, written out independently of the implementation. */
function referenceNhsValid(ten: string): boolean {
  const d = [...ten].map(Number);
  const sum = d.slice(0, 9).reduce((s, v, i) => s + v * (10 - i), 0);
  const check = 11 - (sum % 11);
  if (check === 10) return false;
  return (check === 11 ? 0 : check) === d[9];
}

function referenceUpnValid(upn: string): boolean {
  if (!/^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$/.test(upn)) return false;
  let sum = 0;
  for (let k = 2; k <= 13; k++) {
    const c = upn[k - 1]!;
    sum += (/[0-9]/.test(c) ? Number(c) : 'ABCDEFGHJKLMNPQRTUVWXYZ'.indexOf(c)) * k;
  }
  return 'ABCDEFGHJKLMNPQRTUVWXYZ'[sum % 23] === upn[0];
}

describe('UPN check letter (docs/domain §6)', () => {
  it('holds for the test vectors: B801200005001 valid, A801200005001 invalid', () => {
    expect(isValidUpn('B801200005001')).toBe(true);
    expect(isValidUpn('A801200005001')).toBe(false);
    expect(upnCheckLetter('801200005001')).toBe('B');
  });

  it('checks temporary UPNs, whose final letter counts as its index in the check alphabet', () => {
    // 8×2 + 1×4 + 2×5 + 5×10 = 80, plus A (index 0) × 13 = 80; 80 mod 23 = 11 → M.
    expect(isValidUpn('M80120000500A')).toBe(true);
    // … plus B (index 1) × 13 = 93; 93 mod 23 = 1 → B.
    expect(isValidUpn('B80120000500B')).toBe(true);
    expect(isValidUpn('M80120000500B')).toBe(false);
  });

  it('refuses anything not of the UPN shape (length, I/O/S, lower case)', () => {
    for (const s of [
      'B80120000500',
      'B8012000050011',
      'I801200005001',
      'O801200005001',
      'S801200005001',
      'B80120000500I',
      'b801200005001',
      ' B801200005001',
      '',
    ])
      expect(isValidUpn(s)).toBe(false);
    expect(UPN_ALPHABET).toHaveLength(23);
    expect(UPN_ALPHABET).not.toMatch(/[IOS]/);
  });

  it('agrees with a reference implementation on every shape-valid string, and each body has exactly one check letter', () => {
    const body = fc
      .tuple(
        fc.array(fc.integer({ min: 0, max: 9 }), { minLength: 11, maxLength: 11 }),
        fc.constantFrom(...'0123456789ABCDEFGHJKLMNPQRTUVWXYZ'),
      )
      .map(([d, last]) => d.join('') + last);
    fc.assert(
      fc.property(body, fc.constantFrom(...UPN_ALPHABET), (b, first) => {
        expect(isValidUpn(first + b)).toBe(referenceUpnValid(first + b));
        expect([...UPN_ALPHABET].filter((c) => isValidUpn(c + b))).toEqual([upnCheckLetter(b)]);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('NHS number (modulus 11, docs/domain §6)', () => {
  it('holds for the test vector 943 476 5919, with or without spaces or dashes', () => {
    for (const s of ['9434765919', '943 476 5919', '943-476-5919']) expect(isValidNhsNumber(s)).toBe(true);
    for (const s of ['9434765918', '943 476 5918', '94347659190', '943476591', '943 4765 919', 'abcdefghij'])
      expect(isValidNhsNumber(s)).toBe(false);
  });

  it('a random ten-digit number is an NHS number exactly when its check digit holds', () => {
    fc.assert(
      fc.property(tenDigits, (ten) => {
        expect(isValidNhsNumber(ten)).toBe(referenceNhsValid(ten));
        expect(isValidNhsNumber(ten)).toBe(nhsCheckDigit(ten.slice(0, 9)) === Number(ten[9]));
      }),
      { numRuns: 5000 },
    );
  });

  it('for any nine digits exactly one tenth digit makes a valid NHS number, or none when the remainder gives 10', () => {
    fc.assert(
      fc.property(nineDigits, (nine) => {
        const valid = [...'0123456789'].filter((d) => isValidNhsNumber(nine + d));
        const sum = [...nine].reduce((s, v, i) => s + Number(v) * (10 - i), 0);
        if (sum % 11 === 1) {
          expect(valid).toEqual([]);
          expect(nhsCheckDigit(nine)).toBeNull();
        } else {
          expect(valid).toEqual([String(nhsCheckDigit(nine))]);
        }
      }),
      { numRuns: 3000 },
    );
  });

  it('so about one ten-digit number in eleven passes, not more', () => {
    let valid = 0;
    for (let n = 0; n < 110_000; n++) if (isValidNhsNumber(String(4_000_000_000 + n * 9973))) valid++;
    expect(valid / 110_000).toBeGreaterThan(0.08);
    expect(valid / 110_000).toBeLessThan(0.1);
  });
});

describe('ULN (modulus 11, docs/domain §6)', () => {
  it('holds for the test vector 9276308686', () => {
    expect(isValidUln('9276308686')).toBe(true);
    for (const s of ['9276308687', '0276308686', '927630868', '92763086860', '927 630 8686'])
      expect(isValidUln(s)).toBe(false);
  });

  it('for any nine digits (first non-zero) at most one tenth digit makes a valid ULN', () => {
    fc.assert(
      fc.property(
        nineDigits.filter((s) => s[0] !== '0'),
        (nine) => {
          const valid = [...'0123456789'].filter((d) => isValidUln(nine + d));
          const check = ulnCheckDigit(nine);
          expect(valid).toEqual(check === null ? [] : [String(check)]);
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('no ten digits are both an NHS number and a ULN', () => {
    fc.assert(
      fc.property(nineDigits, (nine) => {
        for (const d of '0123456789') expect(isValidNhsNumber(nine + d) && isValidUln(nine + d)).toBe(false);
      }),
      { numRuns: 3000 },
    );
  });
});

describe('synthetic identifiers', () => {
  it('are valid, repeatable from their seed and varied', () => {
    const nhs = new Set<string>();
    for (let seed = 1; seed <= 300; seed++) {
      expect(isValidNhsNumber(makeNhsNumber(seed))).toBe(true);
      expect(isValidNhsNumber(groupNhsNumber(makeNhsNumber(seed)))).toBe(true);
      expect(isValidUln(makeUln(seed))).toBe(true);
      expect(isValidUpn(makeUpn(seed))).toBe(true);
      expect(isValidUpn(makeUpn(seed, true))).toBe(true);
      expect(makeUpn(seed, true)).toMatch(/[A-Z]$/);
      nhs.add(makeNhsNumber(seed));
    }
    expect(makeNhsNumber(7)).toBe(makeNhsNumber(7));
    expect(nhs.size).toBeGreaterThan(295);
  });
});
