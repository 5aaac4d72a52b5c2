import { chartAltText } from './alt-text';
import {
  type Cell,
  type ChartModel,
  type SeriesModel,
  buildModel,
  NOT_SHOWN_REASON,
  periodRange,
  unitTitle,
  directionSentence,
} from './model';
import { escapeXml, textWidth, wrapText } from './text';
import type { ChartSpec, ChartSvg, ChartUnit, SeriesRole } from './types';

/**
 * Hand-built SVG charts in GOV.UK's style: the title inside the image, a y axis from 0 with gridlines, the
 * periods along the x axis, a value label on every point or bar, and a legend. Colour is never the only signal:
 * the national line is dashed with hollow markers, the regional line dash-dotted with square markers, national
 * bars hatched, and bars carry their area's name. Missing figures leave a gap; invalid ones are never drawn.
 * Both are listed in a note under the chart and in the alt text.
 *
 * Markers, bars and value labels carry data-series (the series' index in the spec) and data-period, which
 * renderers ignore and tests read.
 */

export interface ChartSvgOptions {
  /** Layout width in CSS pixels; default 800, at least 320. The height follows from the content. */
  width?: number;
}

const FONT = "'DejaVu Sans', Arial, Helvetica, sans-serif";
const TEXT = '#0b0c0c';
const SECONDARY = '#505a5f';
const GRID = '#d5d8da';
const BLUE = '#1d70b8';
const GREY = '#505a5f';
const ORANGE = '#f47738';
const DARK_ORANGE = '#a34600'; // orange text and marker outlines: #f47738 itself is under 3:1 on white
const GREEN = '#00703c'; // statistical neighbours: 6.9:1 on white

const PAD = 16;
/** A white outline under value labels, so gridlines and other series' lines never cut through the figures. */
const HALO = { stroke: '#ffffff', 'stroke-width': 3, 'stroke-linejoin': 'round', 'paint-order': 'stroke' } as const;
const TITLE_SIZE = 20;
const BODY_SIZE = 14;
const SMALL_SIZE = 13;

type Marker = 'circle' | 'hollow-circle' | 'square' | 'diamond' | 'hollow-square' | 'triangle';

interface SeriesStyle {
  colour: string;
  /** Text colour of its value labels (at least 4.5:1 on white). */
  labelColour: string;
  dash: string | null;
  lineWidth: number;
  marker: Marker;
  /** Bars: a hatch over the colour (national), so bars differ by more than colour. */
  hatch: boolean;
}

const STYLES: Record<SeriesRole, SeriesStyle[]> = {
  local: [
    { colour: BLUE, labelColour: BLUE, dash: null, lineWidth: 3, marker: 'circle', hatch: false },
    { colour: BLUE, labelColour: BLUE, dash: '10 4', lineWidth: 3, marker: 'diamond', hatch: true },
  ],
  comparator: [
    { colour: GREY, labelColour: GREY, dash: '8 5', lineWidth: 2.5, marker: 'hollow-circle', hatch: true },
    { colour: GREY, labelColour: GREY, dash: '2 4', lineWidth: 2.5, marker: 'hollow-square', hatch: false },
  ],
  neighbours: [{ colour: GREEN, labelColour: GREEN, dash: '3 4', lineWidth: 2.5, marker: 'triangle', hatch: true }],
  regional: [
    { colour: ORANGE, labelColour: DARK_ORANGE, dash: '14 4 3 4', lineWidth: 2.5, marker: 'square', hatch: false },
    { colour: ORANGE, labelColour: DARK_ORANGE, dash: '3 4', lineWidth: 2.5, marker: 'triangle', hatch: true },
  ],
};

function styleOf(series: SeriesModel): SeriesStyle {
  const styles = STYLES[series.role];
  return styles[series.variant % styles.length]!;
}

/** Local last, so its line and markers are drawn on top. */
const DRAW_ORDER: Record<SeriesRole, number> = { comparator: 0, regional: 1, neighbours: 2, local: 3 };

// ---------------------------------------------------------------------------------------------------------------
// SVG writing

type Attrs = Record<string, string | number | null | undefined>;

function num(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  return String(rounded === 0 ? 0 : rounded);
}

function tag(name: string, attrs: Attrs, content?: string): string {
  let out = `<${name}`;
  for (const [key, value] of Object.entries(attrs)) {
    if (value === null || value === undefined) continue;
    out += ` ${key}="${typeof value === 'number' ? num(value) : escapeXml(value)}"`;
  }
  return content === undefined ? `${out}/>` : `${out}>${content}</${name}>`;
}

function text(x: number, y: number, content: string, attrs: Attrs = {}): string {
  return tag('text', { x, y, ...attrs }, escapeXml(content));
}

function markerShape(marker: Marker, x: number, y: number, style: SeriesStyle, attrs: Attrs): string {
  const filled = { fill: style.colour, stroke: style.colour === ORANGE ? DARK_ORANGE : '#ffffff', 'stroke-width': 1.5 };
  const hollow = { fill: '#ffffff', stroke: style.colour, 'stroke-width': 2.5 };
  switch (marker) {
    case 'circle':
      return tag('circle', { ...attrs, cx: x, cy: y, r: 5.5, ...filled });
    case 'hollow-circle':
      return tag('circle', { ...attrs, cx: x, cy: y, r: 4.5, ...hollow });
    case 'square':
      return tag('rect', { ...attrs, x: x - 5, y: y - 5, width: 10, height: 10, ...filled });
    case 'hollow-square':
      return tag('rect', { ...attrs, x: x - 4.5, y: y - 4.5, width: 9, height: 9, ...hollow });
    case 'diamond':
      return tag('path', {
        ...attrs,
        d: `M${num(x)} ${num(y - 6.5)}L${num(x + 6.5)} ${num(y)}L${num(x)} ${num(y + 6.5)}L${num(x - 6.5)} ${num(y)}Z`,
        ...filled,
      });
    case 'triangle':
      return tag('path', {
        ...attrs,
        d: `M${num(x)} ${num(y - 6.5)}L${num(x + 6)} ${num(y + 4.5)}L${num(x - 6)} ${num(y + 4.5)}Z`,
        ...filled,
      });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Scale

interface Scale {
  min: number;
  max: number;
  step: number;
  ticks: number[];
}

function niceStep(raw: number, whole: boolean): number {
  const exponent = 10 ** Math.floor(Math.log10(raw));
  const fraction = raw / exponent;
  const steps = whole && exponent < 10 ? [1, 2, 5, 10] : [1, 2, 2.5, 5, 10];
  const nice = steps.find((s) => fraction <= s) ?? 10;
  return Math.max(nice * exponent, whole ? 1 : 0);
}

/**
 * The value axis: from 0 (bars and lines are read against zero) up to a round figure just above the largest value,
 * so the figures use the height of the plot. A 3.6% rate beside England's 6.1% runs 0–7%, not 0–100% where both
 * would lie flat on the floor. Percentages never run past 100.
 */
function yScale(values: number[], unit: ChartUnit): Scale {
  const hi = Math.max(0, ...values);
  const lo = Math.min(0, ...values);
  const span = hi - lo || (unit === '%' ? 100 : unit === 'count' ? 5 : 1);
  const step = niceStep(span / 5, unit === 'count');
  const max = Math.min(
    unit === '%' && lo >= 0 && hi <= 100 ? 100 : Infinity,
    Math.max(step, Math.ceil(hi / step - 1e-9) * step),
  );
  const min = Math.floor(lo / step + 1e-9) * step;
  const ticks: number[] = [];
  for (let i = 0; min + i * step <= max + step * 1e-6; i++) ticks.push(Number((min + i * step).toFixed(10)));
  return { min, max, step, ticks };
}

function tickLabel(value: number, step: number, unit: ChartUnit): string {
  const decimals = Math.min(3, (String(step).split('.')[1] ?? '').length);
  const shown = new Intl.NumberFormat('en-GB', { maximumFractionDigits: decimals }).format(value);
  return unit === '%' ? `${shown}%` : shown;
}

// ---------------------------------------------------------------------------------------------------------------
// Layout pieces shared by both kinds

interface Frame {
  parts: string[];
  width: number;
  y: number; // the next free line
}

function block(frame: Frame, lines: string[], size: number, lineHeight: number, attrs: Attrs, x = PAD): void {
  for (const line of lines) {
    frame.parts.push(text(x, frame.y + size, line, { 'font-size': size, ...attrs }));
    frame.y += lineHeight;
  }
}

interface LegendItem {
  series: SeriesModel;
  swatch: 'line' | 'bar';
}

function legend(frame: Frame, items: LegendItem[], hatchId: (s: SeriesModel) => string): void {
  const gap = 28;
  const available = frame.width - 2 * PAD;
  let x = 0;
  let rowHeight = 0;
  for (const { series, swatch } of items) {
    const style = styleOf(series);
    const sampleWidth = swatch === 'line' ? 40 : 22;
    const labelLines = wrapText(series.label, available - sampleWidth - 8, BODY_SIZE, series.role === 'local');
    const labelWidth = Math.max(...labelLines.map((l) => textWidth(l, BODY_SIZE, series.role === 'local')));
    const itemWidth = sampleWidth + 8 + labelWidth;
    if (x > 0 && x + itemWidth > available) {
      frame.y += rowHeight;
      x = 0;
      rowHeight = 0;
    }
    const left = PAD + x;
    const mid = frame.y + 11;
    if (swatch === 'line') {
      frame.parts.push(
        tag('line', {
          x1: left,
          y1: mid,
          x2: left + sampleWidth,
          y2: mid,
          stroke: style.colour,
          'stroke-width': style.lineWidth,
          'stroke-dasharray': style.dash,
        }),
      );
      frame.parts.push(markerShape(style.marker, left + sampleWidth / 2, mid, style, {}));
    } else {
      frame.parts.push(
        tag('rect', {
          x: left,
          y: mid - 9,
          width: sampleWidth,
          height: 18,
          fill: style.hatch ? `url(#${hatchId(series)})` : style.colour,
        }),
      );
    }
    labelLines.forEach((line, i) => {
      frame.parts.push(
        text(left + sampleWidth + 8, mid + 5 + i * 18, line, {
          'font-size': BODY_SIZE,
          fill: TEXT,
          'font-weight': series.role === 'local' ? 'bold' : null,
        }),
      );
    });
    rowHeight = Math.max(rowHeight, 22 + (labelLines.length - 1) * 18 + 6);
    x += itemWidth + gap;
  }
  frame.y += rowHeight;
}

/** "Not shown, because the figure failed a validation check: Northshire 2022." "No data: England 2019, 2020." */
function gapNotes(model: ChartModel): string[] {
  const list = (state: Cell['state']) =>
    model.series.flatMap((s) => {
      const periods = model.periods.filter((_, i) => s.cells[i]!.state === state);
      return periods.length ? [`${s.label.trim()} ${periods.join(', ')}`] : [];
    });
  const notes: string[] = [];
  const invalid = list('invalid');
  const missing = list('missing');
  if (invalid.length) notes.push(`Not shown, because ${NOT_SHOWN_REASON}: ${invalid.join('; ')}.`);
  if (missing.length) notes.push(`No data: ${missing.join('; ')}.`);
  return notes;
}

interface Plot {
  left: number;
  right: number;
  top: number;
  bottom: number;
  band: number;
  scale: Scale;
  y: (v: number) => number;
}

interface AxisLayout {
  scale: Scale;
  labels: string[];
  left: number;
  right: number;
}

/** The y scale and the plot's left and right edges (the tick labels' width decides the left one). */
function axisLayout(frame: Frame, spec: ChartSpec, model: ChartModel): AxisLayout {
  const values = model.series.flatMap((s) => s.cells.flatMap((c) => (c.state === 'value' ? [c.value] : [])));
  const scale = yScale(values, spec.unit);
  const labels = scale.ticks.map((t) => tickLabel(t, scale.step, spec.unit));
  const left = PAD + Math.max(...labels.map((l) => textWidth(l, SMALL_SIZE))) + 10;
  return { scale, labels, left, right: frame.width - PAD };
}

/**
 * Writes the unit's name, reserves a band above the plot (room for labels over the top gridline), draws gridlines
 * and tick labels.
 */
function axes(frame: Frame, spec: ChartSpec, layout: AxisLayout, minBand = 0): Plot {
  const { scale, labels, left, right } = layout;
  if (spec.unit !== '%') {
    // the unit over the tick labels, on a line of its own
    frame.parts.push(
      text(PAD, frame.y + SMALL_SIZE, unitTitle(spec.unit), { 'font-size': SMALL_SIZE, fill: SECONDARY }),
    );
    frame.y += 20;
  }
  const band = Math.max(minBand, 20);
  const top = frame.y + band;
  const height = Math.max(200, Math.round(frame.width * 0.34));
  const bottom = top + height;
  const y = (v: number) => bottom - ((v - scale.min) / (scale.max - scale.min)) * height;
  scale.ticks.forEach((t, i) => {
    const ty = y(t);
    if (t !== scale.min)
      frame.parts.push(tag('line', { x1: left, y1: ty, x2: right, y2: ty, stroke: GRID, 'stroke-width': 1 }));
    frame.parts.push(
      text(left - 8, ty + 4.5, labels[i]!, { 'font-size': SMALL_SIZE, fill: TEXT, 'text-anchor': 'end' }),
    );
  });
  frame.y = bottom;
  return { left, right, top, bottom, band, scale, y };
}

function baseline(frame: Frame, plot: Plot): void {
  const zero = plot.y(Math.max(plot.scale.min, Math.min(0, plot.scale.max)));
  frame.parts.push(
    tag('line', { x1: plot.left, y1: zero, x2: plot.right, y2: zero, stroke: TEXT, 'stroke-width': 1.5 }),
  );
}

function emptyMessage(frame: Frame, plot: Plot): void {
  frame.parts.push(
    text((plot.left + plot.right) / 2, (plot.top + plot.bottom) / 2, 'No figures to show', {
      'font-size': BODY_SIZE,
      fill: SECONDARY,
      'text-anchor': 'middle',
    }),
  );
}

/** Period labels under the axis, centred on each slot, or slanted when they would touch. */
function periodLabels(frame: Frame, plot: Plot, periods: string[], centre: (i: number) => number, slot: number): void {
  const widest = Math.max(0, ...periods.map((p) => textWidth(p, BODY_SIZE)));
  if (widest <= slot - 6) {
    periods.forEach((p, i) =>
      frame.parts.push(
        text(centre(i), plot.bottom + 22, p, { 'font-size': BODY_SIZE, fill: TEXT, 'text-anchor': 'middle' }),
      ),
    );
    frame.y = plot.bottom + 30;
    return;
  }
  const angle = 40;
  const rad = (angle * Math.PI) / 180;
  periods.forEach((p, i) => {
    const x = centre(i) + 4;
    const y = plot.bottom + 16;
    frame.parts.push(
      text(x, y, p, {
        'font-size': BODY_SIZE,
        fill: TEXT,
        'text-anchor': 'end',
        transform: `rotate(-${angle} ${num(x)} ${num(y)})`,
      }),
    );
  });
  frame.y = plot.bottom + 16 + widest * Math.sin(rad) + BODY_SIZE * Math.cos(rad) + 8;
}

// ---------------------------------------------------------------------------------------------------------------
// Trend: one line per series across the periods

interface ValueLabel {
  series: SeriesModel;
  period: string;
  x: number;
  text: string;
  baseline: number;
  size: number;
}

function trend(frame: Frame, spec: ChartSpec, model: ChartModel): void {
  const plot = axes(frame, spec, axisLayout(frame, spec, model));
  const n = Math.max(1, model.periods.length);
  const slot = (plot.right - plot.left) / n;
  const cx = (i: number) => plot.left + slot * (i + 0.5);
  baseline(frame, plot);
  const drawn = [...model.series].sort((a, b) => DRAW_ORDER[a.role] - DRAW_ORDER[b.role] || a.index - b.index);

  // Lines, broken wherever a figure is missing or invalid.
  for (const series of drawn) {
    const style = styleOf(series);
    // Runs of consecutive figures; a lone figure between gaps is a marker without a line.
    const runs: string[][] = [[]];
    series.cells.forEach((cell, i) => {
      if (cell.state === 'value') runs[runs.length - 1]!.push(`${num(cx(i))} ${num(plot.y(cell.value))}`);
      else if (runs[runs.length - 1]!.length) runs.push([]);
    });
    const d = runs
      .filter((run) => run.length > 1)
      .map((run) => `M${run.join('L')}`)
      .join('');
    if (d) {
      frame.parts.push(
        tag('path', {
          'data-series': series.index,
          d,
          fill: 'none',
          stroke: style.colour,
          'stroke-width': style.lineWidth,
          'stroke-dasharray': style.dash,
          'stroke-linejoin': 'round',
        }),
      );
    }
  }
  for (const series of drawn) {
    const style = styleOf(series);
    series.cells.forEach((cell, i) => {
      if (cell.state !== 'value') return;
      frame.parts.push(
        markerShape(style.marker, cx(i), plot.y(cell.value), style, {
          'data-series': series.index,
          'data-period': model.periods[i],
        }),
      );
    });
  }

  // Value labels. Per period, points closer than a label's height form a cluster; a cluster's labels are
  // stacked above and below it in the points' order (top half above, the rest below), so no label sits between
  // two close markers. A lone point is labelled above, or below when it is the lowest of several. Then labels
  // are pushed apart so no two overlap, and kept inside the image.
  const texts = model.series.flatMap((s) =>
    s.cells.flatMap((c) => (c.state === 'value' ? [model.format(c.value)] : [])),
  );
  const widest = (size: number) => Math.max(0, ...texts.map((t) => textWidth(t, size, true)));
  const size = widest(SMALL_SIZE) <= slot - 6 ? SMALL_SIZE : 11;
  const step = size + 3;
  const close = size + 16;
  const labels: ValueLabel[] = [];
  model.periods.forEach((period, i) => {
    const column = model.series
      .flatMap((series) => {
        const cell = series.cells[i]!;
        return cell.state === 'value' ? [{ series, y: plot.y(cell.value), text: model.format(cell.value) }] : [];
      })
      .sort((a, b) => a.y - b.y || DRAW_ORDER[b.series.role] - DRAW_ORDER[a.series.role]);
    const clusters: (typeof column)[] = [];
    for (const point of column) {
      const last = clusters[clusters.length - 1];
      const previous = last?.[last.length - 1];
      if (last && previous && point.y - previous.y < close) last.push(point);
      else clusters.push([point]);
    }
    // Where labels may go: from the top of the band over the plot down to just above the x axis.
    const ceiling = plot.top - plot.band + size;
    const floor = plot.bottom - 4;
    const placed: ValueLabel[] = [];
    clusters.forEach((cluster, c) => {
      const top = cluster[0]!.y;
      const bottom = cluster[cluster.length - 1]!.y;
      let above = Math.ceil(cluster.length / 2);
      if (cluster.length === 1 && c > 0) {
        const roomAbove = top - clusters[c - 1]![clusters[c - 1]!.length - 1]!.y;
        const next = clusters[c + 1];
        const roomBelow = next ? next[0]!.y - bottom : Infinity;
        above = c === clusters.length - 1 ? 0 : roomAbove > roomBelow ? 1 : 0;
      }
      // Never below a point on the axis, nor above one at the very top, when the other side has room.
      const fitBelow = Math.max(0, Math.floor((floor - (bottom + 8 + size)) / step) + 1);
      const fitAbove = Math.max(0, Math.floor((top - 10 - ceiling) / step) + 1);
      if (cluster.length - above > fitBelow) above = Math.min(cluster.length, cluster.length - fitBelow);
      if (above > fitAbove) above = Math.max(fitAbove, cluster.length - fitBelow);
      cluster.forEach((point, k) => {
        const baseline = k < above ? top - 10 - (above - 1 - k) * step : bottom + 8 + size + (k - above) * step;
        placed.push({ series: point.series, period, x: cx(i), text: point.text, size, baseline });
      });
    });
    // Push apart: downwards from the ceiling, then upwards from the floor, so each label moves only as far as
    // its neighbours make it.
    placed.sort((a, b) => a.baseline - b.baseline);
    placed.forEach((label, k) => {
      const prev = placed[k - 1];
      label.baseline = Math.max(label.baseline, prev ? prev.baseline + step : ceiling);
    });
    for (let k = placed.length - 1; k >= 0; k--) {
      const next = placed[k + 1];
      placed[k]!.baseline = Math.min(placed[k]!.baseline, next ? next.baseline - step : floor);
    }
    labels.push(...placed);
  });
  const roomForAll = widest(size) <= slot - 4;
  for (const label of labels) {
    if (!roomForAll && label.series.role !== 'local') continue; // too many periods to label every line
    frame.parts.push(
      text(label.x, label.baseline, label.text, {
        'data-series': label.series.index,
        'data-period': label.period,
        'font-size': label.size,
        'text-anchor': 'middle',
        fill: styleOf(label.series).labelColour,
        'font-weight': label.series.role === 'local' ? 'bold' : null,
        ...HALO,
      }),
    );
  }
  if (texts.length === 0) emptyMessage(frame, plot);
  periodLabels(frame, plot, model.periods, cx, slot);
}

// ---------------------------------------------------------------------------------------------------------------
// Comparison: bars, one per series (grouped by period when there are several)

function comparison(frame: Frame, spec: ChartSpec, model: ChartModel, hatchId: (s: SeriesModel) => string): void {
  const layout = axisLayout(frame, spec, model);
  const periods = model.periods.length ? model.periods : [''];
  const single = periods.length === 1;
  const seriesCount = Math.max(1, model.series.length);
  const band = (layout.right - layout.left) / periods.length;
  const gap = single ? 24 : 6;
  const inner = band * (single ? 0.9 : 0.8);
  const barWidth = Math.max(4, Math.min(single ? 130 : 56, (inner - gap * (seriesCount - 1)) / seriesCount));
  const groupWidth = seriesCount * barWidth + (seriesCount - 1) * gap;
  const barX = (p: number, s: number) => layout.left + band * p + (band - groupWidth) / 2 + s * (barWidth + gap);

  // Value labels across the bar's top; at 11 px if 14 px is too wide; turned upright when even that is too wide
  // for the bar's slot (many periods and areas), with room reserved above the plot for the tallest bar's.
  const texts = model.series.flatMap((s) =>
    s.cells.flatMap((c) => (c.state === 'value' ? [model.format(c.value)] : [])),
  );
  const room = barWidth + gap - 4;
  const widest = (size: number) => Math.max(0, ...texts.map((t) => textWidth(t, size, true)));
  const labelSize = widest(BODY_SIZE) <= room ? BODY_SIZE : 11;
  const upright = widest(labelSize) > room;
  const gapWords = ['Not shown', 'No data'].some((w) => w.split(' ').some((part) => textWidth(part, 11) > room));
  const plot = axes(frame, spec, layout, upright ? widest(labelSize) + 12 : 0);
  const zero = plot.y(Math.max(plot.scale.min, Math.min(0, plot.scale.max)));
  const uprightText = (x: number, y: number, content: string, attrs: Attrs) =>
    text(x, y, content, { 'text-anchor': 'start', ...attrs, transform: `rotate(-90 ${num(x)} ${num(y)})` });

  periods.forEach((period, p) => {
    model.series.forEach((series, s) => {
      const style = styleOf(series);
      const cell = series.cells[p] ?? { state: 'missing' };
      const x = barX(p, s);
      const centre = x + barWidth / 2;
      if (cell.state !== 'value') {
        const word = cell.state === 'invalid' ? 'Not shown' : 'No data';
        const attrs: Attrs = { 'data-gap': cell.state, 'font-size': 11, fill: SECONDARY };
        if (gapWords) {
          frame.parts.push(uprightText(centre + 4, zero - 6, word, attrs));
          return;
        }
        attrs['text-anchor'] = 'middle';
        const lines = wrapText(word, room, 11);
        lines.forEach((line, i) => frame.parts.push(text(centre, zero - 7 - (lines.length - 1 - i) * 13, line, attrs)));
        return;
      }
      const top = plot.y(cell.value);
      frame.parts.push(
        tag('rect', {
          'data-series': series.index,
          'data-period': period,
          x,
          y: Math.min(top, zero),
          width: barWidth,
          height: Math.max(Math.abs(zero - top), cell.value === 0 ? 0 : 1),
          fill: style.hatch ? `url(#${hatchId(series)})` : style.colour,
        }),
      );
      const attrs: Attrs = {
        'data-series': series.index,
        'data-period': period,
        'font-size': labelSize,
        'text-anchor': 'middle',
        fill: TEXT,
        'font-weight': series.role === 'local' ? 'bold' : null,
        ...HALO,
      };
      const label = model.format(cell.value);
      if (upright && cell.value < 0)
        frame.parts.push(uprightText(centre + labelSize * 0.35, top + 6, label, { ...attrs, 'text-anchor': 'end' }));
      else if (upright) frame.parts.push(uprightText(centre + labelSize * 0.35, top - 6, label, attrs));
      else frame.parts.push(text(centre, cell.value < 0 ? top + labelSize + 6 : top - 7, label, attrs));
    });
  });
  baseline(frame, plot);
  if (texts.length === 0) emptyMessage(frame, plot);

  if (single) {
    // Each bar's name under it (the period is in the subtitle): bars are told apart by name, not colour.
    const slotWidth = Math.max(barWidth + gap - 4, 60);
    let deepest = 0;
    model.series.forEach((series, s) => {
      const bold = series.role === 'local';
      const lines = wrapText(series.label, slotWidth, BODY_SIZE, bold);
      lines.forEach((line, i) =>
        frame.parts.push(
          text(barX(0, s) + barWidth / 2, plot.bottom + 22 + i * 18, line, {
            'font-size': BODY_SIZE,
            fill: TEXT,
            'text-anchor': 'middle',
            'font-weight': bold ? 'bold' : null,
          }),
        ),
      );
      deepest = Math.max(deepest, lines.length);
    });
    frame.y = plot.bottom + 30 + Math.max(0, deepest - 1) * 18;
  } else {
    periodLabels(frame, plot, periods, (i) => plot.left + band * (i + 0.5), band);
  }
}

// ---------------------------------------------------------------------------------------------------------------

export function renderChartSvg(spec: ChartSpec, options: ChartSvgOptions = {}): ChartSvg {
  const width = Math.max(320, Math.round(options.width ?? 800));
  const model = buildModel(spec);
  const altText = chartAltText(spec, model);
  const idBase = `chart-${spec.id.replace(/[^A-Za-z0-9_-]/g, '-') || 'x'}`;
  const hatchId = (s: SeriesModel) => `${idBase}-hatch-${s.index}`;
  const frame: Frame = { parts: [], width, y: PAD };
  const inner = width - 2 * PAD;

  block(frame, wrapText(spec.title, inner, TITLE_SIZE, true), TITLE_SIZE, 26, { fill: TEXT, 'font-weight': 'bold' });
  frame.y += 2;
  const subtitle = [unitTitle(spec.unit), periodRange(model.periods)].filter(Boolean).join(', ');
  block(frame, wrapText(`${subtitle}. ${directionSentence(spec.direction)}`, inner, BODY_SIZE), BODY_SIZE, 20, {
    fill: SECONDARY,
  });
  frame.y += 10;

  const single = model.periods.length <= 1;
  if (spec.kind === 'trend' || !single) {
    legend(
      frame,
      model.series.map((series) => ({ series, swatch: spec.kind === 'trend' ? 'line' : 'bar' })),
      hatchId,
    );
    frame.y += 4;
  }
  if (spec.kind === 'trend') trend(frame, spec, model);
  else comparison(frame, spec, model, hatchId);

  const notes = gapNotes(model);
  if (notes.length) {
    frame.y += 6;
    for (const note of notes)
      block(frame, wrapText(note, inner, SMALL_SIZE), SMALL_SIZE, 18, { fill: TEXT, 'data-note': 'gaps' });
  }
  const height = Math.ceil(frame.y + PAD);

  const patterns =
    spec.kind === 'comparison'
      ? model.series
          .filter((s) => styleOf(s).hatch)
          .map((s) =>
            tag(
              'pattern',
              {
                id: hatchId(s),
                patternUnits: 'userSpaceOnUse',
                width: 8,
                height: 8,
                patternTransform: 'rotate(45)',
              },
              tag('rect', { width: 8, height: 8, fill: styleOf(s).colour }) +
                tag('rect', { width: 2.5, height: 8, fill: '#ffffff' }),
            ),
          )
      : [];

  const svg = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" role="img" aria-labelledby="${idBase}-title ${idBase}-desc" font-family="${escapeXml(FONT)}">`,
    tag('title', { id: `${idBase}-title` }, escapeXml(spec.title)),
    tag('desc', { id: `${idBase}-desc` }, escapeXml(altText)),
    patterns.length ? `<defs>${patterns.join('')}</defs>` : '',
    tag('rect', { width, height, fill: '#ffffff' }),
    ...frame.parts,
    '</svg>',
  ].join('\n');
  return { svg, width, height, altText };
}
