import type { AreaGroupId } from '../../shared/domain/evaluation-areas';
import type { ItemStatus } from '../../shared/domain/item-status';
import type { ChartSpec } from '../charts/types';
import type { MetricThemeId } from '../../shared/domain/metrics/themes';

/** Sections a pack can hold, in their order in the document. */
export const PACK_SECTION_IDS = ['cover', 'document-control', 'contents', 'readiness', 'metrics', 'areas', 'gaps', 'evidence-index', 'glossary'] as const;
export type PackSectionId = (typeof PACK_SECTION_IDS)[number];

export interface PackOptions {
  sections: PackSectionId[];
  /** Only approved items' narratives and evidence; everything else is listed as a gap. */
  approvedOnly: boolean;
}

export interface PackBuildRecord {
  version: number;
  builtAt: string;
  builtBy: string;
  counts: Record<ItemStatus, number>;
}

export interface PackMilestone { name: string; date: string; endDate: string | null }

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
  neighbours?: { display: string; count: number } | null;
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
}
