/**
 * Charts for the data screens and the Word pack: renderChartSvg (plain text, no native code) and renderChartPng
 * (resvg, loaded on first use). Both return the alt text that states the figures.
 */
export type { ChartSpec } from './types';
export { renderChartSvg } from './svg';
export { renderChartPng } from './png';
