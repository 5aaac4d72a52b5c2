/**
 * Charts for the data screens and the Word pack: renderChartSvg (plain text, no native code) and renderChartPng
 * (resvg, loaded on first use). Both return the alt text that states the figures.
 */
export type { ChartDirection, ChartKind, ChartPng, ChartPngOptions, ChartPoint, ChartSeries, ChartSpec, ChartSvg, ChartUnit, SeriesRole } from './types';
export { renderChartSvg, type ChartSvgOptions } from './svg';
export { renderChartPng } from './png';
export { escapeXml } from './text';
