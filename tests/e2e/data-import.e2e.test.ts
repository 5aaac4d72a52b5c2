import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { createWorkspaceInPage } from './helpers/onboard';
import { waitingList, waitingListRows } from '../fixtures/imports/case-lists';
import { toCsv } from '../fixtures/imports/csv-text';

const SHOTS = join('.ci-out', 'screenshots');
const TIMELINESS = new URL('../fixtures/dfe/timeliness_20_week_excerpt.csv', import.meta.url);
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('importing DfE figures, in Chromium', () => {
  it('previews the published timeliness file, imports it and shows the metric against England with its chart', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await createWorkspaceInPage(page, host.url, '841');

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Data' }).click();
    await page.getByLabel('Dataset').selectOption('ehcp-timeliness');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'timeliness_20_week.csv', mimeType: 'text/csv', buffer: readFileSync(TIMELINESS) });
    await page.getByRole('button', { name: 'Preview the import' }).click();

    // The preview: rows read, what is kept (Darlington, its region and England), columns mapped, first rows.
    const preview = page.locator('section.preview');
    await preview.getByRole('heading', { name: 'Preview: timeliness_20_week.csv' }).waitFor();
    const summary = await preview.locator('dl').textContent();
    expect(summary).toContain('55');
    expect(summary).toContain('for Darlington');
    expect(summary).toContain('plans_issued_within_20_weeks → Plans issued within 20 weeks');
    expect(await preview.getByRole('region', { name: 'First rows of the file' }).textContent()).toContain(
      'time_period',
    );
    expect(await axeViolations(page), 'axe on the import preview').toEqual([]);
    await page.screenshot({ path: join(SHOTS, '08-import-preview.png'), fullPage: true });
    await preview.getByRole('button', { name: 'Import 6 rows' }).click();
    await page.getByText('Imported 6 rows for 2019, 2020.').waitFor();

    // The metric equals the published percentage, beside England's for the same year, better or worse in words.
    const metricRow = (period: string) =>
      page
        .locator('tr[data-metric-id="ehcp-20wk-all"]')
        .filter({ has: page.locator('td:nth-child(2)', { hasText: new RegExp(`^${period}$`) }) });
    const row = metricRow('2019');
    await row.waitFor();
    const text = await row.textContent();
    expect(text).toContain('93.8%');
    expect(text).toContain('76 of 81');
    expect(text).toContain('58.7% (2019)');
    expect(text).toContain('Better than England');

    // Its chart, drawn by main, with the figures in its text alternative.
    const chart = page.getByRole('img', { name: /EHC plans issued within 20 weeks.*Darlington/ }).first();
    await chart.waitFor();
    const alt = await chart.getAttribute('alt');
    expect(alt).toContain('2019 93.8%');
    expect(alt).toContain('2020 65.7%');
    expect(alt).toContain('England');
    expect(await axeViolations(page), 'axe on the data screen').toEqual([]);
    await page.screenshot({ path: join(SHOTS, '09-metrics.png'), fullPage: true });
    // Figures typed in for a later year join the trend.
    await page.getByText('Type the figures in').click();
    await page.getByLabel('Period', { exact: true }).fill('2021');
    await page.getByLabel(/^New EHC plans issued \(/).fill('50');
    await page.getByLabel(/^Plans issued within 20 weeks \(/).fill('30');
    await page.getByRole('button', { name: 'Save these figures' }).click();
    await page.getByText('Saved the figures for 2021.').waitFor();
    const typed = metricRow('2021');
    await typed.waitFor();
    expect(await typed.textContent()).toContain('60.0%');
    expect(await typed.textContent()).toContain('Down from 93.8% in 2019');
    // Typing 2021 again asks first, naming what it would replace; nothing changes until the officer confirms.
    await page.getByLabel(/^New EHC plans issued \(/).fill('50');
    await page.getByLabel(/^Plans issued within 20 weeks \(/).fill('35');
    await page.getByRole('button', { name: 'Save these figures' }).click();
    const ask = page.getByRole('alertdialog', { name: 'These figures are already held. Replace them?' });
    await ask.waitFor();
    expect(await ask.textContent()).toMatch(/2021: typed in by/);
    expect(await typed.textContent()).toContain('60.0%');
    await page.screenshot({ path: join(SHOTS, '09b-replace-typed-figures.png'), fullPage: true });
    await ask.getByRole('button', { name: 'Replace them' }).click();
    await page.getByText('Saved the figures for 2021, replacing the earlier ones.').waitFor();
    await page.locator('tr[data-metric-id="ehcp-20wk-all"]', { hasText: '70.0%' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
  it("takes a waiting list's snapshot date typed day first (dd/mm/yyyy), by keyboard, and names a date that does not exist", async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await createWorkspaceInPage(page, host.url, '841');
    const snapshotIso = '2025-03-31';
    const children = waitingList(60, snapshotIso);
    const later = children.filter((c) => c.referral > snapshotIso).length;
    expect(later).toBeGreaterThan(0);

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Data' }).click();
    await page.getByLabel('Dataset').selectOption('health-waits');
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'CYP waiting list March 2025.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(toCsv(waitingListRows(children), '\r\n')),
    });
    const field = page.getByLabel('Snapshot date (case-level lists)');
    expect(await field.getAttribute('type')).toBeNull();
    // 31/02 is no day at all: named, not taken.
    await field.focus();
    await page.keyboard.type('31/02/2025');
    await page.keyboard.press('Tab');
    await page.getByText('Enter a real date as day/month/year').waitFor();
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    await field.fill('');
    await field.focus();
    await page.keyboard.type('31/03/2025');
    await page.keyboard.press('Enter');
    expect(await page.getByText('Enter a real date as day/month/year').count()).toBe(0);
    expect(await field.inputValue()).toBe('31/03/2025');
    await page.screenshot({ path: join(SHOTS, '08c-import-snapshot-date.png'), fullPage: true });

    // Read as 31 March 2025 (not 3 July 2027 or refused): the referrals after it are counted as made after the snapshot.
    const preview = page.locator('section.preview');
    await preview.getByRole('heading', { name: 'Preview: CYP waiting list March 2025.csv' }).waitFor();
    expect(await preview.textContent()).toContain(
      `${later} referral${later === 1 ? ' was' : 's were'} made after the snapshot date`,
    );
    expect(await preview.textContent()).not.toContain('give the snapshot date');
    expect(await axeViolations(page), 'axe on the import form with its date').toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
  it('"Stop reading" ends the read in main: the preview answers as cancelled, and the next file is read at once', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await createWorkspaceInPage(page, host.url, '841');
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Data' }).click();
    await page.getByLabel('Dataset').selectOption('ehcp-timeliness');
    // 1,200,000 rows (45 MB): seconds to read, long enough to stop.
    const lines = ['la_name,time_period,geographic_level,value'];
    for (let i = 0; i < 1_200_000; i++) lines.push(`Darlington,2024,Local authority,${i}`);
    // From a file on disk: Chromium reads it itself (a 45 MB buffer through the protocol takes longer than a minute).
    const big = join(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')), 'national.csv');
    writeFileSync(big, lines.join('\n'));
    await page.getByLabel('File', { exact: true }).setInputFiles(big);
    const answered = page.waitForResponse((r) => r.url().endsWith('/api/imports.preview'));
    const sent = page.waitForRequest((r) => r.url().endsWith('/api/imports.preview'));
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await sent;
    await page.getByRole('button', { name: 'Stop reading' }).click();
    await page.getByText('Stopped reading the file. Nothing was imported.').waitFor();
    expect(await (await answered).json()).toEqual({
      ok: false,
      error: { code: 'cancelled', message: 'Reading the file was stopped. Nothing was imported.' },
    });
    // The next file is read at once: no read of the stopped file is still holding the worker.
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'timeliness_20_week.csv', mimeType: 'text/csv', buffer: readFileSync(TIMELINESS) });
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await page.locator('section.preview').getByRole('heading', { name: 'Preview: timeliness_20_week.csv' }).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  }, 120_000);
});
