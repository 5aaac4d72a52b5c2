import { body, bullet, fact, heading1, heading2, note, type PackBlock } from '../blocks';
import { formatDate, listInWords } from '../format';
import type { PackInput, PackSelfEvaluationArea } from '../pack-input';
import { packTable, wideTableWidth } from '../tables';

/** Grid text for a table cell: the Markdown subset's list marks as bullets, its emphasis marks dropped. */
function cellText(text: string): string {
  const lines = text
    .split('\n')
    .map((l) => l.trimEnd())
    .filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  return (
    lines
      .map((l) =>
        l
          .replace(/^\s*[-*]\s+/, '\u2022 ')
          .replace(/\*\*|__/g, '')
          .replace(/^#{2,3}\s+/, ''),
      )
      .join('\n')
      .trim() || '\u2014'
  );
}

/** How the latest rating compares with the one before, on the scale (listed best first): words, never colour. */
export function ratingTrend(area: PackSelfEvaluationArea, scale: readonly string[]): string {
  const [previous, latest] =
    area.ratings.slice(-2).length === 2 ? area.ratings.slice(-2) : [undefined, area.ratings.at(-1)];
  if (!latest) return 'Not rated yet';
  if (!previous) return 'First rating';
  const rank = (r: string) => scale.findIndex((s) => s.toLowerCase() === r.toLowerCase());
  const [a, b] = [rank(previous.rating), rank(latest.rating)];
  if (a < 0 || b < 0) return `Was ${previous.rating} (${formatDate(previous.ratedOn)})`;
  const change = a === b ? 'No change' : b < a ? 'Improved' : 'Declined';
  return `${change} since ${formatDate(previous.ratedOn)} (${previous.rating})`;
}

function hasContent(a: PackSelfEvaluationArea): boolean {
  return (
    [a.strengths, a.development, a.impact, a.nextSteps].some((t) => t.trim()) ||
    a.ratings.length > 0 ||
    a.evidence.length > 0
  );
}

/**
 * The self-evaluation grid, one per evaluation area the officers have filled in: what good looks like (first, as
 * councils lay it out), where we are (strengths and areas for development), impact and what we will do next, with
 * the rating, its date and the trend from earlier ratings, and the evidence linked to it. On landscape pages.
 */
export function selfEvaluationSection(input: PackInput): PackBlock[] {
  const se = input.selfEvaluation;
  const areas = (se?.areas ?? []).filter(hasContent);
  if (!se || areas.length === 0) return [];
  const width = wideTableWidth();
  const blocks: PackBlock[] = [
    heading1('Self-evaluation'),
    body(
      `Our evaluation of each area against what good looks like in the inspection framework. Ratings use our scale: ${listInWords(se.scale)}, ` +
        'best first; each is dated, and the earlier ones show the trend.',
    ),
    packTable({
      width,
      columns: [
        { header: 'Evaluation area', weight: 40 },
        { header: 'Rating', weight: 20 },
        { header: 'Trend', weight: 40 },
      ],
      rows: areas.map((a) => {
        const last = a.ratings.at(-1);
        return [
          a.label,
          last ? `${last.rating} (${formatDate(last.ratedOn)})` : 'Not rated yet',
          ratingTrend(a, se.scale),
        ];
      }),
    }),
  ];
  for (const a of areas) {
    const last = a.ratings.at(-1);
    const earlier = a.ratings.slice(0, -1).reverse();
    blocks.push(
      heading2(a.label),
      fact('Rating', last ? `${last.rating}, ${formatDate(last.ratedOn)}` : 'not rated yet', {
        last: earlier.length === 0,
      }),
      ...(earlier.length
        ? [
            fact('Earlier ratings', earlier.map((r) => `${r.rating} (${formatDate(r.ratedOn)})`).join('; '), {
              last: true,
            }),
          ]
        : []),
      packTable({
        width,
        small: true,
        columns: [
          { header: 'What good looks like', weight: 20 },
          { header: 'Where we are: strengths', weight: 22 },
          { header: 'Areas for development', weight: 20 },
          { header: 'Impact', weight: 18 },
          { header: 'What we will do next', weight: 20 },
        ],
        rows: [
          [
            cellText(a.whatGood),
            cellText(a.strengths),
            cellText(a.development),
            cellText(a.impact),
            cellText(a.nextSteps),
          ],
        ],
      }),
    );
    if (a.evidence.length) {
      blocks.push(
        fact('Evidence', '', { spaceBefore: true }),
        ...a.evidence.map((e, i) => bullet(e, { last: i === a.evidence.length - 1 })),
      );
    } else {
      blocks.push(note("No evidence is linked to this area's self-evaluation yet."));
    }
  }
  return blocks;
}
