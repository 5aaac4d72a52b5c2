import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HttpHost } from '../../main/browser-host/http-host';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { createWorkspaceInPage } from './helpers/onboard';
import { openItemFromChecklist, reviewStep } from './helpers/review';

const SHOTS = join('.ci-out', 'screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

async function expectAccessible(page: Page, screen: string) {
  expect(await axeViolations(page), `axe violations on ${screen}`).toEqual([]);
}

describe('first run to a saved checklist, in Chromium', () => {
  it('creates a workspace, edits an item and finds the edits after a reload and after a restart', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    let host: HttpHost = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });

    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Welcome to SEND Evidence Pack' }).waitFor();
    await expectAccessible(page, 'name');
    await page.screenshot({ path: join(SHOTS, '01-name.png') });
    await page.getByRole('button', { name: 'Continue' }).click();
    await page.getByText('Enter your name', { exact: true }).first().waitFor();
    await page.getByLabel('Your name').fill('Dana Lead');
    await page.getByRole('button', { name: 'Continue' }).click();

    await page.getByRole('heading', { name: "Start your area's evidence pack" }).waitFor();
    await page.getByLabel('Local authority').selectOption('841');
    expect(await page.getByLabel('Area name').inputValue()).toBe('Darlington');
    await expectAccessible(page, 'welcome');
    await page.screenshot({ path: join(SHOTS, '02-welcome.png') });
    await page.getByRole('button', { name: 'Create workspace' }).click();

    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await expectAccessible(page, 'dashboard');
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Checklist' }).click();
    await page.getByRole('heading', { name: 'Checklist', level: 1 }).waitFor();
    for (const heading of [
      'EC1',
      'EC2',
      'EC3',
      'EC4',
      'EC5',
      'Leadership and strategy',
      'Alternative provision',
      'Logistics and other',
    ]) {
      await expect(page.getByRole('heading', { level: 2, name: new RegExp(heading) }).count()).resolves.toBe(1);
    }
    expect(await page.locator('tr[data-item-id]').count()).toBe(78);
    await expectAccessible(page, 'checklist');
    await page.screenshot({ path: join(SHOTS, '03-checklist.png') });

    // Editing happens on the item's page: status through a confirmed step, owner and narrative saved as typed.
    await openItemFromChecklist(page, 'jsna-send', 'JSNA (SEND/CYP chapter)');
    await reviewStep(page, 'Mark in progress…', 'Mark in progress');
    await page.getByText('Saved status of JSNA (SEND/CYP chapter)').waitFor({ state: 'attached' });
    await page.getByLabel('Owner of JSNA (SEND/CYP chapter)').fill('Public health team');
    await page.getByLabel('Narrative (in the pack) of JSNA (SEND/CYP chapter)').click(); // leaving the owner field saves it
    await page.getByText('Saved owner of JSNA (SEND/CYP chapter)').waitFor({ state: 'attached' });
    await page
      .getByLabel('Narrative (in the pack) of JSNA (SEND/CYP chapter)')
      .fill('SEND chapter refreshed in 2025; board sign-off due.');
    await page.getByText('Saved narrative of JSNA (SEND/CYP chapter)').waitFor({ state: 'attached', timeout: 5000 });
    await page.getByRole('button', { name: 'Back to the checklist' }).click();

    // Filters: by owner and status, and search by title.
    const rows = page.locator('tr[data-item-id]');
    await page.getByLabel('Owner', { exact: true }).selectOption('Public health team');
    expect(await rows.count()).toBe(1);
    await page.getByLabel('Owner', { exact: true }).selectOption('');
    await page.getByLabel('Status', { exact: true }).selectOption('in-progress');
    expect(await rows.count()).toBe(1);
    await page.getByLabel('Status', { exact: true }).selectOption('all');
    await page.getByLabel('Search titles').fill('tribunal');
    expect(await rows.count()).toBe(1);
    await page.getByLabel('Search titles').fill('');
    expect(await rows.count()).toBe(78);

    const expectSaved = async () => {
      await openItemFromChecklist(page, 'jsna-send', 'JSNA (SEND/CYP chapter)');
      expect(
        await page
          .getByRole('group', { name: /^Status/ })
          .getByText('In progress', { exact: true })
          .count(),
      ).toBe(1);
      expect(await page.getByLabel('Owner of JSNA (SEND/CYP chapter)').inputValue()).toBe('Public health team');
      expect(await page.getByLabel('Narrative (in the pack) of JSNA (SEND/CYP chapter)').inputValue()).toBe(
        'SEND chapter refreshed in 2025; board sign-off due.',
      );
    };
    await page.reload();
    await expectSaved();

    // Restart: a new host process state (new token, no open workspace) over the same data folder.
    await host.close();
    host = await startAppHost(dataDir);
    await page.goto(host.url);
    await page.getByRole('heading', { name: 'Recent workspaces' }).waitFor();
    await page.getByRole('button', { name: 'Darlington' }).click();
    await expectSaved();

    expect(errors).toEqual([]);
    // The API refuses a call that lacks the token, even from the app's own page.
    const status = await page.evaluate(
      async () => (await fetch('/api/checklist.list', { method: 'POST', body: '{}' })).status,
    );
    expect(status).toBe(401);
    await page.close();
    await host.close();
  });

  it('approves through a confirmed step, locks the item until it is reopened with a reason, and ignores arrow keys', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await createWorkspaceInPage(page, host.url, '840');
    await page.getByRole('button', { name: 'Checklist' }).click();
    await openItemFromChecklist(page, 'send-strategy', 'SEND/AP strategy (strategic plan)');
    // Arrow keys on a focused status never change it: there is no status box, only steps that ask first.
    await page
      .getByRole('group', { name: /^Status/ })
      .getByRole('button')
      .first()
      .focus();
    for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowDown');
    expect(
      await page
        .getByRole('group', { name: /^Status/ })
        .getByText('Not started', { exact: true })
        .count(),
    ).toBe(1);
    await reviewStep(page, 'Ready for review…', 'Mark ready for review');
    await page
      .getByRole('group', { name: /^Status/ })
      .getByRole('button', { name: /^Approve…/ })
      .click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByText(/locks its narrative \(in the pack\), owner, due date and evidence files/).waitFor();
    await dialog.getByText(/no narrative and no evidence files/).waitFor();
    await expectAccessible(page, 'approve confirmation');
    await dialog.getByRole('button', { name: 'Approve anyway' }).click();
    await page.getByText(/Approved by Dana Lead/).waitFor();
    expect(await page.getByLabel(/^Owner of/).isDisabled()).toBe(true);
    await reviewStep(page, 'Reopen…', 'Reopen item', {
      label: 'Why are you reopening it?',
      value: 'Board asked for a revision',
    });
    await page
      .getByRole('group', { name: /^Status/ })
      .getByText('In progress', { exact: true })
      .waitFor();
    expect(await page.getByLabel(/^Owner of/).isDisabled()).toBe(false);
    await page.close();
    await host.close();
  });
});
