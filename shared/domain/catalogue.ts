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
  /** 'day-0': due on the notification day itself (self-evaluation, strategy, action plans: catalogue 2026.2). */
  dueRule?: 'day-0';
  /** Inspectors can find it published (JSNA, SEN information reports…): kept, but it does not count towards readiness. */
  background?: boolean;
  /**
   * Items this one takes over from (a split: both halves name the item split). On upgrade each new item starts with
   * the old item's status, owner, note and due date, and the old item's history is shown as its own.
   */
  replaces?: string[];
}

export interface Catalogue {
  catalogueVersion: string;
  source: string;
  items: CatalogueItem[];
}
