import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { createWorkspaceInPage, openSampleInPage } from './helpers/onboard';
import { csvObjects, parseCsvText } from '../fixtures/imports/csv-text';

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
      await page.screenshot({ path: join(SHOTS, `${name}-${width}-${scheme}.png`) });
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
    await timeliness.evaluate((e) => e.scrollIntoView({ block: 'start' }));
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

  it("shows Manchester's figure with England, region, neighbours, rank and trend from DfE's national file, and follows a neighbour list replaced in Settings", async () => {
    // What the card must say, worked out here from the file and the neighbour list alone (the tests' own CSV reader).
    const national = gunzipSync(
      readFileSync(new URL('../fixtures/dfe-2025/timeliness_20_week.csv.gz', import.meta.url)),
    );
    const totals = csvObjects(national.toString('utf8')).filter(
      (r) => /^All\b/.test(r.breakdown_topic!) && r.time_period === '2024',
    );
    const pc = 'pc_plans_issued_within_20_weeks';
    const las = totals.filter((r) => r.geographic_level === 'Local authority' && !Number.isNaN(Number(r[pc])));
    const valueOf = (name: string) => Number(las.find((r) => r.la_name === name)![pc]);
    const mine = valueOf('Manchester');
    const position = 1 + las.filter((r) => Number(r[pc]) > mine).length;
    const quartile = 1 + Math.floor((4 * (position - 1)) / las.length);
    const region = totals.find((r) => r.geographic_level === 'Regional' && r.region_name === 'North West')!;
    const england = totals.find((r) => r.geographic_level === 'National')!;
    const neighbourCsv = parseCsvText(
      readFileSync(new URL('../fixtures/reference/statistical-neighbours.csv', import.meta.url), 'utf8').replace(
        /^\uFEFF/,
        '',
      ),
    );
    const column = neighbourCsv[0]!.indexOf('Manchester');
    const ALIAS: Record<string, string> = { 'Bedford Borough': 'Bedford', Durham: 'County Durham' };
    const shippedNames = neighbourCsv.slice(1, 11).map((r) => ALIAS[r[column]!] ?? r[column]!);
    const meanOf = (names: string[]) =>
      (Math.round(names.reduce((t, n) => t + Math.round(valueOf(n) * 10), 0) / names.length) / 10).toFixed(1);

    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await createWorkspaceInPage(page, host.url, '352');
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await nav.getByRole('button', { name: 'Data' }).click();
    await page.getByLabel('Dataset').selectOption('ehcp-timeliness');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'timeliness_20_week.csv', mimeType: 'text/csv', buffer: national });
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await page
      .locator('section.preview')
      .getByRole('button', { name: /^Import \d+ rows$/ })
      .click();
    await page.getByText(/^Imported \d+ rows for 2019, 2020, 2021, 2022, 2023, 2024/).waitFor();

    const card = page.locator('[data-metric-card="ehcp-20wk-all"]');
    await card.waitFor();
    const said = (await card.textContent())!;
    expect(said).toContain(`${mine.toFixed(1)}% in 2024`);
    expect(said).toContain(`England${Number(england[pc]).toFixed(1)}%`);
    expect(said).toContain(`North West${Number(region[pc]).toFixed(1)}%`);
    expect(said).toContain(`Statistical neighbours${meanOf(shippedNames)}% (average of the 10 of 10 with data)`);
    expect(said).toContain(
      `Rankrank ${position} of ${las.length} (1 = best), quartile ${quartile}, among authorities with data`,
    );
    expect(said).toContain('TrendUp from 50.7% in 2020');
    const row = page
      .locator('tr[data-metric-id="ehcp-20wk-all"]')
      .filter({ has: page.locator('td:nth-child(2)', { hasText: /^2024$/ }) });
    expect(await row.textContent()).toContain(`rank ${position} of ${las.length} (1 = best), quartile ${quartile}`);
    // Its chart, drawn by main, carries the region and the neighbours' average beside England, in its text too.
    const chart = page
      .getByRole('img', { name: /^Line chart: New EHC plans issued within 20 weeks, Manchester/ })
      .first();
    await chart.waitFor();
    const alt = (await chart.getAttribute('alt'))!;
    expect(alt).toContain(`North West: 2019`);
    expect(alt).toContain(`2024 ${Number(region[pc]).toFixed(1)}%`);
    expect(alt).toContain(`Statistical neighbours (average): 2019`);
    expect(alt).toContain(`2024 ${meanOf(shippedNames)}%`);
    await chart.scrollIntoViewIfNeeded();
    await shoot(page, 'metric-chart');
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
    await page.emulateMedia({ colorScheme: 'light' });
    await page.setViewportSize({ width: 1280, height: 720 });

    // Settings: the ten neighbours, nearest first; a replacement list is used at once, a list naming an unknown
    // authority is refused naming it, and the shipped list can be had back.
    await nav.getByRole('button', { name: 'Settings' }).click();
    const section = page.getByRole('region', { name: 'Statistical neighbours' });
    const list = section.getByRole('list', { name: 'Manchester’s neighbours, nearest first' });
    await list.waitFor();
    expect((await list.getByRole('listitem').allTextContents()).map((t) => t.replace(/ \(\d+\)$/, ''))).toEqual(
      shippedNames,
    );
    expect(await section.locator('[data-neighbours-source]').textContent()).toContain(
      'the list shipped with the app (153 authorities)',
    );
    await section.scrollIntoViewIfNeeded();
    await shoot(page, 'settings-neighbours');
    const upload = async (name: string, text: string) => {
      await section
        .getByLabel('Neighbour list file')
        .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
      await section.getByRole('button', { name: 'Use this list' }).click();
    };
    await upload('our-neighbours.csv', 'Manchester,Salford\nSalford,Manchester\nTrafford,Trafford\nWigan,Wigan\n');
    await section.getByText('Saved: benchmarking now uses our-neighbours.csv.').waitFor();
    await list.getByRole('listitem').nth(2).waitFor();
    expect(await list.getByRole('listitem').count()).toBe(3);
    expect(await section.locator('[data-neighbours-source]').textContent()).toContain(
      'our-neighbours.csv (2 authorities), in place of the list shipped with the app',
    );
    await upload('typo.csv', 'Manchester\nSalfrod\n');
    expect(await section.getByRole('alert').textContent()).toMatch(/typo\.csv was not used: "Salfrod"/);
    expect(await list.getByRole('listitem').count()).toBe(3);
    expect(await axeViolations(page), 'axe on the neighbour settings with a refusal').toEqual([]);

    await nav.getByRole('button', { name: 'Data' }).click();
    await page
      .getByRole('region', { name: 'What is loaded' })
      .getByRole('button', { name: 'Open EHC plans issued within 20 weeks' })
      .click();
    await page
      .locator('[data-metric-card="ehcp-20wk-all"]', {
        hasText: `Statistical neighbours${meanOf(['Salford', 'Trafford', 'Wigan'])}% (average of the 3 of 3 with data)`,
      })
      .waitFor();

    await nav.getByRole('button', { name: 'Settings' }).click();
    await section.getByRole('button', { name: 'Go back to the shipped list' }).click();
    await section.getByText('Saved: benchmarking uses the list shipped with the app again.').waitFor();
    expect(await list.getByRole('listitem').count()).toBe(10);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
