/** Small statistics over whole-week durations, for aggregating case-level extracts. */
export const DAYS_PER_WEEK = 7;

/** daysBetween with each date parsed once: a list of 200,000 children repeats a few thousand dates. */
export function dayCounter(): (from: string, to: string) => number {
  const days = new Map<string, number>();
  const day = (iso: string): number => {
    let d = days.get(iso);
    if (d === undefined) {
      d = Date.parse(`${iso}T00:00:00Z`) / 86_400_000;
      days.set(iso, d);
    }
    return d;
  };
  return (from, to) => Math.round(day(to) - day(from));
}

/** findBreakdownValue remembered per label: a list repeats the same few service names on every row. */
export function labelLookup(find: (label: string) => string | undefined): (label: string) => string | undefined {
  const seen = new Map<string, string | undefined>();
  return (label) => {
    if (seen.has(label)) return seen.get(label);
    const id = find(label);
    seen.set(label, id);
    return id;
  };
}

/** The p-th percentile (0–100) by the nearest-rank method, in weeks to one decimal place. */
export function percentileWeeks(sortedDays: readonly number[], p: number): number | null {
  if (sortedDays.length === 0) return null;
  const rank = Math.max(1, Math.ceil((p / 100) * sortedDays.length));
  return round1(sortedDays[rank - 1]! / DAYS_PER_WEEK);
}

export function meanWeeks(days: readonly number[]): number | null {
  if (days.length === 0) return null;
  return round1(days.reduce((a, b) => a + b, 0) / days.length / DAYS_PER_WEEK);
}

export const round1 = (n: number): number => Math.round(n * 10) / 10;
