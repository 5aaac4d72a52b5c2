import { AlignmentType, ImageRun, Paragraph, TextRun } from 'docx';
import { body, heading1, heading2, note, type PackBlock } from '../blocks';
import { listInWords } from '../format';
import type { PackChart, PackInput, PackMetric } from '../pack-input';
import { MAX_IMAGE_WIDTH_PX, STYLE } from '../styles';
import { packTable } from '../tables';

/** "Better", "Worse", "Same" as the metric says; otherwise why there is no comparison, in words. */
function comparisonWords(metric: PackMetric): string {
  if (metric.better.trim()) return metric.better.trim();
  return metric.comparator ? 'Not compared (context measure)' : 'No national figure';
}

/** A chart at its size, scaled down to the text width when wider; alt text states every figure. */
export function chartParagraphs(chart: PackChart, index: number): Paragraph[] {
  // Four fifths of the text width: two charts with their captions and words fit on a page.
  const scale = Math.min(1, (MAX_IMAGE_WIDTH_PX * 0.8) / chart.width);
  const width = Math.round(chart.width * scale);
  const height = Math.round(chart.height * scale);
  const caption = new Paragraph({ style: STYLE.caption, keepNext: true, children: [new TextRun(`Figure ${index + 1}: ${chart.title}`)] });
  const inWords = note(`Figure ${index + 1} in words: ${chart.altText}`);
  // A chart without an image (one that could not be drawn again) is given in words only.
  if (chart.png.length === 0 || !(chart.width > 0 && chart.height > 0)) return [caption, inWords];
  return [
    caption,
    new Paragraph({
      alignment: AlignmentType.CENTER, keepNext: true, spacing: { after: 60 },
      children: [new ImageRun({
        type: 'png', data: chart.png, transformation: { width, height },
        // A fixed drawing id per chart keeps the document the same from build to build.
        altText: { id: String(index + 1), name: `Figure ${index + 1}`, title: chart.title, description: chart.altText },
      })],
    }),
    inWords,
  ];
}

/** Key metrics: latest value, period, national comparator with its period, better or worse in words; then charts. */
export function metricsSection(input: PackInput): PackBlock[] {
  const blocks: PackBlock[] = [heading1('Key metrics')];
  if (input.metrics.length === 0) {
    blocks.push(body('No metrics have been calculated for this pack: no datasets have been imported yet.'));
  } else {
    blocks.push(
      body('The latest figure for each measure, with the national figure for England where one is published.'),
      packTable({
        columns: [
          { header: 'Measure', weight: 33 }, { header: 'Period', weight: 13 }, { header: 'Value', weight: 14, align: 'right' },
          { header: 'England (period)', weight: 20 }, { header: 'Compared with England', weight: 20 },
        ],
        rows: input.metrics.map((m) => [
          m.title, m.period, m.display,
          m.comparator ? `${m.comparator.display} (${m.comparator.period})` : 'None published',
          comparisonWords(m),
        ]),
      }),
    );
    const sources = [...new Set(input.metrics.flatMap((m) => (m.comparator?.source ? [m.comparator.source] : [])))].sort();
    if (sources.length) blocks.push(note(`National figures: ${listInWords(sources)}.`));
    const suppressed = input.metrics.map((m) => /fewer than (\d+)/i.exec(m.display)?.[1]).find((n) => n !== undefined);
    if (suppressed) blocks.push(note(`Small numbers are shown as "fewer than ${suppressed}" so that no child can be identified.`));
  }
  if (input.charts.length) {
    blocks.push(heading2('Charts'));
    input.charts.forEach((chart, i) => blocks.push(...chartParagraphs(chart, i)));
  }
  return blocks;
}
