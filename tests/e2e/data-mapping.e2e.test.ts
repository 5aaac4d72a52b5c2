import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { handMadeAdviceWorkbook } from '../fixtures/imports/hand-made';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { createWorkspaceInPage } from './helpers/onboard';

const SHOTS = join('.ci-out', 'screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('the column-mapping step of an import, in Chromium', () => {
  it('shows what each column of a hand-made workbook was taken as, takes the officer’s change, imports, and the figures are right', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await createWorkspaceInPage(page, host.url, '841');
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Data' }).click();
    await page.getByLabel('Dataset', { exact: true }).selectOption('advice-timeliness');

    // What the dataset takes, the period and the agency included.
    await page.getByText(/^Columns this dataset takes/).click();
    const takes = page.getByRole('table', { name: 'Columns of Advice returned within 6 weeks' });
    expect(await takes.textContent()).toContain('Yes, unless you give the period when importing');
    expect(await takes.locator('tr', { hasText: 'agency' }).textContent()).toContain('Educational psychology');

    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'Advice 2024.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(handMadeAdviceWorkbook()),
    });
    await page.getByRole('button', { name: 'Preview the import' }).click();
    const preview = page.locator('section.preview');
    await preview.getByRole('heading', { name: 'Preview: Advice 2024.xlsx' }).waitFor();

    // Each column with what it was taken as; the percentage column is not taken as a count, and says why.
    const mapping = preview.getByRole('region', { name: 'Columns of the file' });
    const select = (header: string) => mapping.getByLabel(`Take the column ${header} as`);
    expect(await select('Year').inputValue()).toBe('period');
    expect(await select('Agency').inputValue()).toBe('agency');
    expect(await select('Advice (number of requests) Requests for advice').inputValue()).toBe('advice_requests');
    expect(await select('Advice (number of requests) Returned on time').inputValue()).toBe('');
    expect(await mapping.locator('tr', { hasText: 'Performance % within 6 weeks' }).textContent()).toContain(
      'holds percentages',
    );
    expect(await preview.textContent()).toContain("Skipped a total row (row 9 ('Totals'))");
    expect(await axeViolations(page), 'axe on the mapping step').toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-mapping-1280.png'), fullPage: true });

    // The officer takes "Returned on time" as the advice returned within 6 weeks, from the keyboard.
    await select('Advice (number of requests) Returned on time').focus();
    await select('Advice (number of requests) Returned on time').selectOption('advice_within_6_weeks');
    await preview.getByRole('button', { name: 'Read the file again with these columns' }).click();
    await page.getByText('Read 4 rows from Advice 2024.xlsx with your column choices').waitFor();
    expect(await select('Advice (number of requests) Returned on time').inputValue()).toBe('advice_within_6_weeks');
    expect(await mapping.locator('tr', { hasText: 'Returned on time' }).textContent()).toContain('Your choice');
    await preview.getByRole('button', { name: 'Import 3 rows' }).click();
    await page.getByText('Imported 3 rows for 2024.').waitFor();

    const row = (id: string) => page.locator(`tr[data-metric-id="${id}"]`).first();
    await row('advice-6wk-ep').waitFor();
    expect(await row('advice-6wk-ep').textContent()).toContain('75.0%');
    expect(await row('advice-6wk-ep').textContent()).toContain('90 of 120');
    expect(await row('advice-6wk-health').textContent()).toContain('54.5%');
    expect(await row('advice-6wk-social-care').textContent()).toContain('84.2%');

    // The same layout again: the choice is remembered and said so.
    await page.getByLabel('File', { exact: true }).setInputFiles({
      name: 'Advice 2024 v2.xlsx',
      mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      buffer: Buffer.from(handMadeAdviceWorkbook()),
    });
    await page.getByRole('button', { name: 'Preview the import' }).click();
    await preview.getByRole('heading', { name: 'Preview: Advice 2024 v2.xlsx' }).waitFor();
    expect(await select('Advice (number of requests) Returned on time').inputValue()).toBe('advice_within_6_weeks');
    expect(await preview.textContent()).toContain('The columns were read as Dana Lead chose them');
    await page.setViewportSize({ width: 640, height: 360 });
    await page.screenshot({ path: join(SHOTS, 'import-mapping-640.png'), fullPage: true });
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axeViolations(page), 'axe on the mapping step, dark').toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'import-mapping-640-dark.png'), fullPage: true });
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
