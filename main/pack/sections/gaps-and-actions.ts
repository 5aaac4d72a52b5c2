import { AREA_GROUP_IDS } from '../../../shared/domain/evaluation-areas';
import { body, heading1, note, type PackBlock } from '../blocks';
import { plural, statusLabel } from '../format';
import { groupLabel, hasContent, listedAsGap, printsItem } from '../model';
import type { PackInput, PackItem } from '../pack-input';
import { packTable } from '../tables';
import { dueText } from './area-sections';

const GROUP_ORDER: readonly string[] = AREA_GROUP_IDS;

/** By due date (none last), then area, then title; person-level items, whose dates aren't shown, at the end. */
function byDueThenArea(a: PackItem, b: PackItem): number {
  if (a.personLevel !== b.personLevel) return a.personLevel ? 1 : -1;
  const due = (a.due ?? '9999') < (b.due ?? '9999') ? -1 : (a.due ?? '9999') > (b.due ?? '9999') ? 1 : 0;
  if (due) return due;
  const area = GROUP_ORDER.indexOf(a.groups[0] ?? 'other') - GROUP_ORDER.indexOf(b.groups[0] ?? 'other');
  return area || (a.title < b.title ? -1 : a.title > b.title ? 1 : 0);
}

/** Every item not approved (not applicable is no gap) or with out-of-date evidence, with owner, due date and status. */
export function gapsAndActionsSection(input: PackInput): PackBlock[] {
  const gaps = input.items.filter((item) => listedAsGap(item, input)).sort(byDueThenArea);
  if (gaps.length === 0) {
    return [
      heading1('Gaps and actions'),
      body('There are no gaps: every applicable item is approved and its evidence is current.'),
    ];
  }
  const statusWords = (item: PackItem) => {
    const words = [statusLabel(item.status)];
    if (item.stale) words.push('evidence out of date');
    if (!hasContent(item, input)) words.push('nothing written or attached');
    else if (!printsItem(item, input) && input.options.items) words.push('not chosen for this pack');
    return words.join('; ');
  };
  const personLevel = gaps.some((i) => i.personLevel);
  return [
    heading1('Gaps and actions'),
    body(
      `${plural(gaps.length, 'item')} ${gaps.length === 1 ? 'is' : 'are'} not yet approved, ${gaps.length === 1 ? 'has' : 'have'} out-of-date evidence ` +
        `or ${gaps.length === 1 ? 'is' : 'are'} not printed in this pack, listed by due date.`,
    ),
    packTable({
      columns: [
        { header: 'Checklist item', weight: 27 },
        { header: 'Evaluation area', weight: 19 },
        { header: 'Status', weight: 16 },
        { header: 'Owner', weight: 21 },
        { header: 'Due', weight: 17 },
      ],
      rows: gaps.map((item) => [
        item.title,
        item.groups.map(groupLabel).join('\n'),
        statusWords(item),
        item.personLevel ? '\u2014' : item.owner.trim() || 'Not assigned',
        item.personLevel ? '\u2014' : dueText(item, input.builtAt),
      ]),
    }),
    ...(personLevel
      ? [
          note(
            'Person-level items show their status only: their documents go to the inspection team by secure transfer.',
          ),
        ]
      : []),
  ];
}
