import { body, heading1, heading2, narrativeParagraphs, note, type PackBlock } from '../blocks';
import { formatDate } from '../format';
import { showsContent } from '../model';
import type { PackInput } from '../pack-input';
import { SUMMARY_ITEM_ID } from '../read-self-evaluation-input';
import { packTable } from '../tables';

/** The latest rating of each area that has one: "Secure (1 Nov 2026)". */
export function latestRatings(input: PackInput): { label: string; rating: string }[] {
  return (input.selfEvaluation?.areas ?? []).flatMap((a) => {
    const last = a.ratings.at(-1);
    return last ? [{ label: a.label, rating: `${last.rating} (${formatDate(last.ratedOn)})` }] : [];
  });
}

/**
 * The executive summary: the narrative of the catalogue item self-evaluation-summary (where the catalogue has it),
 * headline figures from the data beside England, and each area's latest rating. Nothing to say, nothing printed.
 */
export function executiveSummarySection(input: PackInput): PackBlock[] {
  const se = input.selfEvaluation;
  if (!se) return [];
  const item = input.items.find((i) => i.id === SUMMARY_ITEM_ID);
  const summary = item && showsContent(item, input) ? narrativeParagraphs(item.narrative) : [];
  const ratings = latestRatings(input);
  if (summary.length === 0 && se.headlines.length === 0 && ratings.length === 0) return [];
  const blocks: PackBlock[] = [heading1('Executive summary'), ...summary];
  if (se.headlines.length) {
    blocks.push(
      heading2('Headline figures'),
      packTable({
        columns: [
          { header: 'Measure', weight: 50 },
          { header: 'Value', weight: 20, align: 'right' },
          { header: 'England', weight: 30 },
        ],
        rows: se.headlines.map((h) => [h.label, h.value, h.note || 'None published']),
      }),
    );
  }
  if (ratings.length) {
    blocks.push(
      heading2('Our evaluation at a glance'),
      packTable({
        columns: [
          { header: 'Evaluation area', weight: 60 },
          { header: 'Latest rating', weight: 40 },
        ],
        rows: ratings.map((r) => [r.label, r.rating]),
      }),
      note('The self-evaluation section gives the evidence and the earlier ratings behind each.'),
    );
  }
  if (summary.length === 0 && item === undefined)
    blocks.splice(1, 0, body('The figures and ratings below are drawn from this workspace.'));
  return blocks;
}
