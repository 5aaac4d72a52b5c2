import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { createWorkspaceInPage } from './helpers/onboard';
import { openItemFromChecklist } from './helpers/review';

const SHOTS = join('.ci-out', 'screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('personal data never leaves in a pack, in Chromium', () => {
  it('blocks the build on a planted NHS number until it is marked not personal data with a reason', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await createWorkspaceInPage(page, host.url, '841');
    const nav = page.getByRole('navigation', { name: 'Workspace' });

    // A reference that happens to pass the NHS check digit, pasted into a narrative.
    await openItemFromChecklist(page, 'governance-map', 'Governance and minutes');
    const note = page.getByLabel('Narrative (in the pack) of Governance and minutes');
    await note.fill('Board paper reference 943 476 5919 records the sign-off of the strategy.');
    await page.getByLabel('Owner of Governance and minutes').click();
    await page.getByText('Saved narrative of Governance and minutes').waitFor({ state: 'attached' });

    await nav.getByRole('button', { name: 'Build pack' }).click();
    await page.getByRole('button', { name: 'Build the pack' }).click();
    // The refusal is a list: each thing to resolve, with a link to where it is.
    const refusal = page.getByRole('alert').filter({ hasText: 'The pack was not built' });
    await refusal.waitFor();
    await refusal
      .getByRole('listitem')
      .filter({ hasText: 'NHS number ••19' })
      .getByRole('button', { name: 'Governance and minutes' })
      .waitFor();
    const refusalText = await refusal.textContent();
    expect(refusalText).not.toMatch(/943\s?476\s?5919/);
    expect(await axeViolations(page), 'axe on the build refusal').toEqual([]);
    await page.screenshot({ path: join(SHOTS, '11-build-refusal.png'), fullPage: true });

    await refusal.getByRole('button', { name: 'Open the privacy check' }).click();
    await page.getByRole('heading', { name: 'Privacy check', level: 1 }).waitFor();
    const finding = page.locator('li.finding').filter({ hasText: 'NHS number' });
    expect(await finding.textContent()).not.toMatch(/943\s?476\s?5919/);
    expect(await axeViolations(page), 'axe on the privacy check').toEqual([]);
    await page.screenshot({ path: join(SHOTS, '11-privacy.png'), fullPage: true });
    await finding.getByRole('button', { name: 'Not personal data…' }).click();
    await page
      .getByLabel('Why is this not personal data? (kept in the audit trail)')
      .fill('Board paper number, not an NHS number');
    await page.getByRole('button', { name: 'Mark as not personal data' }).click();
    await page.getByText('Nothing blocks the pack.').waitFor();

    await nav.getByRole('button', { name: 'Build pack' }).click();
    await page.getByRole('button', { name: 'Build the pack' }).click();
    await page.getByText(/^Built version 1/).waitFor({ timeout: 60_000 });

    await nav.getByRole('button', { name: 'Audit trail' }).click();
    const audit = page.locator('table');
    await audit.getByText('Board paper number, not an NHS number').waitFor();
    expect(await audit.textContent()).not.toMatch(/943\s?476\s?5919.*privacy/);
    await page.close();
    await host.close();
  });
});
