import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { createWorkspaceInPage } from './helpers/onboard';
import { reviewStep } from './helpers/review';
import { notificationDateConcern } from '../../shared/domain/notification-date';
import { createHolidayCalendar } from '../../shared/domain/bank-holidays';
import { blobPath } from '../../main/store/blob-store';

const SHOTS = join('.ci-out', 'screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('the notice window, in Chromium', () => {
  it('records a notification, attaches two files, approves, refuses an edit, reopens with a reason, and shows it all in the audit trail', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await createWorkspaceInPage(page, host.url, '841');

    // Notification on Friday 13 November 2026 at 16:45: working day 0; the pack is due five working days later.
    // Typed as officers write dates; a date this far from today is asked about before it is recorded.
    await page.getByLabel('Date of the call').fill('13/11/2026');
    await page.getByLabel('Time (optional)').fill('16:45');
    await page.getByLabel('Local area nominated officer').fill('Lee Nominated');
    await page.getByRole('button', { name: 'Record notification' }).click();
    if (notificationDateConcern('2026-11-13', new Date().toISOString().slice(0, 10), createHolidayCalendar())) {
      const question = page.locator('dialog[open]');
      await question.getByText(/working days (before|after) today/).waitFor();
      await question.getByRole('button', { name: 'Record this date' }).click();
    }
    await page.getByText('Evidence pack due Fri, 20 Nov 2026', { exact: false }).waitFor();
    await page
      .getByRole('row', { name: /Fieldwork begins/ })
      .getByText('Wed, 25 Nov 2026')
      .waitFor();
    expect(await axeViolations(page), 'axe on the dashboard').toEqual([]);
    await page.screenshot({ path: join(SHOTS, '05-dashboard.png'), fullPage: true });

    // Attach two files to the JSNA item through the file picker.
    await page.getByRole('button', { name: 'Checklist' }).click();
    await page.locator('tr[data-item-id="jsna-send"]').getByRole('button', { name: 'JSNA (SEND/CYP chapter)' }).click();
    await page.getByRole('heading', { name: 'JSNA (SEND/CYP chapter)', level: 1 }).waitFor();
    const jsnaText = 'Joint strategic needs assessment: SEND chapter, refreshed for the partnership board.';
    await page.getByLabel('Add evidence files').setInputFiles([
      { name: 'JSNA SEND chapter 2025.txt', mimeType: 'text/plain', buffer: Buffer.from(jsnaText) },
      { name: 'board-minutes.csv', mimeType: 'text/csv', buffer: Buffer.from('meeting,date\nSEND board,2025-10-01\n') },
    ]);
    // Each file is dated on attaching: the JSNA by its date, the minutes left undated ("date unknown").
    await page.getByLabel('Date on JSNA SEND chapter 2025.txt').fill('01/10/2025');
    await page.getByRole('button', { name: 'Attach 2 files' }).click();
    await page
      .getByText('Attached JSNA SEND chapter 2025.txt (dated 1 Oct 2025), board-minutes.csv (date unknown)')
      .waitFor();
    await page.locator('li.attachment').nth(1).waitFor();
    expect(await page.locator('li.attachment').count()).toBe(2);
    expect(await axeViolations(page), 'axe on the item page').toEqual([]);
    await page.screenshot({ path: join(SHOTS, '06-item.png'), fullPage: true });

    // The stored file is the uploaded file, byte for byte.
    const sha = (await page.locator('li.attachment').first().textContent())?.match(/SHA-256 ([0-9a-f]{12})/)?.[1];
    expect(sha).toBeTruthy();

    // Ready for review, then approved: the item locks.
    await reviewStep(page, 'Ready for review…', 'Mark ready for review');
    await reviewStep(page, 'Approve…', 'Approve anyway');
    await page.getByText(/Approved by Dana Lead/).waitFor();
    expect(await page.getByLabel('Owner of JSNA (SEND/CYP chapter)').isDisabled()).toBe(true);
    expect(await page.getByLabel('Add evidence files').count()).toBe(0);

    // An edit that slips past the locked form (an API call) is refused by main.
    const refused = await page.evaluate(async () => {
      const token = sessionStorage.getItem('sendpack-token') ?? '';
      const response = await fetch('/api/checklist.update', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-sendpack-token': token },
        body: JSON.stringify({ itemId: 'jsna-send', note: 'sneaky edit' }),
      });
      return response.json() as Promise<{ ok: boolean; error?: { message: string } }>;
    });
    expect(refused.ok).toBe(false);
    expect(refused.error?.message).toMatch(/approved and locked/);

    await reviewStep(page, 'Reopen…', 'Reopen item', {
      label: 'Why are you reopening it?',
      value: 'Board asked for the 2025 figures',
    });
    await page.getByText('In progress', { exact: true }).first().waitFor();

    // Every step is in the item's history and in the workspace's audit trail.
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'History' }) });
    await history.getByText('Board asked for the 2025 figures').waitFor();
    const historyText = await history.textContent();
    for (const expected of [
      'Attached a file',
      'JSNA SEND chapter 2025.txt',
      'board-minutes.csv',
      'Ready for review',
      'Approved',
      'In progress',
    ]) {
      expect(historyText).toContain(expected);
    }
    await page.getByRole('button', { name: 'Audit trail' }).click();
    await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
    const auditText = await page.locator('table').textContent();
    expect(auditText).toContain('Recorded the notification');
    expect(auditText).toContain('Board asked for the 2025 figures');
    expect(await axeViolations(page), 'axe on the audit trail').toEqual([]);
    await page.screenshot({ path: join(SHOTS, '07-audit.png') });

    // Search finds text inside the attached file.
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByLabel('Search items, notes and the text of evidence files').fill('partnership board');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /1 result|2 results/ }).waitFor();
    expect(await page.locator('.search-results').textContent()).toContain('JSNA SEND chapter 2025');

    const session = await host.backend.workspace!.session();
    const stored = readFileSync(
      blobPath(
        session.path,
        host.backend
          .workspace!.db.prepare('SELECT sha256 FROM attachments WHERE file_name = ?')
          .pluck()
          .get('JSNA SEND chapter 2025.txt') as string,
      ),
    );
    expect(stored.toString()).toBe(jsnaText);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
