import comparatorsJson from '../../../resources/comparators.json' with { type: 'json' };
import { datasetById, isCanonicalPeriod } from '../../../shared/domain/datasets/index';
import { metricById } from '../../../shared/domain/metrics/definitions';
import type { ComparatorFile } from '../../../shared/domain/metrics/types';

/** The national figures shipped with the app (resources/comparators.json). */
export const SHIPPED_COMPARATORS: ComparatorFile = comparatorsJson as ComparatorFile;

/**
 * What is wrong with a comparator file: unknown metric ids, periods not written canonically for the metric's
 * dataset, values out of range for the unit, missing sources, duplicates. Empty when the file is sound.
 */
export function checkComparatorFile(file: ComparatorFile): string[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const c of file.comparators) {
    const metric = metricById(c.metric);
    if (!metric) {
      problems.push(`${c.metric}: no such metric`);
      continue;
    }
    const def = datasetById(metric.dataset);
    if (def && !isCanonicalPeriod(c.period, def.periodType))
      problems.push(`${c.metric} ${c.period}: period is not a canonical ${def.periodType}`);
    if (typeof c.value !== 'number' || !Number.isFinite(c.value) || c.value < 0)
      problems.push(`${c.metric} ${c.period}: value must be a number, 0 or more`);
    if (metric.unit === '%' && c.value > 100) problems.push(`${c.metric} ${c.period}: a percentage above 100`);
    if (!c.source || !/\[R\d+\]/.test(c.source))
      problems.push(`${c.metric} ${c.period}: source must cite a §7 key such as [R51]`);
    const key = `${c.metric} ${c.period}`;
    if (seen.has(key)) problems.push(`${key}: listed twice`);
    seen.add(key);
  }
  return problems;
}
