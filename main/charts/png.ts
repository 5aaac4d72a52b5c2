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
  resvg ??= (
    typeof require === 'function'
      ? // The Electron bundle is CommonJS: esbuild keeps this require, so the native package is loaded where it was unpacked.
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        Promise.resolve(require('@resvg/resvg-js') as ResvgModule)
      : import('@resvg/resvg-js').then((mod) => ('Resvg' in mod ? mod : (mod as { default: ResvgModule }).default))
  ).catch((error: unknown) => {
    resvg = undefined; // let a later call try again
    throw new Error(
      `Charts can't be drawn as images: the resvg renderer did not load (${error instanceof Error ? error.message : String(error)}).`,
    );
  });
  return resvg;
}

/**
 * Draws one chart. resvg's objects keep their native memory (the parsed SVG, the font database and the pixel buffer,
 * about 4 MB for a 1200-pixel chart) until V8 collects their JavaScript wrappers and Node runs their finalisers, which
 * it does on a later turn of the event loop, never inside a run of awaits on settled promises. V8 does not see that
 * memory, so it is in no hurry: 30 charts drawn in a row held about 145 MB. So the native objects live only inside
 * drawPng, and this returns after a turn of the event loop, which lets the finalisers of charts already collected run
 * and their memory be reused by the next: 30 charts then hold about 60 MB (V8 still collects only every few charts).
 * Callers must not rely on the event loop standing still across this call: read what belongs together first.
 */
export async function renderChartPng(spec: ChartSpec, options: ChartPngOptions = {}): Promise<ChartPng> {
  const scale = options.scale ?? 2;
  if (!(Number.isFinite(scale) && scale > 0 && scale <= 8))
    throw new RangeError(`scale must be above 0 and at most 8 (got ${scale})`);
  if (
    options.width !== undefined &&
    !(Number.isFinite(options.width) && options.width >= 320 && options.width <= 4000)
  ) {
    throw new RangeError(`width must be 320 to 4000 CSS pixels (got ${options.width})`);
  }
  const { svg, width, height, altText } = renderChartSvg(spec, { width: options.width ?? 800 });
  const { Resvg } = await loadResvg();
  const drawn = drawPng(Resvg, svg, Math.round(width * scale));
  await new Promise<void>((resolve) => {
    setImmediate(resolve);
  });
  return { png: drawn.png, width, height, pixelWidth: drawn.pixelWidth, pixelHeight: drawn.pixelHeight, altText };
}

/** The PNG of an SVG: a synchronous function, so that nothing holds resvg's objects once it returns. */
function drawPng(
  Resvg: ResvgModule['Resvg'],
  svg: string,
  pixelWidth: number,
): { png: Buffer; pixelWidth: number; pixelHeight: number } {
  const image = new Resvg(svg, {
    font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
    background: 'white',
    fitTo: { mode: 'width', value: pixelWidth },
  }).render();
  return { png: image.asPng(), pixelWidth: image.width, pixelHeight: image.height };
}
