/**
 * Check digits of the identifiers a SEND evidence pack must never carry (docs/domain §6). Pure functions, no
 * Node or DOM, so the renderer can use them as well as the scanner in main/privacy.
 *
 * - UPN (Unique Pupil Number, DfE): 13 characters, check letter first. Weights k = 2…13 on characters 2–13 (a
 *   temporary UPN's final letter counts as its index in the check alphabet), sum mod 23, index into
 *   `ABCDEFGHJKLMNPQRTUVWXYZ`. Vectors: B801200005001 valid, A801200005001 invalid.
 * - NHS number: 10 digits, weights 10…2 on digits 1–9, check = 11 − (sum mod 11); 11 → 0; 10 → no valid number.
 *   Vector: 943 476 5919.
 * - ULN (Unique Learner Number): 10 digits, first non-zero, weights 10…1 over all ten, sum mod 11 must be 10.
 *   Vector: 9276308686.
 *
 * An NHS number and a ULN can never share ten digits: with S the weighted sum of the first nine, a valid NHS number
 * has S + d10 ≡ 0 (mod 11) and a valid ULN S + d10 ≡ 10 (mod 11).
 */

/** The UPN check alphabet: A–Z without I, O and S. Index 0 is A. */
export const UPN_ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ';

/** The UPN shape (docs/domain §6): check letter, 11 digits, then a digit or (temporary UPN) a letter. */
export const UPN_PATTERN = /^[A-HJ-NP-RT-Z][0-9]{11}[0-9A-HJ-NP-RT-Z]$/;

const DIGIT_0 = 48;

function digitAt(s: string, i: number): number {
  return s.charCodeAt(i) - DIGIT_0;
}

/**
 * The check letter for a UPN's characters 2–13 (12 characters: 11 digits, then a digit or a letter of the check
 * alphabet), or null when they are not of that shape.
 */
export function upnCheckLetter(body: string): string | null {
  if (!/^[0-9]{11}[0-9A-HJ-NP-RT-Z]$/.test(body)) return null;
  let sum = 0;
  for (let i = 0; i < 11; i++) sum += digitAt(body, i) * (i + 2);
  const last = body.charCodeAt(11);
  const lastValue = last >= DIGIT_0 && last <= DIGIT_0 + 9 ? last - DIGIT_0 : UPN_ALPHABET.indexOf(body[11]!);
  sum += lastValue * 13;
  return UPN_ALPHABET[sum % 23]!;
}

/** A UPN (permanent or temporary) in upper case whose first character is the check letter of the rest. */
export function isValidUpn(s: string): boolean {
  return UPN_PATTERN.test(s) && upnCheckLetter(s.slice(1)) === s[0];
}

/** The NHS number check digit for nine digits, or null when those nine have none (the remainder gives 10). */
export function nhsCheckDigit(nine: string): number | null {
  if (!/^[0-9]{9}$/.test(nine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(nine, i) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

/**
 * A valid NHS number: ten digits, written together or as 3-3-4 groups separated by single spaces or dashes
 * ("943 476 5919", "943-476-5919", "9434765919"), whose last digit is the check digit of the first nine.
 */
export function isValidNhsNumber(digits: string): boolean {
  const plain =
    digits.length === 10
      ? digits
      : /^[0-9]{3}[ -]?[0-9]{3}[ -]?[0-9]{4}$/.test(digits)
        ? digits.replace(/[ -]/g, '')
        : '';
  if (!/^[0-9]{10}$/.test(plain)) return false;
  return nhsCheckDigit(plain.slice(0, 9)) === digitAt(plain, 9);
}

/** The ULN check digit for nine digits (first non-zero), or null when no tenth digit makes the sum 10 mod 11. */
export function ulnCheckDigit(nine: string): number | null {
  if (!/^[1-9][0-9]{8}$/.test(nine)) return null;
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += digitAt(nine, i) * (10 - i);
  const check = (((10 - sum) % 11) + 11) % 11;
  return check === 10 ? null : check;
}

/** A valid ULN: ten digits, the first non-zero, weights 10…1 summing to 10 mod 11. */
export function isValidUln(s: string): boolean {
  if (!/^[1-9][0-9]{9}$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) sum += digitAt(s, i) * (10 - i);
  return sum % 11 === 10;
}
