import type { MetricDefinition } from './types';

/**
 * The five themes DfE's SEND and AP Inclusion Dashboard groups its measures into (§4.1), which the pack's key
 * metrics follow. Each §4 family belongs to one theme; a family not listed falls under Experiences.
 */
export const METRIC_THEMES = [
  { id: 'outcomes', title: 'Outcomes' },
  { id: 'experiences', title: 'Experiences' },
  { id: 'identification', title: 'Identification of need' },
  { id: 'financial', title: 'Financial sustainability' },
  { id: 'alternative-provision', title: 'Alternative provision' },
] as const;

export type MetricThemeId = (typeof METRIC_THEMES)[number]['id'];

/**
 * Families by theme. Outcomes: what children achieve and where they go next. Experiences: how the EHC process,
 * health services and schooling work for families (timeliness, reviews, appeals, waits, attendance, suspensions).
 * Identification of need: how many children are identified, requested for and given plans. No dataset yet holds
 * the dashboard's financial measures (DSG balance) or alternative provision counts; the pack says so.
 */
const FAMILY_THEMES: Record<string, MetricThemeId> = {
  'ks2-rwm': 'outcomes',
  'neet-send': 'outcomes',
  'ehcna-refusal': 'identification',
  'assess-to-plan': 'identification',
  'ehcp-caseload': 'identification',
  'sen-rates': 'identification',
};

export function themeOf(metric: Pick<MetricDefinition, 'family'>): MetricThemeId {
  return FAMILY_THEMES[metric.family] ?? 'experiences';
}
