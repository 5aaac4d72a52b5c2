import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Resvg } from '@resvg/resvg-js';
import { afterAll, describe, expect, it } from 'vitest';
import { renderChartPng, renderChartSvg, type ChartSpec } from '../../../main/charts';

const ROOT = resolve(import.meta.dirname, '../../..');
const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const run = promisify(execFile);

function pngSize(png: Buffer) {
  expect([...png.subarray(0, 8)]).toEqual(PNG_SIGNATURE);
  expect(png.toString('latin1', 12, 16)).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const trend: ChartSpec = {
  id: 'ehcp-20wk-all',
  title: 'EHC plans issued within 20 weeks',
  unit: '%',
  direction: 'higher',
  kind: 'trend',
  series: [
    {
      label: 'Brighton & Hove',
      role: 'local',
      points: [
        { period: '2021', value: 58.7 },
        { period: '2022', value: null },
        { period: '2023', value: 140, invalid: true },
        { period: '2024', value: 46.3 },
      ],
    },
    {
      label: 'England',
      role: 'comparator',
      points: [
        { period: '2021', value: 59.9 },
        { period: '2022', value: 49.2 },
        { period: '2023', value: 50.3 },
        { period: '2024', value: 46.4 },
      ],
    },
  ],
};

const comparison: ChartSpec = {
  id: 'ar-on-time',
  title: 'Annual reviews completed on time <12 months>',
  unit: '%',
  direction: 'higher',
  kind: 'comparison',
  series: [
    { label: 'Brighton & Hove', role: 'local', points: [{ period: '2023/24', value: 71.4 }] },
    { label: 'South East', role: 'regional', points: [{ period: '2023/24', value: 64 }] },
    { label: 'England', role: 'comparator', points: [{ period: '2023/24', value: 66.2 }] },
  ],
};

describe('renderChartPng', () => {
  it("renders a PNG twice the layout width by default, with the SVG's alt text", async () => {
    const svg = renderChartSvg(trend);
    const out = await renderChartPng(trend);
    expect(out.width).toBe(800);
    expect(out.height).toBe(svg.height);
    expect(pngSize(out.png)).toEqual({ width: 1600, height: Math.round(svg.height * 2) });
    expect([out.pixelWidth, out.pixelHeight]).toEqual([1600, Math.round(svg.height * 2)]);
    expect(out.altText).toBe(svg.altText);
  });

  it('renders at the requested width and scale', async () => {
    const out = await renderChartPng(comparison, { width: 600, scale: 1 });
    expect(out.width).toBe(600);
    expect(pngSize(out.png).width).toBe(600);
    expect((await renderChartPng(comparison, { width: 640, scale: 1.5 })).pixelWidth).toBe(960);
    await expect(renderChartPng(comparison, { width: 0 })).rejects.toThrow(RangeError);
    await expect(renderChartPng(comparison, { scale: -1 })).rejects.toThrow(RangeError);
  });

  it('parses as XML in resvg (which refuses malformed XML) with "&" and "<" in names and titles', () => {
    for (const spec of [trend, comparison]) {
      const { svg } = renderChartSvg(spec);
      expect(() => new Resvg(svg)).not.toThrow();
      expect(() => new Resvg(svg.replace('Brighton &amp; Hove', 'Brighton & Hove'))).toThrow(); // the check can fail
    }
  });

  it('draws its text with a system font (fonts-dejavu-core) and the local series in brand blue', async () => {
    const { svg } = renderChartSvg(comparison);
    const image = new Resvg(svg, {
      font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' },
      background: 'white',
    }).render();
    const { pixels, width } = image;
    const count = (top: number, bottom: number, match: (r: number, g: number, b: number) => boolean) => {
      let n = 0;
      for (let y = top; y < bottom; y++) {
        for (let x = 0; x < width; x++) {
          const i = (y * width + x) * 4;
          if (match(pixels[i]!, pixels[i + 1]!, pixels[i + 2]!)) n++;
        }
      }
      return n;
    };
    // The title's band (the first 40 px) holds dark text: without a font resvg silently draws none.
    expect(
      count(0, 40, (r, g, b) => r < 60 && g < 60 && b < 60),
      'no text drawn: is a font (DejaVu Sans) installed?',
    ).toBeGreaterThan(500);
    expect(count(0, image.height, (r, g, b) => r === 0x1d && g === 0x70 && b === 0xb8)).toBeGreaterThan(1000);
  });
});

describe('loading resvg', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sendpack-charts-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('happens on the first PNG, not when the chart modules are imported', async () => {
    const script = join(dir, 'probe.mts');
    const charts = join(ROOT, 'main/charts/index.ts');
    writeFileSync(
      script,
      `
      import { createRequire } from 'node:module';
      import { existsSync, readFileSync } from 'node:fs';
      const cache = createRequire(import.meta.url).cache;
      const loaded = () => Object.keys(cache).some((k) => k.includes('@resvg'))
        || (existsSync('/proc/self/maps') && readFileSync('/proc/self/maps', 'utf8').includes('resvgjs'));
      const charts = await import(${JSON.stringify(charts)});
      const spec = ${JSON.stringify(comparison)};
      charts.renderChartSvg(spec);
      const before = loaded();
      await charts.renderChartPng(spec, { scale: 1 });
      console.log(JSON.stringify({ before, after: loaded() }));
    `,
    );
    const { stdout } = await run(process.execPath, ['--import', 'tsx', script], { cwd: ROOT });
    expect(JSON.parse(stdout.trim())).toEqual({ before: false, after: true });
  });
});
