import type { EvaluationAreaId } from './evaluation-areas';

export const ITEM_KINDS = ['document', 'dataset', 'metric', 'narrative'] as const;
export type ItemKind = (typeof ITEM_KINDS)[number];

/** One entry of the shipped evidence catalogue (resources/catalogue/catalogue.json). Ids never change. */
export interface CatalogueItem {
  id: string;
  title: string;
  description: string;
  supports: string[];
  areas: EvaluationAreaId[];
  kinds: ItemKind[];
  typicalOwner: string;
  freshness: { rule: string; maxAgeMonths: number | null };
  /** Person-level items carry a status only: never files or narrative, never in a pack. */
  personLevel: boolean;
  sources: string[];
}

export interface Catalogue {
  catalogueVersion: string;
  source: string;
  items: CatalogueItem[];
}
