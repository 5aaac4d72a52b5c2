import { AlignmentType, ImageRun, Paragraph, TextRun } from 'docx';
import { AREA_GROUPS } from '../../../shared/domain/evaluation-areas';
import { note, type PackBlock } from '../blocks';
import { homeGroup, itemsInGroup, showsContent } from '../model';
import type { PackChart, PackInput, PackMetric } from '../pack-input';
import { MAX_IMAGE_WIDTH_PX, STYLE } from '../styles';
import { packTable } from '../tables';

/**
 * The pack's figures beside their comparators (§4.1): one row per metric with the latest value, the trend, England,
 * the region, the statistical neighbours' average and the rank, each saying what it is; and each metric's chart,
 * placed in the section of the checklist item its dataset is evidence for.
 */

/** "Better", "Worse", "Same" as the metric says; otherwise why there is no comparison, in words. */
function comparisonWords(metric: PackMetric): string {
  if (metric.better.trim()) return metric.better.trim();
  return metric.comparator ? 'not compared (context measure)' : '';
}

/** England's figure, its period and better or worse in words: "45.9% (2024); better". */
function englandCell(m: PackMetric): string {
  if (!m.comparator) return 'No national figure';
  const words = comparisonWords(m);
  return `${m.comparator.display} (${m.comparator.period})${words ? `\n${words.charAt(0).toUpperCase()}${words.slice(1)}` : ''}`;
}

/** The metrics as a table: measure and period, value, trend, England, region, neighbours, rank. */
export function metricsTable(metrics: readonly PackMetric[]) {
  const region = metrics.find((m) => m.region)?.region?.name;
  return packTable({
    small: true,
    columns: [
      { header: 'Measure (period)', weight: 26 },
      { header: 'Value', weight: 10, align: 'right' },
      { header: 'Trend (up to 5 years)', weight: 14 },
      { header: 'England', weight: 12 },
      { header: region ? `Region (${region})` : 'Region', weight: 11 },
      { header: 'Statistical neighbours (average; how many with data)', weight: 13 },
      { header: 'Rank among authorities with data', weight: 14 },
    ],
    rows: metrics.map((m) => [
      `${m.title} (${m.period})`,
      m.display,
      m.trend || 'No earlier figure',
      englandCell(m),
      m.region ? m.region.display : 'Not held',
      m.neighbours
        ? `${m.neighbours.display} (${m.neighbours.count} of ${m.neighbours.of ?? 10} with data)`
        : 'Not held',
      m.rank || 'Not held',
    ]),
  });
}

/** Notes beside figures (a published figure that differs from the counts; a figure DfE did not publish). */
export function metricNotes(metrics: readonly PackMetric[]): PackBlock[] {
  const lines = metrics.flatMap((m) =>
    (m.notes ?? []).map((n) => `${m.title} (${m.period}): ${n}.`.replace(/\.\.$/, '.')),
  );
  return lines.map((line) => note(line));
}

/** A chart at its size, scaled down to the text width when wider; alt text states every figure. */
export function chartParagraphs(chart: PackChart, figure: number): Paragraph[] {
  // Four fifths of the text width: two charts with their captions and words fit on a page.
  const scale = Math.min(1, (MAX_IMAGE_WIDTH_PX * 0.8) / chart.width);
  const width = Math.round(chart.width * scale);
  const height = Math.round(chart.height * scale);
  const caption = new Paragraph({
    style: STYLE.caption,
    keepNext: true,
    children: [new TextRun(`Figure ${figure}: ${chart.title}`)],
  });
  const inWords = note(`Figure ${figure} in words: ${chart.altText}`);
  // A chart without an image (one that could not be drawn again) is given in words only.
  if (chart.png.length === 0 || !(chart.width > 0 && chart.height > 0)) return [caption, inWords];
  return [
    caption,
    new Paragraph({
      alignment: AlignmentType.CENTER,
      keepNext: true,
      spacing: { after: 60 },
      children: [
        new ImageRun({
          type: 'png',
          data: chart.png,
          transformation: { width, height },
          // A fixed drawing id per chart keeps the document the same from build to build.
          altText: { id: String(figure), name: `Figure ${figure}`, title: chart.title, description: chart.altText },
        }),
      ],
    }),
    inWords,
  ];
}

export interface ChartPlacement {
  /** Chart id ⟶ its figure number, in the order the pack prints them. */
  figure: Map<string, number>;
  /** Charts printed with a checklist item, by item id, in order. */
  byItem: Map<string, PackChart[]>;
  /** Charts printed in the key-metrics section: those whose item's section does not print them. */
  inMetricsSection: PackChart[];
}

/**
 * Where each chart goes: with the checklist item its metric's dataset is evidence for, when the pack prints that
 * item's section in full; otherwise in the key-metrics section. Figures are numbered in the order they appear.
 */
export function placeCharts(input: PackInput): ChartPlacement {
  const sections = input.options.sections;
  const areasShown = sections.length === 0 || sections.includes('areas');
  const metricsShown = sections.length === 0 || sections.includes('metrics');
  const charts = new Map(input.charts.map((c) => [c.id, c]));
  const byItem = new Map<string, PackChart[]>();
  const placed = new Set<string>();
  if (areasShown) {
    for (const group of AREA_GROUPS) {
      for (const item of itemsInGroup(input, group.id)) {
        if (homeGroup(item) !== group.id || !showsContent(item, input)) continue;
        const list = input.metrics
          .filter((m) => m.catalogueItem === item.id && m.chartId && charts.has(m.chartId) && !placed.has(m.chartId))
          .map((m) => charts.get(m.chartId!)!);
        list.forEach((c) => placed.add(c.id));
        if (list.length) byItem.set(item.id, list);
      }
    }
  }
  const inMetricsSection = metricsShown ? input.charts.filter((c) => !placed.has(c.id)) : [];
  // Numbered as printed: the key-metrics section comes before the area sections.
  const figure = new Map<string, number>();
  for (const c of [...inMetricsSection, ...[...byItem.values()].flat()]) figure.set(c.id, figure.size + 1);
  return { figure, byItem, inMetricsSection };
}
