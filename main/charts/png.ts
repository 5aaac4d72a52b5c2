import { renderChartSvg } from './svg';
import type { ChartPng, ChartPngOptions, ChartSpec } from './types';

/**
 * PNG charts for the Word pack, rendered from the same SVG by resvg (@resvg/resvg-js, a native Node-API module).
 * resvg is loaded on the first call only, so modules that merely use chart types or SVGs never load the binary.
 * In the esbuild CJS bundles `require` exists and loads it synchronously from node_modules (it is external
 * there, and unpacked from the asar); under tsx and vitest (ESM) a dynamic import does.
 */

type ResvgModule = typeof import('@resvg/resvg-js');

let resvg: Promise<ResvgModule> | undefined;

function loadResvg(): Promise<ResvgModule> {
  resvg ??= (typeof require === 'function'
    ? Promise.resolve(require('@resvg/resvg-js') as ResvgModule)
    : import('@resvg/resvg-js').then((mod) => ('Resvg' in mod ? mod : (mod as { default: ResvgModule }).default)))
    .catch((error: unknown) => {
      resvg = undefined; // let a later call try again
      throw new Error(`Charts can't be drawn as images: the resvg renderer did not load (${error instanceof Error ? error.message : String(error)}).`);
    });
  return resvg;
}

export async function renderChartPng(spec: ChartSpec, options: ChartPngOptions = {}): Promise<ChartPng> {
  const scale = options.scale ?? 2;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 8)) throw new RangeError(`scale must be above 0 and at most 8 (got ${scale})`);
  if (options.width !== undefined && !(Number.isFinite(options.width) && options.width >= 320 && options.width <= 4000)) {
    throw new RangeError(`width must be 320 to 4000 CSS pixels (got ${options.width})`);
  }
  const { svg, width, height, altText } = renderChartSvg(spec, { width: options.width ?? 800 });
  const { Resvg } = await loadResvg();
  const image = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
    fitTo: { mode: 'width', value: Math.round(width * scale) },
  }).render();
  return { png: image.asPng(), width, height, pixelWidth: image.width, pixelHeight: image.height, altText };
}
