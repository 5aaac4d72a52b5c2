import { AREA_GROUPS } from '../../shared/domain/evaluation-areas';
import { contentsEntries, type PackBlock } from './blocks';
import { packParts } from './build-pack';
import { groupLabel, hasContent, listedAsGap, printsItem } from './model';
import type { PackInput, PackSectionId } from './pack-input';
import { homeGroup } from './sections/area-sections';
import { textOf } from './text-of';

/**
 * What a pack will hold, before it is built: its sections in order (each with its headings and an estimate of its
 * pages), the items it prints and the items it lists as gaps. Built from the same section builders as the pack, so
 * the outline cannot disagree with the document; only the page count is an estimate.
 */
export interface PackOutline {
  sections: { id: PackSectionId; headings: string[]; pages: number }[];
  pages: number;
  /** Every checklist item, with whether it has content and whether this pack prints it. */
  items: {
    id: string;
    title: string;
    area: string;
    status: string;
    hasContent: boolean;
    printed: boolean;
    gap: boolean;
  }[];
}

/**
 * Characters of text to an A4 page at the pack's 11 pt Arial (9 pt in tables), counting the room headings, item
 * details, lists and tables take: the sample area's pack in LibreOffice has 57,350 characters in its evaluation-area
 * sections over 31 pages and 2,990 in its gaps table over 2, close to 2,000 a page once each section's first page is
 * counted whole.
 */
const CHARS_PER_PAGE = 2200;
/** Two charts, with their captions and their words, to a page (sections/metrics.ts; the sample's 30 take 15 pages). */
const PAGES_PER_CHART = 0.5;

/** Pages of built blocks: each section heading starts a page (heading1's pageBreakBefore), so each is counted up whole. */
function estimatePages(blocks: readonly PackBlock[], charts: number): number {
  const chunks: PackBlock[][] = [[]];
  const starts = new Set(contentsEntries(blocks).length ? blocks.filter((b) => contentsEntries([b]).length > 0) : []);
  for (const block of blocks) {
    if (starts.has(block) && chunks.at(-1)!.length > 0) chunks.push([]);
    chunks.at(-1)!.push(block);
  }
  const pages = chunks.map((chunk, i) =>
    Math.max(
      1,
      Math.ceil(textOf(chunk).length / CHARS_PER_PAGE + (i === chunks.length - 1 ? charts * PAGES_PER_CHART : 0)),
    ),
  );
  return pages.reduce((a, b) => a + b, 0);
}

export function packOutline(input: PackInput): PackOutline {
  const sections = packParts(input).map((part) => ({
    id: part.id,
    headings:
      part.id === 'cover'
        ? ['Cover']
        : part.id === 'contents'
          ? ['Contents']
          : contentsEntries(part.blocks).map((e) => e.title),
    pages: estimatePages(part.blocks, part.id === 'metrics' ? input.charts.length : 0),
  }));
  const known = new Set<string>(AREA_GROUPS.map((g) => g.id));
  // Items by their home area, in the framework's order (EC1–EC5, leadership, AP, other), as the pack prints them.
  const order = (item: PackInput['items'][number]) => {
    const index = AREA_GROUPS.findIndex((g) => g.id === (homeGroup(item) ?? 'other'));
    return index < 0 ? AREA_GROUPS.length : index;
  };
  const items = input.items
    .map((item, index) => ({ item, index }))
    .sort((a, b) => order(a.item) - order(b.item) || a.index - b.index)
    .map((x) => x.item);
  return {
    sections,
    pages: sections.reduce((sum, s) => sum + s.pages, 0),
    items: items.map((item) => {
      const home = homeGroup(item) ?? item.groups.find((g) => known.has(g)) ?? 'other';
      return {
        id: item.id,
        title: item.title,
        area: groupLabel(home),
        status: item.status,
        hasContent: hasContent(item, input),
        printed: printsItem(item, input),
        gap: listedAsGap(item, input),
      };
    }),
  };
}
