/**
 * Small-number suppression (issue 6 §3; docs/domain §6): in the shared pack a count below the threshold, and a
 * rate whose numerator or denominator is below it, is printed "fewer than N" so no child can be singled out. The
 * stored figure is never changed. The threshold is a setting (default 5): the right figure for a shared local area
 * pack is a local decision, not verified nationally. Zero is not suppressed: it singles no one out.
 */

export const DEFAULT_SMALL_NUMBER_THRESHOLD = 5;

/** True when a count is suppressed: more than zero and below the threshold. Null (no figure) is never small. */
export function isSmallCount(n: number | null | undefined, threshold = DEFAULT_SMALL_NUMBER_THRESHOLD): boolean {
  return n !== null && n !== undefined && n > 0 && n < threshold;
}

/** True when a rate is suppressed: its numerator or its denominator is a small count. */
export function isSmall(
  numerator: number | null | undefined,
  denominator: number | null | undefined,
  threshold = DEFAULT_SMALL_NUMBER_THRESHOLD,
): boolean {
  return isSmallCount(numerator, threshold) || isSmallCount(denominator, threshold);
}

/** What the pack prints in place of a suppressed figure. */
export function fewerThan(threshold = DEFAULT_SMALL_NUMBER_THRESHOLD): string {
  return `fewer than ${threshold}`;
}

/** A count as the pack prints it: "fewer than 5" when small, otherwise `format(n)` (en-GB grouping by default). */
export function suppressCount(
  n: number,
  threshold = DEFAULT_SMALL_NUMBER_THRESHOLD,
  format: (n: number) => string = (v) => v.toLocaleString('en-GB'),
): string {
  return isSmallCount(n, threshold) ? fewerThan(threshold) : format(n);
}
