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
  items: { id: string; title: string; area: string; status: string; hasContent: boolean; printed: boolean; gap: boolean }[];
}

/**
 * Characters of body text to an A4 page at 11 pt Arial with 2 cm margins, counting the space headings, tables and
 * lists take: the sample area's pack (LibreOffice: 49 pages) has 131,000 characters of text in 38 pages' worth of
 * non-chart content, about 3,400 a page; tables run denser and short paragraphs sparser, so it is a middle figure.
 */
const CHARS_PER_PAGE = 3400;
/** A chart with its caption and its words takes a little under half a page (two to a page, see sections/metrics.ts). */
const PAGES_PER_CHART = 0.45;

function estimatePages(blocks: readonly PackBlock[], charts: number): number {
  // Each section heading starts a page (heading1's pageBreakBefore), so a section is at least one page per heading.
  const headings = Math.max(1, contentsEntries(blocks).length);
  const pages = textOf(blocks).length / CHARS_PER_PAGE + charts * PAGES_PER_CHART;
  return Math.max(headings, Math.ceil(pages));
}

export function packOutline(input: PackInput): PackOutline {
  const sections = packParts(input).map((part) => ({
    id: part.id,
    headings: part.id === 'cover' ? ['Cover'] : part.id === 'contents' ? ['Contents'] : contentsEntries(part.blocks).map((e) => e.title),
    pages: estimatePages(part.blocks, part.id === 'metrics' ? input.charts.length : 0),
  }));
  const known = new Set<string>(AREA_GROUPS.map((g) => g.id));
  // Items by their home area, in the framework's order (EC1–EC5, leadership, AP, other), as the pack prints them.
  const order = (item: PackInput['items'][number]) => {
    const index = AREA_GROUPS.findIndex((g) => g.id === (homeGroup(item) ?? 'other'));
    return index < 0 ? AREA_GROUPS.length : index;
  };
  const items = input.items.map((item, index) => ({ item, index })).sort((a, b) => order(a.item) - order(b.item) || a.index - b.index).map((x) => x.item);
  return {
    sections,
    pages: sections.reduce((sum, s) => sum + s.pages, 0),
    items: items.map((item) => {
      const home = homeGroup(item) ?? item.groups.find((g) => known.has(g)) ?? 'other';
      return { id: item.id, title: item.title, area: groupLabel(home), status: item.status, hasContent: hasContent(item),
        printed: printsItem(item, input), gap: listedAsGap(item, input) };
    }),
  };
}
