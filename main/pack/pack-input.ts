import { PACK_KIND_IDS, type PackKindId, type PackSectionName } from '../../shared/domain/pack-kinds';
import type { AreaGroupId } from '../../shared/domain/evaluation-areas';
import type { ItemStatus } from '../../shared/domain/item-status';
import type { ChartSpec } from '../charts/types';
import type { MetricThemeId } from '../../shared/domain/metrics/themes';
import type { AnnexAProfile } from '../../shared/domain/annex-a';

/** A section of a pack; the one list of them, in document order, is PACK_SECTION_ORDER in shared/domain/pack-kinds.ts. */
export type PackSectionId = PackSectionName;

export interface PackOptions {
  sections: PackSectionId[];
  /** Only approved items' narratives and evidence; everything else is listed as a gap. */
  approvedOnly: boolean;
  /**
   * The checklist items printed in the evaluation-area sections, by id; absent, every item with a narrative or
   * evidence. The others are listed in the gaps table (see printsItem in model.ts).
   */
  items?: string[];
  /** What document this is (pack-kinds.ts); absent, the evidence pack. */
  kind?: PackKind;
}

/** Documents built from a workspace: each a title and default sections (pack-kinds.ts); more kinds slot in there. */
export const PACK_KINDS = PACK_KIND_IDS;
export type PackKind = PackKindId;

/** A figure as a section prints it: "EHC plans held (January 2026)", "3,395", "England 2.9%". */
export interface PackHeadline {
  label: string;
  value: string;
  note: string;
}

export interface PackSelfEvaluationArea {
  area: AreaGroupId;
  /** "EC1: Identification and assessment". */
  label: string;
  whatGood: string;
  strengths: string;
  development: string;
  impact: string;
  nextSteps: string;
  /** The linked evidence as printed: "E004 SEN profile", "Checklist item: Local Offer site", "Metric: …". */
  evidence: string[];
  /** Oldest first. */
  ratings: { rating: string; ratedOn: string }[];
}

export interface PackCaseStudy {
  title: string;
  area: AreaGroupId;
  story: string;
  consentNote: string;
}

export interface PackKpi {
  title: string;
  baseline: string | null;
  target: string | null;
  latest: string;
  /** In words: "Up from 41.2% (2021) to 68.2% (2025): improving". */
  trend: string;
  england: string | null;
  better: string;
}

export interface PackNarrative {
  id: string;
  title: string;
  narrative: string;
  status: ItemStatus;
}

/**
 * What the self-evaluation's sections print. Optional, so inputs recorded before these sections existed still
 * restore (and build without them).
 */
export interface PackSelfEvaluationInput {
  /** The narrative of the catalogue item self-evaluation-summary, where the catalogue has it. */
  summary: string;
  headlines: PackHeadline[];
  context: { text: string; figures: PackHeadline[] };
  scale: string[];
  areas: PackSelfEvaluationArea[];
  voice: PackNarrative[];
  caseStudies: PackCaseStudy[];
  /** Case studies left out because no consent is recorded (their titles are not printed). */
  caseStudiesWithoutConsent: number;
  kpis: PackKpi[];
  contacts: { role: string; name: string }[];
}

export interface PackBuildRecord {
  version: number;
  builtAt: string;
  builtBy: string;
  counts: Record<ItemStatus, number>;
}

export interface PackMilestone {
  name: string;
  date: string;
  endDate: string | null;
}

export interface PackReadiness {
  group: AreaGroupId;
  heading: string;
  total: number;
  approved: number;
  readyForReview: number;
  inProgress: number;
  notStarted: number;
  notApplicable: number;
  stale: number;
}

export interface PackMetric {
  id: string;
  title: string;
  period: string;
  unit: string;
  /** The value as the pack prints it, e.g. "60.4%", "1,204", "fewer than 5". */
  display: string;
  comparator: { display: string; period: string; source: string } | null;
  /** "Better", "Worse", "Same" or "" (context measures, or no comparator): always words, never colour alone. */
  better: string;
  /**
   * Added with benchmarking (absent in inputs recorded before): the theme the key-metrics table groups it under, the
   * checklist item its dataset is evidence for, the trend in words, the region's and the statistical neighbours'
   * figures, rank and quartile in words, notes beside the figure, and the chart drawn for it.
   */
  theme?: MetricThemeId;
  catalogueItem?: string;
  trend?: string;
  region?: { name: string; display: string } | null;
  /** `of`: how many neighbours the list in use names for the area (absent in inputs recorded before: ten). */
  neighbours?: { display: string; count: number; of?: number } | null;
  rank?: string;
  notes?: string[];
  chartId?: string | null;
}

export interface PackChart {
  id: string;
  title: string;
  png: Uint8Array;
  /** Size in the document, in pixels at 96 dpi. */
  width: number;
  height: number;
  altText: string;
  /** What the chart was drawn from, so a recorded build can draw it again. */
  spec?: ChartSpec;
}

export interface PackEvidence {
  /** "E001": how the pack and the bundle cite the file. */
  ref: string;
  /** The attachment chain id narratives cite it by (`[[evidence:N]]`); absent in inputs recorded before they could. */
  fileId?: number;
  title: string;
  itemId: string;
  itemTitle: string;
  /** The item's first evaluation area: the bundle's folder for it. */
  group: AreaGroupId;
  documentDate: string | null;
  version: string;
  owner: string;
  fileName: string;
  bytes: number;
  sha256: string;
}

export interface PackItem {
  id: string;
  title: string;
  description: string;
  /** The groups whose sections list it: its areas, or "other". */
  groups: AreaGroupId[];
  status: ItemStatus;
  owner: string;
  due: string | null;
  freshnessRule: string;
  stale: boolean;
  expires: string | null;
  /** The officers' narrative; empty for person-level items, which never show more than their status. */
  narrative: string;
  personLevel: boolean;
  evidenceRefs: string[];
}

/** A plan action as the progress section prints it: figures already formatted (small numbers suppressed). */
export interface PackProgressAction {
  id: number;
  action: string;
  lead: string;
  due: string;
  /** "Green", "Complete (3 Mar 2026)", "Red; overdue", "No update yet". */
  status: string;
  latestUpdate: { date: string; text: string } | null;
  measures: { title: string; baseline: string; target: string; latest: string; trend: string }[];
}

/** "Progress since the last inspection": the last outcome, the previous report item, and the plan's actions by report area. */
export interface PackProgress {
  outcome: {
    label: string;
    siteWeekStart: string;
    siteWeekEnd: string;
    received: string | null;
    published: string | null;
  } | null;
  previousReport: { itemId: string; title: string; narrative: string; evidenceRefs: string[] } | null;
  groups: { title: string; text: string | null; actions: PackProgressAction[] }[];
  counts: {
    actions: number;
    complete: number;
    green: number;
    amber: number;
    red: number;
    noUpdate: number;
    overdue: number;
    away: number;
  };
}

/** Everything a pack is built from, read from the workspace once; building is a pure function of it. */
export interface PackInput {
  area: { name: string; laCode: string | null; laName: string | null };
  /** Protective marking for header and cover, default OFFICIAL-SENSITIVE. */
  marking: string;
  version: number;
  builtAt: string;
  preparedBy: string;
  options: PackOptions;
  /** True unless every applicable item is approved: then every page says DRAFT. */
  draft: boolean;
  previousBuilds: PackBuildRecord[];
  timeline: { presetName: string; notified: string; packDue: string; milestones: PackMilestone[] } | null;
  readiness: PackReadiness[];
  metrics: PackMetric[];
  charts: PackChart[];
  items: PackItem[];
  evidence: PackEvidence[];
  glossary: { term: string; meaning: string }[];
  selfEvaluation?: PackSelfEvaluationInput;
  /** Absent in inputs recorded before the section existed. */
  progress?: PackProgress | null;
  /** The Annex A lists' aggregate profiles the officers saved for the local context (issue 19), already suppressed. */
  listProfiles?: AnnexAProfile[];
}
