import { AREA_GROUPS, type AreaGroupId } from '../../shared/domain/evaluation-areas';
import type { PackEvidence, PackInput, PackItem } from './pack-input';

/** The rules every section follows about what the pack may print, in one place. */

/** Whether an item's narrative, owner, freshness and evidence are printed: never for person-level items, and only
 * for approved items when the pack is built with approved items only. */
export function showsContent(item: PackItem, input: PackInput): boolean {
  if (item.personLevel) return false;
  return !input.options.approvedOnly || item.status === 'approved';
}

/**
 * Whether an item has anything to print: a narrative, evidence, or figures imported for it (its section carries
 * them with their comparators and charts); person-level items always (their status and where their documents go).
 */
export function hasContent(item: PackItem, input: Pick<PackInput, 'metrics'>): boolean {
  return (
    item.personLevel ||
    item.narrative.trim() !== '' ||
    item.evidenceRefs.length > 0 ||
    input.metrics.some((m) => m.catalogueItem === item.id)
  );
}

/**
 * Whether an item gets a section of its own under its evaluation area: the items the officer chose on the build
 * screen, or by default every item with content (an item with nothing written and nothing attached is listed in the
 * gaps table instead of printing as an empty "Status: Not started" page). With approved items only, only approved
 * items (and person-level ones, which print their status only) are printed.
 */
export function printsItem(item: PackItem, input: PackInput): boolean {
  const chosen = input.options.items;
  if (chosen ? !chosen.includes(item.id) : !hasContent(item, input)) return false;
  return item.personLevel || showsContent(item, input);
}

/** Gaps: every item not approved (not applicable is no gap), and every item whose evidence is out of date. */
export function isGap(item: PackItem): boolean {
  return (item.status !== 'approved' && item.status !== 'not-applicable') || item.stale;
}

/** What the gaps table lists: the gaps, and every applicable item the pack does not print. */
export function listedAsGap(item: PackItem, input: PackInput): boolean {
  return isGap(item) || (item.status !== 'not-applicable' && !printsItem(item, input));
}

/** "EC1: Identification and assessment", "Leadership and strategy". */
export function groupLabel(id: AreaGroupId): string {
  const group = AREA_GROUPS.find((g) => g.id === id);
  if (!group) return id;
  return /^EC\d$/.test(id) ? `${id}: ${group.shortName}` : group.shortName;
}

/** The group whose section prints an item in full: its first listed evaluation area (others link to it). */
export function homeGroup(item: PackItem): AreaGroupId | undefined {
  return item.groups.find((g) => AREA_GROUPS.some((a) => a.id === g));
}

export function itemsInGroup(input: PackInput, group: AreaGroupId): PackItem[] {
  return input.items.filter((item) => item.groups.includes(group));
}

/** The evidence files the pack lists: those of items whose content it prints. */
export function listedEvidence(input: PackInput): PackEvidence[] {
  const items = new Map(input.items.map((item) => [item.id, item]));
  return input.evidence.filter((e) => {
    const item = items.get(e.itemId);
    return item !== undefined && showsContent(item, input);
  });
}

/** Bookmark names for item headings (Word: a letter first, then letters, digits and underscores, at most 40). */
export function itemBookmarks(items: readonly PackItem[]): Map<string, string> {
  const names = new Map<string, string>();
  const used = new Set<string>();
  items.forEach((item, index) => {
    let name = `Item_${item.id.replace(/[^A-Za-z0-9]+/g, '_')}`.slice(0, 40);
    if (used.has(name)) name = `Item_${index}`;
    used.add(name);
    names.set(item.id, name);
  });
  return names;
}

export interface ApprovalSummary {
  applicable: number;
  approved: number;
  stale: number;
}

export function approvalSummary(input: PackInput): ApprovalSummary {
  const applicable = input.items.filter((i) => i.status !== 'not-applicable');
  return {
    applicable: applicable.length,
    approved: applicable.filter((i) => i.status === 'approved').length,
    stale: input.items.filter((i) => i.stale).length,
  };
}
