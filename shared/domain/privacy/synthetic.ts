/**
 * Fictional identifiers with valid check digits, for tests, the benchmark and demo data: the scanner must find
 * them exactly as it would find real ones. Seeded (mulberry32), so a seed always gives the same identifier.
 */
import { nhsCheckDigit, ulnCheckDigit, upnCheckLetter, UPN_ALPHABET } from './check-digits';

/** mulberry32: a small seeded generator, uniform in [0, 1). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const digits = (rng: () => number, n: number, firstNonZero = false): string => {
  let s = '';
  for (let i = 0; i < n; i++) s += String(i === 0 && firstNonZero ? 1 + Math.floor(rng() * 9) : Math.floor(rng() * 10));
  return s;
};

/** A valid NHS number (ten digits, no spaces). */
export function makeNhsNumber(seed: number): string {
  const rng = seededRandom(seed);
  for (;;) {
    const nine = digits(rng, 9);
    const check = nhsCheckDigit(nine);
    if (check !== null) return nine + check;
  }
}

/** A valid ULN (ten digits, first non-zero). */
export function makeUln(seed: number): string {
  const rng = seededRandom(seed);
  for (;;) {
    const nine = digits(rng, 9, true);
    const check = ulnCheckDigit(nine);
    if (check !== null) return nine + check;
  }
}

/** A valid UPN; `temporary` ends it in a letter of the check alphabet (2-digit serial + letter). */
export function makeUpn(seed: number, temporary = false): string {
  const rng = seededRandom(seed);
  const body = digits(rng, 11) + (temporary ? UPN_ALPHABET[Math.floor(rng() * UPN_ALPHABET.length)]! : digits(rng, 1));
  return upnCheckLetter(body)! + body;
}

/** 9434765919 → "943 476 5919", as NHS numbers are usually written (`separator` "-" for the dashed form). */
export const groupNhsNumber = (ten: string, separator = ' '): string =>
  `${ten.slice(0, 3)}${separator}${ten.slice(3, 6)}${separator}${ten.slice(6)}`;
