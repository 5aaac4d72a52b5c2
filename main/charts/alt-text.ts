import { type Cell, type ChartModel, directionSentence, NOT_SHOWN_REASON, periodRange } from './model';
import type { ChartSpec } from './types';

/**
 * The chart in words, with every figure and period, so someone who can't see the image loses nothing:
 * "Line chart: EHC plans issued within 20 weeks, Northshire, 2019 to 2024. Northshire: 2019 58.7%, 2020 60.1%,
 * 2021 not available; England: 2019 58.7%, … Higher is better."
 * A figure that failed validation is said to be left out, never stated.
 */
export function chartAltText(spec: ChartSpec, model: ChartModel): string {
  const local = model.series.find((s) => s.role === 'local');
  const range = periodRange(model.periods);
  const head = [spec.title.trim(), local?.label.trim(), range].filter((part) => part).join(', ');
  const sentences = [`${spec.kind === 'trend' ? 'Line chart' : 'Bar chart'}: ${head}.`];

  const say = (cell: Cell) =>
    cell.state === 'value'
      ? model.say(cell.value)
      : cell.state === 'invalid'
        ? `not shown (${NOT_SHOWN_REASON})`
        : 'not available';
  const hasFigure = model.series.some((s) => s.cells.some((c) => c.state === 'value'));

  if (model.series.length > 0 && model.periods.length > 0) {
    if (model.periods.length === 1) {
      // One period (the usual comparison): "Northshire 58.7%; South West 55.2%; England 50.3%."
      sentences.push(`${model.series.map((s) => `${s.label.trim()} ${say(s.cells[0]!)}`).join('; ')}.`);
    } else {
      sentences.push(
        `${model.series
          .map((s) => `${s.label.trim()}: ${s.cells.map((cell, i) => `${model.periods[i]!} ${say(cell)}`).join(', ')}`)
          .join('; ')}.`,
      );
    }
  }
  if (!hasFigure) sentences.push('No figures are available.');
  sentences.push(directionSentence(spec.direction));
  return sentences.join(' ');
}
