/**
 * Ages as the Annex A rules count them: whole years completed on a day, a birthday on that day counting (born
 * 07/12/2001 is 25 on 07/12/2026). Someone born on 29 February completes a year on 1 March in a year without one.
 * Dates are ISO strings (YYYY-MM-DD), compared as text: no time zone can move a day.
 */

/** Whole years from `born` to `on` (both YYYY-MM-DD, born on or before on). */
export function ageOn(born: string, on: string): number {
  const years = Number(on.slice(0, 4)) - Number(born.slice(0, 4));
  return on.slice(5) < born.slice(5) ? years - 1 : years;
}

/**
 * The 31 August before a reference date: the day a school year's ages are fixed. The school year starting on
 * 1 September Y runs to 31 August Y+1, and its ages are taken on 31 August Y, so a reference date from 1 September Y
 * to 31 August Y+1 gives 31 August Y.
 */
export function previousAugust31(asOf: string): string {
  const year = Number(asOf.slice(0, 4));
  return `${asOf.slice(5) >= '09-01' ? year : year - 1}-08-31`;
}
