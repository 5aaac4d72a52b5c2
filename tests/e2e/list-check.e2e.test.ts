import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { createWorkspaceInPage } from './helpers/onboard';
import { SHOTS } from './helpers/screens';
import { AS_OF, found, generateList, identifiersOf, listGrid } from '../fixtures/annex-a/list-generator';
import { toCsv } from '../fixtures/imports/csv-text';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

/** axe in light and dark, at 1280×720 and at 640×360 (200% zoom), with a full-page screenshot of each. */
async function lookAt(page: Page, name: string) {
  await page.evaluate(() => document.fonts.ready);
  for (const viewport of [
    { width: 1280, height: 720 },
    { width: 640, height: 360 },
  ]) {
    await page.setViewportSize(viewport);
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await axeViolations(page), `axe on ${name} (${viewport.width}, ${colorScheme})`).toEqual([]);
      await page.screenshot({
        path: join(SHOTS, `list-check-${name}-${viewport.width}-${colorScheme}.png`),
        fullPage: true,
      });
    }
  }
  await page.emulateMedia({ colorScheme: 'light' });
  await page.setViewportSize({ width: 1280, height: 720 });
}

describe('the Annex A list check screen, in Chromium', () => {
  it('checks a list, shows counts and row numbers only, remaps a column and saves the profile', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    await createWorkspaceInPage(page, host.url, '841');
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await nav.getByRole('button', { name: 'Annex A lists' }).click();
    await page.getByRole('heading', { name: 'Annex A list check', level: 1 }).waitFor();
    await lookAt(page, 'empty');

    const generated = generateList(2_000, 1, 29);
    await page.getByLabel('List 1: children and young people with an EHC plan').check();
    await page.getByLabel('List file').setInputFiles({
      name: 'List 1 EHCP.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(toCsv(listGrid(generated))),
    });
    await page.getByLabel('Reference date').fill(AS_OF);
    await page.getByRole('button', { name: 'Check the list' }).click();
    await page.getByRole('heading', { name: 'Result: List 1 EHCP.csv' }).waitFor();
    const rules = page.getByRole('table', { name: 'Rules and the rows that break them' });
    const row109 = rules.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '109', exact: true }) });
    expect(await row109.getByRole('cell').nth(1).textContent()).toBe(String(generated.expected.get('109')!.length));
    expect(await row109.getByRole('cell').nth(2).textContent()).toBe(generated.expected.get('109')!.join(', '));
    // Nothing of the list is on the page: row numbers and headers only.
    expect(found(await page.locator('main').innerText(), identifiersOf(generated))).toEqual([]);
    await lookAt(page, 'result');

    // The data team's CSV: row numbers and rule ids.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Save the row numbers as CSV' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`List 1 EHCP check ${AS_OF}.csv`);
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.split('\r\n')[0]).toBe('Row,Rule,Column');
    expect(csv).toContain(`${generated.expected.get('109')![0]},109,`);
    expect(found(csv, identifiersOf(generated))).toEqual([]);

    // Point Gender at no column and check again: every row is then missing its gender.
    await page.locator('summary').filter({ hasText: 'Columns read' }).click();
    await page.getByLabel('Gender', { exact: true }).selectOption({ label: 'Not in this file' });
    await page.getByRole('button', { name: 'Check again with these columns' }).click();
    const row101b = rules.getByRole('row').filter({ has: page.getByRole('rowheader', { name: '101b', exact: true }) });
    await expect.poll(async () => row101b.getByRole('cell').nth(1).textContent()).toBe('2,000');

    await page.getByRole('button', { name: 'Save the profile for the pack' }).click();
    await page.getByText(/^Profile saved for the pack/).waitFor();
    await page.getByRole('heading', { name: 'Checks recorded' }).waitFor();

    // The item follows the check, and its page leads back to the check.
    await page.getByRole('button', { name: 'Annex A List 1' }).first().click();
    await page
      .getByRole('heading', { name: 'Annex A List 1: children and young people with an EHC plan', level: 1 })
      .waitFor();
    expect(await page.locator('main').innerText()).toContain('In progress');
    await page.getByText(/^Last checked .* List 1 EHCP\.csv, 2,000 rows, [\d,]+ problems\./).waitFor();
    expect(await axeViolations(page), 'axe on the list item page').toEqual([]);
    await page.screenshot({ path: join(SHOTS, 'list-check-item-1280-light.png') });
    await page.getByRole('button', { name: 'Check this list before it is sent' }).click();
    await page.getByRole('heading', { name: 'Annex A list check', level: 1 }).waitFor();
    expect(await axeViolations(page)).toEqual([]);

    // A header the app cannot place stops at the columns, before anything is checked or recorded.
    const list2 = generateList(600, 2, 30);
    const grid = listGrid(list2);
    const genderAt = list2.keys.indexOf('gender');
    grid[0]![genderAt] = 'Legal gender (as recorded)';
    await page.getByLabel('List 2: at SEN support').check();
    await page.getByLabel('List file').setInputFiles({
      name: 'SEN support extract.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(toCsv(grid)),
    });
    await page.getByRole('button', { name: 'Check the list' }).click();
    await page.getByRole('heading', { name: 'Columns of SEN support extract.csv' }).waitFor();
    expect(await page.locator('main').innerText()).toContain(
      '1 of the 17 fields was not found by their headers: Gender.',
    );
    await lookAt(page, 'preview');
    await page.getByLabel('Gender', { exact: true }).selectOption({ label: 'Legal gender (as recorded)' });
    await page.getByRole('button', { name: 'Check the list with these columns' }).click();
    await page.getByRole('heading', { name: 'Result: SEN support extract.csv' }).waitFor();
    const row101bList2 = rules
      .getByRole('row')
      .filter({ has: page.getByRole('rowheader', { name: '101b', exact: true }) });
    expect(await row101bList2.getByRole('cell').nth(2).textContent()).toBe(list2.expected.get('101b')!.join(', '));
    await page.close();
    await host.close();
  });
});
