import { describe, expect, it } from 'vitest';
import { useTempDirs } from '../../helpers/temp-dir';
import { call, dfeFile, importFile, openWorkspace } from '../../fixtures/imports/api';

const tempDir = useTempDirs();

describe("a region-level file in an authority's workspace", () => {
  it("shows the region's metrics, titled with the region, against England", async () => {
    const { backend } = await openWorkspace(tempDir(), '841', 'Darlington');
    await importFile(backend, 'annual-reviews', 'annual_reviews.csv', dfeFile('annual_reviews_excerpt.csv'), {
      authority: 'North East',
    });
    const { metrics } = await call(backend, 'metrics.list', { dataset: 'annual-reviews' });
    const onTime = metrics.find((m) => m.id === 'ar-on-time-decision-4wk' && m.period === '2025');
    expect(onTime).toMatchObject({
      title: expect.stringContaining('(North East)'),
      value: 37.6,
      status: 'ok',
      comparator: { value: 47.6 },
    });
    const chart = await call(backend, 'metrics.chart', { metricId: 'ar-on-time-decision-4wk' });
    expect(chart.altText).toContain('North East');
    expect(chart.altText).toContain('37.6%');
    backend.close();
  });
});
