import { InternalHyperlink, TextRun } from 'docx';
import { AREA_GROUPS, type AreaGroup } from '../../../shared/domain/evaluation-areas';
import { body, bullet, fact, heading1, heading2, narrativeParagraphs, note, type PackBlock } from '../blocks';
import { describeFreshnessRule, formatDate, isoDay, listInWords, REPORT_ORDER, statusLabel } from '../format';
import { groupLabel, homeGroup, itemBookmarks, itemsInGroup, listedEvidence, printsItem, showsContent } from '../model';
import type { PackEvidence, PackInput, PackItem } from '../pack-input';
import { COLOUR } from '../styles';
import { chartParagraphs, metricNotes, metricsTable, placeCharts, type ChartPlacement } from './metric-figures';

const KNOWN_GROUPS = new Set<string>(AREA_GROUPS.map((g) => g.id));

export { homeGroup };

export function freshnessText(item: PackItem): string {
  const rule = describeFreshnessRule(item.freshnessRule);
  if (item.stale) {
    return item.expires
      ? `Out of date: the newest evidence went out of date on ${formatDate(item.expires)} (rule: ${rule})`
      : `Out of date (rule: ${rule})`;
  }
  if (item.expires) return `Current until ${formatDate(item.expires)} (rule: ${rule})`;
  if (item.evidenceRefs.length === 0) return `No dated evidence yet (rule: ${rule})`;
  return `No expiry date (rule: ${rule})`;
}

export function dueText(item: PackItem, builtAt: string): string {
  if (!item.due) return 'No due date';
  const overdue =
    item.status !== 'approved' &&
    item.status !== 'not-applicable' &&
    (isoDay(item.due) ?? '') < (isoDay(builtAt) ?? '');
  return `${formatDate(item.due)}${overdue ? ' (overdue)' : ''}`;
}

function statusText(item: PackItem): string {
  return item.stale ? `${statusLabel(item.status)}; evidence out of date` : statusLabel(item.status);
}

function groupSummary(items: readonly PackItem[], printed: number): string {
  if (items.length === 0) return 'No checklist items are mapped to this area.';
  const parts = REPORT_ORDER.flatMap((s) => {
    const n = items.filter((i) => i.status === s).length;
    return n ? [`${n} ${statusLabel(s).toLowerCase()}`] : [];
  });
  const left = items.length - printed;
  const rest =
    left === 0
      ? ''
      : printed === 0
        ? ' None has a narrative or evidence in this pack yet: they are listed under Gaps and actions.'
        : ` ${left} with no narrative or evidence in this pack ${left === 1 ? 'is' : 'are'} listed under Gaps and actions.`;
  return `${items.length} checklist ${items.length === 1 ? 'item' : 'items'}: ${listInWords(parts)}.${rest}`;
}

/** The figures of the datasets that are evidence for this item: its metrics with their comparators, and their charts. */
function figureBlocks(item: PackItem, input: PackInput, placement: ChartPlacement): PackBlock[] {
  const metrics = input.metrics.filter((m) => m.catalogueItem === item.id);
  if (metrics.length === 0) return [];
  const charts = placement.byItem.get(item.id) ?? [];
  return [
    fact(
      'Figures',
      `${metrics.length} ${metrics.length === 1 ? 'measure' : 'measures'} from the imported data, with England, the region, the statistical neighbours and the rank`,
      { spaceBefore: true },
    ),
    metricsTable(metrics),
    ...metricNotes(metrics),
    ...charts.flatMap((c) => chartParagraphs(c, placement.figure.get(c.id)!)),
  ];
}

function itemBlocks(
  item: PackItem,
  group: AreaGroup,
  input: PackInput,
  bookmarks: Map<string, string>,
  evidence: Map<string, PackEvidence>,
  cited: Map<number, PackEvidence>,
  placement: ChartPlacement,
): PackBlock[] {
  const home = homeGroup(item);
  const isHome = home === group.id;
  const bookmark = bookmarks.get(item.id);
  const blocks: PackBlock[] = [heading2(item.title, isHome ? bookmark : undefined)];

  if (item.personLevel) {
    return [
      ...blocks,
      fact('Status', statusLabel(item.status), { last: true }),
      body(
        'This item is about individual children and young people. Its documents go to the inspection team by ' +
          'secure transfer only and are not part of this pack.',
      ),
    ];
  }
  if (!showsContent(item, input)) {
    return [
      ...blocks,
      fact('Status', statusText(item), { last: true }),
      body(
        'This version of the pack includes approved items only, so the narrative and evidence for this item are left out.',
      ),
    ];
  }
  if (!isHome && home && bookmark) {
    return [
      ...blocks,
      fact('Status', statusText(item), { last: true }),
      body([
        new TextRun('The narrative and evidence for this item are under '),
        new InternalHyperlink({
          anchor: bookmark,
          children: [new TextRun({ text: groupLabel(home), style: 'Hyperlink' })],
        }),
        new TextRun('.'),
      ]),
    ];
  }

  const others = item.groups.filter((g) => g !== group.id && KNOWN_GROUPS.has(g));
  blocks.push(
    ...(item.description ? [note(item.description, { keepNext: true })] : []),
    fact('Status', statusText(item)),
    fact('Owner', item.owner.trim() || 'Not assigned'),
    fact('Due', dueText(item, input.builtAt)),
    fact('Freshness', freshnessText(item), { last: others.length === 0 }),
    ...(others.length ? [fact('Also supports', listInWords(others.map(groupLabel)), { last: true })] : []),
  );
  const figures = figureBlocks(item, input, placement);
  const narrative = narrativeParagraphs(item.narrative, {
    evidence: (fileId) => cited.get(fileId),
    keepLastWithNext: figures.length === 0,
  });
  blocks.push(
    ...(narrative.length
      ? narrative
      : [
          body([
            new TextRun({
              text: 'No narrative has been written for this item yet.',
              italics: true,
              color: COLOUR.secondary,
            }),
          ]),
        ]),
  );
  blocks.push(...figures);
  if (item.evidenceRefs.length === 0) {
    blocks.push(fact('Evidence', 'no files attached', { last: true, spaceBefore: true, end: true }));
  } else {
    blocks.push(
      fact(
        'Evidence',
        `${item.evidenceRefs.length} ${item.evidenceRefs.length === 1 ? 'file' : 'files'} (see the evidence index)`,
        { spaceBefore: true },
      ),
    );
    for (const ref of item.evidenceRefs) {
      const e = evidence.get(ref);
      blocks.push(
        bullet([
          new TextRun({ text: ref, bold: true }),
          new TextRun(e ? ` ${e.title}${e.documentDate ? `, ${formatDate(e.documentDate)}` : ''}` : ''),
        ]),
      );
    }
  }
  return blocks;
}

/** One section per evaluation area group, headed in the inspection framework's own wording. */
export function areaSections(input: PackInput): PackBlock[] {
  const bookmarks = itemBookmarks(input.items);
  const evidence = new Map(input.evidence.map((e) => [e.ref, e]));
  // Narratives cite files by attachment chain id; only files this pack lists can be cited by their reference.
  const cited = new Map(listedEvidence(input).flatMap((e) => (e.fileId === undefined ? [] : [[e.fileId, e] as const])));
  const placement = placeCharts(input);
  return AREA_GROUPS.flatMap((group) => {
    const items = itemsInGroup(input, group.id);
    const printed = items.filter((item) => printsItem(item, input));
    return [
      heading1(group.heading),
      body([
        new TextRun({ text: `${groupLabel(group.id)}. `, bold: true }),
        new TextRun(groupSummary(items, printed.length)),
      ]),
      ...printed.flatMap((item) => itemBlocks(item, group, input, bookmarks, evidence, cited, placement)),
    ];
  });
}
