/**
 * What a chart shows, as the metrics engine hands it over. Plain data, no rendering: importing this module loads
 * nothing native (the PNG renderer loads resvg only when it is first asked for an image).
 */

/** '%' is 0–100; 'count' a whole number; 'weeks' a duration; 'per 100' a rate (e.g. appeals per 100 decisions). */
export type ChartUnit = '%' | 'count' | 'weeks' | 'per 100';

/** Which way is better; 'context' for figures that are neither (e.g. the number of requests). */
export type ChartDirection = 'higher' | 'lower' | 'context';

/** 'trend': each series across periods (2019 … 2025), drawn as lines. 'comparison': bars, local against
 * regional and national, normally for one period (several periods give grouped bars). */
export type ChartKind = 'trend' | 'comparison';

/** 'local' is the area itself (brand blue), 'comparator' the national figure (dark grey, dashed), 'regional'
 * the region (orange, dash-dotted), 'neighbours' the statistical neighbours' average (green, dotted). */
export type SeriesRole = 'local' | 'comparator' | 'regional' | 'neighbours';

export interface ChartPoint {
  /** As the metrics engine writes periods: '2019', '2023/24' or '2025-03-31'. Sorted as text on the axis. */
  period: string;
  /** null: not available (a published marker, or no row). Drawn as a gap and named in the alt text. */
  value: number | null;
  /** The value broke a validation rule: it is never drawn or stated, only said to be left out. */
  invalid?: boolean;
}

export interface ChartSeries {
  /** Shown in the legend, on bars and in the alt text: "Northshire", "England", "South West". */
  label: string;
  role: SeriesRole;
  points: ChartPoint[];
}

export interface ChartSpec {
  /** Stable id; used (sanitised) for the SVG's element ids so several charts can share a page. */
  id: string;
  /** Drawn inside the image and stated first in the alt text, e.g. "EHC plans issued within 20 weeks". */
  title: string;
  unit: ChartUnit;
  direction: ChartDirection;
  kind: ChartKind;
  series: ChartSeries[];
}

export interface ChartSvg {
  /** A standalone SVG document (no XML declaration), every text escaped. */
  svg: string;
  /** Layout size in CSS pixels (the SVG's width and height attributes and its viewBox). */
  width: number;
  height: number;
  /** The figures in words, for the image's alt text in the Word pack and the app. */
  altText: string;
}

export interface ChartPngOptions {
  /** Layout width in CSS pixels; the chart is laid out for it. Default 800. */
  width?: number;
  /** Pixel density: the PNG is width × scale pixels wide. Default 2 (sharp in print and on high-DPI screens). */
  scale?: number;
}

export interface ChartPng {
  png: Buffer;
  /** Layout size in CSS pixels, as for the SVG: the size to show the image at (Word: 1 px = 9,525 EMU). */
  width: number;
  height: number;
  /** The PNG's own size: width × scale by height × scale, rounded. */
  pixelWidth: number;
  pixelHeight: number;
  altText: string;
}
