import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderChartSvg, type ChartSpec } from '../../../main/charts';
import { textWidth } from '../../../main/charts/text';
import { decodeEntities, parseAttributes, scanXml } from '../../../main/formats/xml';

// Parses the SVG with the project's strict XML scanner (tags must nest, one root) into a flat element list, each
// with its attributes and its own decoded text.
interface Element {
  name: string;
  attrs: Map<string, string>;
  text: string;
}

function parseSvg(svg: string): Element[] {
  const elements: Element[] = [];
  const open: Element[] = [];
  scanXml(svg, {
    open(name, attrs) {
      const el = { name, attrs: parseAttributes(attrs), text: '' };
      elements.push(el);
      open.push(el);
    },
    close() {
      open.pop();
    },
    text(raw) {
      const el = open[open.length - 1];
      if (el) el.text += decodeEntities(raw);
    },
  });
  // Every '&' must start an entity: a raw one is not XML, whatever a lenient scanner says.
  expect(svg.match(/&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/g)).toBeNull();
  return elements;
}

const texts = (els: Element[]) => els.filter((e) => e.name === 'text').map((e) => e.text);
const at = (els: Element[], series: number, period: string) =>
  els.filter((e) => e.attrs.get('data-series') === String(series) && e.attrs.get('data-period') === period);

const PERIODS = ['2019', '2020', '2021', '2022', '2023', '2024'];
const trendSpec: ChartSpec = {
  id: 'ehcp-20wk-all',
  title: 'EHC plans issued within 20 weeks',
  unit: '%',
  direction: 'higher',
  kind: 'trend',
  series: [
    {
      label: 'Northshire',
      role: 'local',
      points: [
        { period: '2019', value: 58.7 },
        { period: '2020', value: 61.2 },
        { period: '2021', value: null },
        { period: '2022', value: 49.9 },
        { period: '2023', value: 112.4, invalid: true },
        { period: '2024', value: 46.3 },
      ],
    },
    {
      label: 'England',
      role: 'comparator',
      points: [
        { period: '2019', value: 58.7 },
        { period: '2020', value: 58 },
        { period: '2021', value: 59.9 },
        { period: '2022', value: 49.2 },
        { period: '2023', value: 50.3 },
        { period: '2024', value: 46.4 },
      ],
    },
  ],
};

const comparisonSpec: ChartSpec = {
  id: 'appeal-rate',
  title: 'SEND Tribunal appeal rate',
  unit: 'per 100',
  direction: 'lower',
  kind: 'comparison',
  series: [
    { label: 'Northshire', role: 'local', points: [{ period: '2023/24', value: 2.54 }] },
    { label: 'South West', role: 'regional', points: [{ period: '2023/24', value: 3.1 }] },
    { label: 'England', role: 'comparator', points: [{ period: '2023/24', value: 2.5 }] },
  ],
};

describe('renderChartSvg: trend', () => {
  const chart = renderChartSvg(trendSpec);
  const els = parseSvg(chart.svg);

  it('is one svg element of the stated size, titled, with its alt text as the description', () => {
    expect(els[0]!.name).toBe('svg');
    expect(els[0]!.attrs.get('width')).toBe(String(chart.width));
    expect(els[0]!.attrs.get('height')).toBe(String(chart.height));
    expect(els[0]!.attrs.get('viewBox')).toBe(`0 0 ${chart.width} ${chart.height}`);
    expect(chart.width).toBe(800);
    expect(els.find((e) => e.name === 'title')!.text).toBe('EHC plans issued within 20 weeks');
    expect(els.find((e) => e.name === 'desc')!.text).toBe(chart.altText);
  });

  it('draws the title, the legend, every period and a label for every drawn point', () => {
    const shown = texts(els);
    expect(shown).toContain('EHC plans issued within 20 weeks');
    // The value axis runs from 0 to a round figure above the largest value (61.2%), not to 100%.
    expect(shown).toEqual(expect.arrayContaining(['Northshire', 'England', ...PERIODS, '0%', '80%']));
    expect(shown).not.toContain('100%');
    expect(shown).toEqual(
      expect.arrayContaining(['58.7%', '61.2%', '49.9%', '46.3%', '58.0%', '59.9%', '49.2%', '50.3%', '46.4%']),
    );
    // One marker and one value label per figure drawn: 4 for Northshire, 6 for England.
    expect(
      els
        .filter((e) => e.name !== 'text' && e.attrs.get('data-series') === '0')
        .filter((e) => e.attrs.has('data-period')),
    ).toHaveLength(4);
    expect(
      els.filter((e) => e.name !== 'text' && e.attrs.get('data-series') === '1' && e.attrs.has('data-period')),
    ).toHaveLength(6);
    expect(els.filter((e) => e.name === 'text' && e.attrs.has('data-series'))).toHaveLength(10);
  });

  it('states every figure and period in the alt text, with the direction', () => {
    expect(chart.altText).toBe(
      'Line chart: EHC plans issued within 20 weeks, Northshire, 2019 to 2024. ' +
        'Northshire: 2019 58.7%, 2020 61.2%, 2021 not available, 2022 49.9%, ' +
        '2023 not shown (the figure failed a validation check), 2024 46.3%; ' +
        'England: 2019 58.7%, 2020 58.0%, 2021 59.9%, 2022 49.2%, 2023 50.3%, 2024 46.4%. Higher is better.',
    );
  });

  it('never draws or states an invalid figure, and says it was left out', () => {
    expect(at(els, 0, '2023')).toEqual([]); // no marker, no label
    expect(chart.svg).not.toContain('112.4');
    expect(chart.altText).not.toContain('112.4');
    expect(chart.altText).toContain('2023 not shown (the figure failed a validation check)');
    expect(texts(els)).toContain('Not shown, because the figure failed a validation check: Northshire 2023.');
    // The axis is not stretched by it.
    expect(texts(els)).not.toContain('120%');
  });

  it('leaves a gap for a missing figure: the line breaks there, and the alt text names it', () => {
    expect(at(els, 0, '2021')).toEqual([]);
    const line = els.find(
      (e) => e.name === 'path' && e.attrs.get('data-series') === '0' && e.attrs.get('fill') === 'none',
    )!;
    // 2019–2020, then 2022 alone (2021 missing, 2023 invalid), then 2024 alone: only one run has a line.
    expect(line.attrs.get('d')!.match(/M/g)).toHaveLength(1);
    expect(line.attrs.get('d')!.match(/L/g)).toHaveLength(1);
    const england = els.find(
      (e) => e.name === 'path' && e.attrs.get('data-series') === '1' && e.attrs.get('fill') === 'none',
    )!;
    expect(england.attrs.get('d')!.match(/L/g)).toHaveLength(5);
    expect(chart.altText).toContain('2021 not available');
    expect(texts(els)).toContain('No data: Northshire 2021.');
  });

  it('breaks a line into separate runs around a gap', () => {
    const spec: ChartSpec = {
      ...trendSpec,
      series: [
        {
          label: 'Northshire',
          role: 'local',
          points: [
            { period: '2019', value: 10 },
            { period: '2020', value: 20 },
            { period: '2021', value: null },
            { period: '2022', value: 30 },
            { period: '2023', value: 40 },
          ],
        },
      ],
    };
    const d = parseSvg(renderChartSvg(spec).svg)
      .find((e) => e.name === 'path' && e.attrs.get('fill') === 'none')!
      .attrs.get('d')!;
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d.match(/L/g)).toHaveLength(2);
  });

  it('dashes the national comparator line; the local line is solid', () => {
    const path = (i: number) =>
      els.find((e) => e.name === 'path' && e.attrs.get('data-series') === String(i) && e.attrs.get('fill') === 'none')!;
    expect(path(0).attrs.get('stroke')).toBe('#1d70b8');
    expect(path(0).attrs.has('stroke-dasharray')).toBe(false);
    expect(path(1).attrs.get('stroke')).toBe('#505a5f');
    expect(path(1).attrs.get('stroke-dasharray')).toBeTruthy();
  });
});

describe('renderChartSvg: comparison', () => {
  const chart = renderChartSvg(comparisonSpec);
  const els = parseSvg(chart.svg);

  it('draws one labelled bar per area, named under it', () => {
    const bars = els.filter((e) => e.name === 'rect' && e.attrs.has('data-series'));
    expect(bars.map((b) => b.attrs.get('data-series'))).toEqual(['0', '1', '2']);
    expect(bars[0]!.attrs.get('fill')).toBe('#1d70b8');
    expect(bars[1]!.attrs.get('fill')).toBe('#f47738');
    expect(bars[2]!.attrs.get('fill')).toMatch(/^url\(#chart-appeal-rate-hatch-2\)$/); // national: hatched grey
    // Taller bar for the larger figure.
    const height = (i: number) => Number(bars[i]!.attrs.get('height'));
    expect(height(1)).toBeGreaterThan(height(0));
    expect(height(0)).toBeGreaterThan(height(2));
    // Every figure with the same decimals.
    expect(texts(els)).toEqual(expect.arrayContaining(['2.54', '3.10', '2.50', 'Northshire', 'South West', 'England']));
  });

  it("states each area's figure for the period", () => {
    expect(chart.altText).toBe(
      'Bar chart: SEND Tribunal appeal rate, Northshire, 2023/24. ' +
        'Northshire 2.54 per 100; South West 3.10 per 100; England 2.50 per 100. Lower is better.',
    );
  });

  it('shows no bar or figure for an invalid or missing value, and says why', () => {
    const spec: ChartSpec = {
      ...comparisonSpec,
      series: [
        { label: 'Northshire', role: 'local', points: [{ period: '2023/24', value: 250, invalid: true }] },
        { label: 'South West', role: 'regional', points: [{ period: '2023/24', value: null }] },
        { label: 'England', role: 'comparator', points: [{ period: '2023/24', value: 2.5 }] },
      ],
    };
    const out = renderChartSvg(spec);
    const parsed = parseSvg(out.svg);
    expect(at(parsed, 0, '2023/24')).toEqual([]);
    expect(at(parsed, 1, '2023/24')).toEqual([]);
    expect(
      at(parsed, 2, '2023/24')
        .map((e) => e.name)
        .sort(),
    ).toEqual(['rect', 'text']);
    expect(out.svg).not.toContain('250');
    expect(out.altText).toContain(
      'Northshire not shown (the figure failed a validation check); South West not available; England 2.5 per 100.',
    );
  });
});

describe('renderChartSvg: text', () => {
  it('escapes XML special characters in names and titles', () => {
    const spec: ChartSpec = {
      ...comparisonSpec,
      id: 'a&b "quoted"',
      title: 'Appeals <per 100> & "rates"',
      series: [
        { label: 'Brighton & Hove', role: 'local', points: [{ period: '2023/24', value: 2.54 }] },
        { label: "Bath & N'East <Somerset>", role: 'regional', points: [{ period: '2023/24', value: 3 }] },
      ],
    };
    const chart = renderChartSvg(spec);
    expect(chart.svg).toContain('Brighton &amp; Hove');
    expect(chart.svg).not.toContain('Brighton & Hove');
    expect(chart.svg).not.toMatch(/<per 100>|<Somerset>/);
    const els = parseSvg(chart.svg);
    expect(texts(els)).toEqual(expect.arrayContaining(['Brighton & Hove', 'Appeals <per 100> & "rates"']));
    expect(els.find((e) => e.name === 'desc')!.text).toContain('Brighton & Hove 2.54 per 100');
    // The alt text is plain text: the caller escapes it for its own format.
    expect(chart.altText).toContain('Brighton & Hove');
    expect(els[0]!.attrs.get('aria-labelledby')).toBe('chart-a-b--quoted--title chart-a-b--quoted--desc');
  });

  it('wraps a long title and keeps every text inside the image', () => {
    const spec: ChartSpec = {
      ...trendSpec,
      title:
        'Percentage of EHC plans issued within 20 weeks, excluding exception cases, for children and young people in the area',
    };
    const chart = renderChartSvg(spec, { width: 480 });
    const els = parseSvg(chart.svg);
    const titleLines = els.filter((e) => e.name === 'text' && e.attrs.get('font-size') === '20');
    expect(titleLines.length).toBeGreaterThan(1);
    expect(titleLines.map((e) => e.text).join(' ')).toBe(spec.title);
    expectInside(els, chart.width, chart.height);
  });

  it('formats counts with thousands separators and weeks in words in the alt text', () => {
    const spec: ChartSpec = {
      id: 'w',
      title: 'Weeks',
      unit: 'weeks',
      direction: 'lower',
      kind: 'comparison',
      series: [
        { label: 'Northshire', role: 'local', points: [{ period: '2024', value: 1 }] },
        { label: 'England', role: 'comparator', points: [{ period: '2024', value: 17.25 }] },
      ],
    };
    expect(renderChartSvg(spec).altText).toContain('Northshire 1.0 week; England 17.3 weeks.');
    const counts: ChartSpec = {
      ...spec,
      unit: 'count',
      direction: 'context',
      series: [{ label: 'England', role: 'comparator', points: [{ period: '2024', value: 49519 }] }],
    };
    const chart = renderChartSvg(counts);
    expect(chart.altText).toBe(
      'Bar chart: Weeks, 2024. England 49,519. Shown for context: neither higher nor lower is better.',
    );
    expect(texts(parseSvg(chart.svg))).toEqual(expect.arrayContaining(['49,519', '50,000']));
  });

  it('says so when there is nothing to draw', () => {
    const spec: ChartSpec = {
      ...trendSpec,
      series: [{ label: 'Northshire', role: 'local', points: [{ period: '2024', value: null }] }],
    };
    const chart = renderChartSvg(spec);
    expect(texts(parseSvg(chart.svg))).toContain('No figures to show');
    expect(chart.altText).toBe(
      'Line chart: EHC plans issued within 20 weeks, Northshire, 2024. Northshire not available. ' +
        'No figures are available. Higher is better.',
    );
  });
});

/** Approximate boxes of horizontal texts (the renderer's own metrics): inside the image, value labels apart. */
function boxes(els: Element[]) {
  return els
    .filter((e) => e.name === 'text' && !e.attrs.has('transform'))
    .map((e) => {
      const size = Number(e.attrs.get('font-size'));
      const width = textWidth(e.text, size, e.attrs.get('font-weight') === 'bold');
      const x = Number(e.attrs.get('x'));
      const anchor = e.attrs.get('text-anchor') ?? 'start';
      const left = anchor === 'middle' ? x - width / 2 : anchor === 'end' ? x - width : x;
      const baseline = Number(e.attrs.get('y'));
      return { el: e, left, right: left + width, top: baseline - size * 0.76, bottom: baseline + size * 0.24 };
    });
}

function expectInside(els: Element[], width: number, height: number) {
  for (const box of boxes(els)) {
    expect(box.left, box.el.text).toBeGreaterThanOrEqual(0);
    expect(box.right, box.el.text).toBeLessThanOrEqual(width);
    expect(box.top, box.el.text).toBeGreaterThanOrEqual(0);
    expect(box.bottom, box.el.text).toBeLessThanOrEqual(height);
  }
}

describe('renderChartSvg: any figures', () => {
  const UNITS = { '%': 100, count: 60_000, weeks: 80, 'per 100': 15 } as const;
  const cell = (max: number): fc.Arbitrary<{ value: number | null; invalid?: boolean }> =>
    fc.oneof(
      {
        weight: 6,
        arbitrary: fc
          .double({ min: 0, max, noNaN: true })
          .map((v) => ({ value: max > 1000 ? Math.round(v) : Math.round(v * 100) / 100 })),
      },
      { weight: 1, arbitrary: fc.constant({ value: null }) },
      {
        weight: 1,
        arbitrary: fc.double({ min: -max, max: max * 5, noNaN: true }).map((v) => ({ value: v, invalid: true })),
      },
    );
  const roles = ['local', 'comparator', 'regional'] as const;
  const spec = fc.constantFrom(...(Object.keys(UNITS) as (keyof typeof UNITS)[])).chain((unit) =>
    fc
      .record({
        periods: fc.integer({ min: 1, max: 8 }),
        kind: fc.constantFrom('trend' as const, 'comparison' as const),
        width: fc.constantFrom(480, 800),
        series: fc.array(fc.array(cell(UNITS[unit]), { minLength: 8, maxLength: 8 }), { minLength: 1, maxLength: 3 }),
      })
      .map(({ periods, kind, width, series }) => ({
        width,
        spec: {
          id: 'p',
          title: 'Annual reviews completed on time',
          unit,
          direction: 'higher',
          kind,
          series: series.map((cells, i) => ({
            label: ['Northshire', 'England', 'South West'][i]!,
            role: roles[i]!,
            points: cells.slice(0, periods).map((c, p) => ({ period: String(2018 + p), ...c })),
          })),
        } satisfies ChartSpec,
      })),
  );

  it('draws each valid figure once, never an invalid one, keeps labels apart and inside, and states every period', () => {
    fc.assert(
      fc.property(spec, ({ spec: s, width }) => {
        const chart = renderChartSvg(s, { width });
        const els = parseSvg(chart.svg);
        s.series.forEach((series, i) =>
          series.points.forEach((p) => {
            const drawn = at(els, i, p.period);
            if (p.invalid || p.value === null) expect(drawn).toEqual([]);
            else expect(drawn.filter((e) => e.name !== 'text')).toHaveLength(1);
            expect(chart.altText).toContain(p.period);
          }),
        );
        expectInside(els, chart.width, chart.height);
        // No two texts overlap (upright and slanted ones aside).
        const all = boxes(els);
        for (let a = 0; a < all.length; a++) {
          for (let b = a + 1; b < all.length; b++) {
            const p = all[a]!;
            const q = all[b]!;
            const overlap = p.left < q.right && q.left < p.right && p.top < q.bottom && q.top < p.bottom;
            expect(overlap, `${p.el.text} overlaps ${q.el.text}`).toBe(false);
          }
        }
      }),
      { numRuns: 400 },
    );
  });
});

describe('the value axis fits the data', () => {
  it("a 3.6% rate against England's 6.1% uses the height of the plot, not a 0–100% axis where both lie on the floor", () => {
    const chart = renderChartSvg({
      id: 'low',
      title: 'Suspensions',
      unit: '%',
      direction: 'lower',
      kind: 'trend',
      series: [
        {
          label: 'Northshire',
          role: 'local',
          points: [
            { period: '2022', value: 3.2 },
            { period: '2023', value: 3.6 },
          ],
        },
        {
          label: 'England',
          role: 'comparator',
          points: [
            { period: '2022', value: 5.9 },
            { period: '2023', value: 6.1 },
          ],
        },
      ],
    });
    const ticks = texts(parseSvg(chart.svg)).filter(
      (t) => /^\d+(\.\d+)?%$/.test(t) && !['3.2%', '3.6%', '5.9%', '6.1%'].includes(t),
    );
    const top = Math.max(...ticks.map((t) => Number(t.replace('%', ''))));
    expect(top).toBeGreaterThanOrEqual(6.1);
    expect(top).toBeLessThanOrEqual(10);
  });
});
