import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { openSampleInPage } from './helpers/onboard';
import { startAppHost } from './helpers/app-host';
import { lookAtBothSizes, SHOTS } from './helpers/screens';
import { docxParts, partText } from '../fixtures/pack/docx-parts';

/** Issue 18: the build screen's outline, item choice and council template picker, in Chromium. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('choosing what the pack holds, in Chromium', () => {
  it('shows a live outline, lets the officer choose items and a council template, and builds into it', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    const template = join(dataDir, 'Kestrelmouth council.docx');
    execFileSync('/usr/bin/python3', [
      join(import.meta.dirname, '../fixtures/pack/council_template.py'),
      'make',
      template,
    ]);
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openSampleInPage(page, host.url);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Build pack' }).click();
    await page.getByRole('heading', { name: 'Outline of the pack', level: 2 }).waitFor();
    const total = page.locator('.outline__total');
    await total.getByText(/^About \d+ pages, printing \d+ of \d+ checklist items\.$/).waitFor();
    const before = await total.innerText();
    await lookAtBothSizes(page, 'build-outline');

    // Leaving out the evidence index and an item: the outline follows.
    await page.getByLabel('Evidence index', { exact: true }).uncheck();
    await page.getByText(/^Choose the items printed/).click();
    const firstChosen = page.locator('.outline__items input[type=checkbox]:checked').first();
    const label = await page.locator(`label[for="${await firstChosen.getAttribute('id')}"]`).innerText();
    await firstChosen.uncheck();
    const printed = (s: string) => Number(/printing (\d+)/.exec(s)![1]);
    // The outline follows both changes (its answers may come back in either order): one item fewer is printed.
    await expect.poll(async () => printed(await total.innerText()), { timeout: 30_000 }).toBe(printed(before) - 1);
    await lookAtBothSizes(page, 'build-items');

    await page.locator('input[type=file]').first().setInputFiles(template);
    await page.getByText(/Built into Kestrelmouth council\.docx/).waitFor();
    await lookAtBothSizes(page, 'build-template');

    await page.getByRole('button', { name: 'Build the pack' }).click();
    await page.getByText(/^Built version 1/).waitFor({ timeout: 90_000 });
    const docx = readFileSync(
      join(host.backend.workspace!.folder, 'packs', 'Kestrelmouth (fictional sample) evidence pack v1.docx'),
    );
    const parts = docxParts(docx);
    expect(
      partText(parts['word/header1.xml'] ?? Object.entries(parts).find(([n]) => /word\/header\d*\.xml/.test(n))![1]),
    ).toContain('Kestrelmouth Borough Council');
    const body = partText(parts['word/document.xml']!);
    expect(body).not.toContain('Evidence index');
    expect(body).toContain(`${label.replace(/ \(nothing written or attached\)$/, '')}`);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  }, 240_000);
});
