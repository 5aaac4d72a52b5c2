import { ITEM_STATUSES, type ItemStatus } from '../../../shared/domain/item-status';
import { body, fact, heading1, heading2, note, type PackBlock } from '../blocks';
import { formatDateTime, REPORT_ORDER, statusLabel } from '../format';
import type { PackBuildRecord, PackInput } from '../pack-input';
import { packTable } from '../tables';
import { contentsWords } from './cover';

function countsOf(input: PackInput): Record<ItemStatus, number> {
  const counts = Object.fromEntries(ITEM_STATUSES.map((s) => [s, 0])) as Record<ItemStatus, number>;
  for (const item of input.items) counts[item.status] += 1;
  return counts;
}

/** Document control: this version, and every earlier build of the pack from this workspace with its status counts. */
export function documentControlSection(input: PackInput): PackBlock[] {
  const current: PackBuildRecord = {
    version: input.version,
    builtAt: input.builtAt,
    builtBy: input.preparedBy,
    counts: countsOf(input),
  };
  const history = [...input.previousBuilds].sort((a, b) => a.version - b.version);
  const row = (build: PackBuildRecord, isCurrent: boolean) => [
    isCurrent ? `${build.version} (this version)` : String(build.version),
    formatDateTime(build.builtAt),
    build.builtBy,
    REPORT_ORDER.map((s) => `${build.counts[s] ?? 0} ${statusLabel(s).toLowerCase()}`).join('\n'),
  ];
  return [
    heading1('Document control'),
    fact('Version', String(input.version)),
    fact('Built', formatDateTime(input.builtAt)),
    fact('Prepared by', input.preparedBy),
    fact('Protective marking', input.marking),
    fact('Contents', contentsWords(input), { last: true, end: true }),
    heading2('Version history'),
    ...(history.length === 0 ? [body('This is the first version of the pack built from this workspace.')] : []),
    packTable({
      columns: [
        { header: 'Version', weight: 16 },
        { header: 'Built', weight: 30 },
        { header: 'Built by', weight: 24 },
        { header: 'Checklist items', weight: 30 },
      ],
      rows: [...history.map((b) => row(b, false)), row(current, true)],
    }),
    note('The numbers are checklist items by status when each version was built.'),
  ];
}
