import { body, heading1, heading2, note, type PackBlock } from '../blocks';
import { listInWords } from '../format';
import type { PackInput, PackMetric } from '../pack-input';
import { METRIC_THEMES } from '../../../shared/domain/metrics/themes';
import { chartParagraphs, metricNotes, metricsTable, placeCharts } from './metric-figures';

/**
 * Key metrics, grouped by the five themes of DfE's SEND and AP Inclusion Dashboard: one row per metric with its
 * latest value, trend, England, region, statistical neighbours and rank. Charts follow here only for metrics whose
 * checklist item's section does not carry them.
 */
export function metricsSection(input: PackInput): PackBlock[] {
  const blocks: PackBlock[] = [heading1('Key metrics')];
  if (input.metrics.length === 0) {
    blocks.push(body('No metrics have been calculated for this pack: no datasets have been imported yet.'));
  } else {
    blocks.push(
      body(
        "The latest figure for each measure, grouped by the themes of DfE's SEND and AP Inclusion Dashboard, beside England, " +
          'the region and the average of the statistical neighbours for the same period, with the rank among the authorities that have a ' +
          'published figure (1 = best; for measures shown for context, 1 = highest), its quartile (1 = the best or highest quarter) and the ' +
          "change over up to five years. Region, neighbours and rank come from DfE's national files imported into the workspace.",
      ),
    );
    for (const theme of METRIC_THEMES) {
      // Inputs recorded before themes were added have none: their metrics are listed under Experiences.
      const inTheme = input.metrics.filter((m: PackMetric) => (m.theme ?? 'experiences') === theme.id);
      blocks.push(heading2(theme.title));
      if (inTheme.length === 0) {
        blocks.push(body(`No figures for ${theme.title.toLowerCase()} are held in this workspace yet.`));
        continue;
      }
      blocks.push(metricsTable(inTheme), ...metricNotes(inTheme));
    }
    const sources = [
      ...new Set(input.metrics.flatMap((m) => (m.comparator?.source ? [m.comparator.source] : []))),
    ].sort();
    if (sources.length) blocks.push(note(`National figures: ${listInWords(sources)}.`));
    const suppressed = input.metrics.map((m) => /fewer than (\d+)/i.exec(m.display)?.[1]).find((n) => n !== undefined);
    if (suppressed)
      blocks.push(note(`Small numbers are shown as "fewer than ${suppressed}" so that no child can be identified.`));
  }
  const placement = placeCharts(input);
  if (placement.inMetricsSection.length) {
    blocks.push(heading2('Charts'));
    for (const chart of placement.inMetricsSection)
      blocks.push(...chartParagraphs(chart, placement.figure.get(chart.id)!));
  }
  return blocks;
}
