import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { openSampleInPage } from './helpers/onboard';

const SHOTS = join('.ci-out', 'screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** Screenshots at the two sizes officers use, light and dark, each checked by axe. */
async function shoot(page: Page, name: string): Promise<void> {
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    for (const [width, height] of [
      [1280, 720],
      [640, 360],
    ] as const) {
      await page.setViewportSize({ width, height });
      expect(await axeViolations(page), `axe on ${name}, ${width}x${height} ${scheme}`).toEqual([]);
      await page.screenshot({ path: join(SHOTS, `${name}-${width}-${scheme}.png`), fullPage: true });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('what is loaded, in Chromium', () => {
  it('opens the Data screen on every dataset: periods, latest, source, what is missing and the metrics with periods as columns', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openSampleInPage(page, host.url);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Data' }).click();
    const overview = page.getByRole('region', { name: 'What is loaded' });
    await overview.waitFor();

    const timeliness = overview.getByRole('article', { name: 'EHC plans issued within 20 weeks' });
    const facts = await timeliness.locator('dl').textContent();
    expect(facts).toMatch(/Periods loaded2\d{3}(, 2\d{3})+/);
    expect(facts).toContain('imported on');
    // Periods are the columns of the glance table, one row per metric.
    const glance = timeliness.getByRole('table');
    const periods = (await glance.locator('thead th').allTextContents()).slice(1);
    expect(periods.length).toBeGreaterThan(1);
    expect(periods.every((p) => /^\d{4}/.test(p))).toBe(true);
    expect(await glance.locator('tbody tr').first().locator('th').textContent()).toContain('within 20 weeks');
    expect(await glance.locator('tbody tr').count()).toBeLessThan(10);
    await shoot(page, 'data-overview');

    // From the keyboard: the dataset's Open button, then focus lands on its heading.
    const open = timeliness.getByRole('button', { name: 'Open EHC plans issued within 20 weeks' });
    await open.focus();
    await page.keyboard.press('Enter');
    const heading = page.getByRole('heading', { name: 'EHC plans issued within 20 weeks', level: 2 });
    await heading.waitFor();
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('dataset-heading');
    await page.getByRole('button', { name: 'Back to what is loaded' }).click();
    await overview.waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });

  it('shows a metric with every comparator main gives it, and nothing where a comparator is null', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    // Until the comparator computation lands, the benchmarks are added to main's answer on its way to the page:
    // the latest period of the 20-week metric gets them all, the one before gets nulls.
    let latest = '';
    await page.route('**/api/metrics.list', async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as { ok: boolean; value?: { metrics: Record<string, unknown>[] } };
      const mine = (body.value?.metrics ?? []).filter((m) => m.id === 'ehcp-20wk-all' && m.status === 'ok');
      latest =
        mine
          .map((m) => String(m.period))
          .sort()
          .at(-1) ?? '';
      for (const m of mine) {
        if (m.period === latest) {
          Object.assign(m, {
            region: { name: 'North East', value: 61.3, period: latest },
            neighbours: { value: 52.4, count: 9, period: latest },
            rank: { position: 12, of: 151, quartile: 1 },
            notes: ['Recomputed from the counts: 62.3%'],
          });
        } else Object.assign(m, { region: null, neighbours: null, rank: null, notes: [] });
      }
      await route.fulfill({ response, json: body });
    });
    await openSampleInPage(page, host.url);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Data' }).click();
    await page
      .getByRole('region', { name: 'What is loaded' })
      .getByRole('button', { name: 'Open EHC plans issued within 20 weeks' })
      .click();
    // The latest figure's card carries every comparator; another metric's, with none from main, shows none.
    const card = page.locator('[data-metric-card="ehcp-20wk-all"]');
    await card.waitFor();
    const said = await card.textContent();
    expect(said).toContain('North East61.3%');
    expect(said).toContain('Statistical neighbours52.4% (average of the 9 of 10 with data)');
    expect(said).toContain('Rankrank 12 of 151 (1 = best), quartile 1, among authorities with data');
    expect(said).toContain('Recomputed from the counts: 62.3%');
    expect(said).toMatch(/TrendUp from \d+\.\d% in \d{4}/);
    const other = await page.locator('[data-metric-card="ehcp-20wk-excl"]').locator('dt').allTextContents();
    expect(other).toEqual(['England', 'Trend']);
    const rows = page.locator('tr[data-metric-id="ehcp-20wk-all"]');
    await rows.first().waitFor();
    const row = rows.filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${latest}$`) }) });
    const text = await row.textContent();
    expect(text).toContain('61.3%North East');
    expect(text).toContain('52.4%average of the 9 of 10 neighbours with data');
    expect(text).toContain('rank 12 of 151 (1 = best), quartile 1among authorities with data');
    expect(text).toContain('Recomputed from the counts: 62.3%');
    // Where main has no comparator, the cells say nothing rather than something made up.
    const earlier = rows
      .filter({ hasNot: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${latest}$`) }) })
      .first();
    const cells = await earlier.locator('td').allTextContents();
    expect(cells.slice(3, 6)).toEqual(['—', '—', '—']);
    await card.scrollIntoViewIfNeeded();
    await shoot(page, 'metric-comparators');
    for (const [width, scheme] of [
      [1280, 'light'],
      [640, 'dark'],
    ] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.setViewportSize({ width, height: width === 1280 ? 720 : 360 });
      await card.screenshot({ path: join(SHOTS, `metric-card-${width}-${scheme}.png`) });
    }
    await page.close();
    await host.close();
  });
});
