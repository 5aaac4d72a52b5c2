import { describe, expect, it } from 'vitest';
import { call, encode, importFile, metric, useImportWorkspaces } from '../../fixtures/imports/api';
import { toCsv } from '../../fixtures/imports/csv-text';
import { useTempDirs } from '../../helpers/temp-dir';

// Figures that break a validation rule (an impossible figure) are imported (they are what the file says) but never
// shown with confidence: the metrics using them are invalid with a problem naming both numbers, and the chart leaves
// the value out. A published percentage that differs from its counts is no error: it is the figure, with a note.

const tempDir = useTempDirs();
const newWorkspace = useImportWorkspaces(tempDir);
const workspace = () => newWorkspace('841', 'Darlington');

const HEADER = ['period', 'plans_issued_den', 'plans_issued_within_20_weeks', 'pc_plans_issued_within_20_weeks'];

describe('a figure that breaks a rule', () => {
  it('within 20 weeks above plans issued: imported, flagged in the preview, invalid in metrics.list, left out of the chart', async () => {
    const { backend } = await workspace();
    const bytes = encode(toCsv([HEADER, [2019, 100, 120, ''], [2020, 80, 60, 75], [2021, 90, 45, 55]]));
    const { preview, committed } = await importFile(backend, 'ehcp-timeliness', 'timeliness.csv', bytes);
    expect(committed.periods).toEqual(['2019', '2020', '2021']);
    expect(preview.notes).toContainEqual(
      expect.stringMatching(
        /^Row 2: plans issued within 20 weeks \(120\) must not exceed new EHC plans issued \(100\)\. It will be imported, and the metrics that use these figures shown as invalid/,
      ),
    );

    const { metrics } = await call(backend, 'metrics.list', { dataset: 'ehcp-timeliness' });
    const bad = metric(metrics, 'ehcp-20wk-all', '2019');
    expect(bad).toMatchObject({ status: 'invalid', better: null, numerator: 120, denominator: 100 });
    expect(bad.problems).toContain('plans issued within 20 weeks (120) must not exceed new EHC plans issued (100)');
    expect(metric(metrics, 'ehcp-20wk-all', '2020')).toMatchObject({ status: 'ok', value: 75 });

    // 2021's published 55% does not match 45 of 90 (50%): the published figure is the figure, the arithmetic a note.
    const mismatch = metric(metrics, 'ehcp-20wk-all', '2021');
    expect(mismatch).toMatchObject({ status: 'ok', value: 55, problems: [] });
    expect(mismatch.notes).toEqual([
      'published % issued within 20 weeks is 55; recomputed from the counts (45 ÷ 90 × 100) it is 50. The published figure is the figure of record',
    ]);
    expect(preview.notes).toContainEqual(
      expect.stringMatching(/^Row 4 \(Darlington 2021\): published % issued within 20 weeks is 55; recomputed/),
    );

    const chart = await call(backend, 'metrics.chart', { metricId: 'ehcp-20wk-all' });
    expect(chart.altText).toMatch(/2019 not shown \(the figure failed a validation check\)/);
    expect(chart.altText).toMatch(/^Line chart: New EHC plans issued within 20 weeks, Darlington, 2019 to 2021\. /);
    expect(chart.altText).toMatch(/2020 75\.0%/);
    expect(chart.altText).not.toMatch(/120/);
    expect(chart.svg).not.toMatch(/120(\.0)?%/);
    expect(chart.svg).toMatch(/Not shown/);
  });

  it('a rule breach in health waits (more over 52 weeks than over 18) marks that service’s metrics invalid only', async () => {
    const { backend } = await workspace();
    const bytes = encode(
      toCsv([
        ['Snapshot date', 'Service', 'Waiting', 'Over 18 weeks', 'Over 52 weeks'],
        ['31/03/2025', 'SLT', 100, 20, 30],
        ['31/03/2025', 'OT', 50, 10, 2],
      ]),
    );
    const { preview } = await importFile(backend, 'health-waits', 'waits.csv', bytes);
    expect(preview.notes.join(' ')).toMatch(
      /waiting more than 52 weeks \(30\) must not exceed waiting more than 18 weeks \(20\)/,
    );
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'health-waits' });
    expect(metric(metrics, 'chs-waits-slt-over-52wk', '2025-03-31').status).toBe('invalid');
    expect(metric(metrics, 'chs-waits-ot-over-52wk', '2025-03-31')).toMatchObject({ status: 'ok', value: 2 });
    const chart = await call(backend, 'metrics.chart', { metricId: 'chs-waits-slt-over-18wk', breakdown: 'slt' });
    expect(chart.altText).toMatch(/not shown/);
    expect(chart.altText).not.toMatch(/20(\.0)?%/);
  });
});
