import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import mammoth from 'mammoth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { lookAtScreen } from './helpers/screens';
import { openItemFromChecklist, reviewStep } from './helpers/review';
import { notificationDateConcern } from '../../shared/domain/notification-date';
import { createHolidayCalendar } from '../../shared/domain/bank-holidays';
import { docx as buildDocx, p } from '../fixtures/extract/build';
import { verifyBundle } from '../../main/pack/bundle/verify-bundle';

const TIMELINESS = new URL('../fixtures/dfe/timeliness_20_week_excerpt.csv', import.meta.url);
const PLANTED_NHS_NUMBER = '943 476 5919';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe("an officer's whole journey, in Chromium", () => {
  it('goes from first start to a built pack and bundle, with axe on every screen', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-journey-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    const go = async (label: string, heading: string) => {
      await nav.getByRole('button', { name: label }).click();
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    };

    // First start: a name, then the welcome screen's two paths.
    await page.goto(host.url);
    await page.getByLabel('Your name').waitFor();
    await lookAtScreen(page, '01-name');
    await page.getByLabel('Your name').fill('Dana Lead');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Explore the sample area' }).waitFor();
    await lookAtScreen(page, '02-welcome');
    await page.getByLabel('Local authority').selectOption('841');
    await page.getByRole('button', { name: 'Create workspace' }).click();
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByText('No notification has been recorded yet').waitFor();
    await lookAtScreen(page, '03-dashboard-new');

    // The call comes: record it; the header shows the days left from then on, on every screen.
    await page.getByLabel('Date of the call').fill('20/11/2026');
    await page.getByLabel('Time (optional)').fill('09:30');
    await page.getByLabel('Local area nominated officer').fill('Lee Nominated');
    await page.getByRole('button', { name: 'Record notification' }).click();
    if (notificationDateConcern('2026-11-20', new Date().toISOString().slice(0, 10), createHolidayCalendar())) {
      await page.locator('dialog[open]').getByRole('button', { name: 'Record this date' }).click();
    }
    await page.getByText('Evidence pack due Fri, 27 Nov 2026', { exact: false }).waitFor();
    const header = page.getByRole('banner');
    await header.getByText(/working days? left|due today|was due/).waitFor();
    await lookAtScreen(page, '04-dashboard');

    // Owners for two items, on their pages.
    await go('Checklist', 'Checklist');
    await lookAtScreen(page, '05-checklist');
    await openItemFromChecklist(page, 'self-evaluation', 'Partnership self-evaluation');
    await page.getByLabel('Owner of Partnership self-evaluation').fill('Head of SEND');
    await page.getByLabel('Owner of Partnership self-evaluation').press('Enter');
    await page.getByText('Saved owner of Partnership self-evaluation').waitFor({ state: 'attached' });
    await openItemFromChecklist(page, 'jsna-send', 'JSNA (SEND/CYP chapter)');
    await page.getByLabel('Owner of JSNA (SEND/CYP chapter)').fill('Public health team');
    await page.getByLabel('Owner of JSNA (SEND/CYP chapter)').press('Enter');
    await page.getByText('Saved owner of JSNA (SEND/CYP chapter)').waitFor({ state: 'attached' });
    expect(await header.textContent()).toMatch(/working days? left|due today|was due/);

    // The self-evaluation's page: a narrative (with, by mistake, a number that passes the NHS check) and two files.
    await openItemFromChecklist(page, 'self-evaluation', 'Partnership self-evaluation');
    const narrative = page.getByLabel(/^Narrative/);
    await narrative.fill(
      `## Strengths\n\nThe partnership knows itself well.\n\n- Timeliness of new plans is above England\n- **Co-production** is embedded in the strategy\n\nCase ${PLANTED_NHS_NUMBER} was reviewed by the board.`,
    );
    await page.getByText('Saved', { exact: true }).first().waitFor({ state: 'attached' });
    await page.getByLabel('Add evidence files').setInputFiles([
      {
        name: 'SEF 2026.docx',
        mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
        buffer: Buffer.from(
          buildDocx(p('Partnership self-evaluation 2026') + p('Our strengths and areas for development.')),
        ),
      },
      {
        name: 'SEF summary.txt',
        mimeType: 'text/plain',
        buffer: Buffer.from('Summary of the self-evaluation for the board.'),
      },
    ]);
    await page.getByRole('button', { name: 'Attach 2 files' }).click();
    await page.getByText(/^Attached SEF 2026\.docx \(date unknown\), SEF summary\.txt \(date unknown\)$/).waitFor();
    await lookAtScreen(page, '06-item');

    // Data: DfE's timeliness file, as published, previewed then imported.
    await go('Data', 'Data');
    await page.getByLabel('Dataset').selectOption('ehcp-timeliness');
    await page
      .getByLabel('File', { exact: true })
      .setInputFiles({ name: 'timeliness_20_week.csv', mimeType: 'text/csv', buffer: readFileSync(TIMELINESS) });
    await page.getByRole('button', { name: 'Preview the import' }).click();
    const preview = page.locator('section.preview');
    await preview.getByRole('heading', { name: 'Preview: timeliness_20_week.csv' }).waitFor();
    await lookAtScreen(page, '07-import-preview');
    await preview.getByRole('button', { name: /^Import \d+ rows$/ }).click();
    await page.getByText(/^Imported \d+ rows for /).waitFor();
    await page.locator('tr[data-metric-id="ehcp-20wk-all"]').first().waitFor();
    await lookAtScreen(page, '08-data-imported');

    // The item the figures are evidence for shows them too, with the way back to the data.
    await go('Checklist', 'Checklist');
    await page
      .locator('tr[data-item-id="ehcp-timeliness"]')
      .getByRole('button', { name: 'EHCP 20-week timeliness' })
      .click();
    const itemData = page.getByRole('region', { name: 'Data' });
    await itemData.locator('tr[data-metric-id="ehcp-20wk-all"]').first().waitFor();
    expect(await itemData.textContent()).toContain('93.8%');
    await lookAtScreen(page, '08-item-data');
    await itemData
      .getByRole('button', { name: 'Import or type in the figures for EHC plans issued within 20 weeks' })
      .click();
    await page.getByRole('heading', { name: 'Data', level: 1 }).waitFor();
    expect(await page.getByLabel('Dataset').inputValue()).toBe('ehcp-timeliness');

    // The privacy check finds the number; the officer fixes the narrative from the finding's link.
    await go('Privacy check', 'Privacy check');
    const finding = page.locator('li.finding').filter({ hasText: 'NHS number' });
    await finding.waitFor();
    expect(await finding.textContent()).not.toContain(PLANTED_NHS_NUMBER);
    await lookAtScreen(page, '09-privacy-finding');
    await finding.getByRole('button', { name: 'Partnership self-evaluation' }).click();
    await page.getByRole('heading', { name: 'Partnership self-evaluation', level: 1 }).waitFor();
    const fixed = (await narrative.inputValue()).replace(
      `Case ${PLANTED_NHS_NUMBER} was reviewed by the board.`,
      'The board reviewed the case studies.',
    );
    await narrative.fill(fixed);
    await page.getByText('Saved', { exact: true }).first().waitFor({ state: 'attached' });
    await go('Privacy check', 'Privacy check');
    await page.getByText('Nothing blocks the pack.').waitFor();
    await lookAtScreen(page, '10-privacy-clear');

    // Review and approve the self-evaluation; the item locks.
    await openItemFromChecklist(page, 'self-evaluation', 'Partnership self-evaluation');
    await reviewStep(page, 'Ready for review…', 'Mark ready for review');
    await reviewStep(page, 'Approve…', /^Approve (anyway|and lock)$/);
    await page
      .getByText(/^Approved by Dana Lead on /)
      .first()
      .waitFor();

    // Search and the audit trail show the work.
    await page.keyboard.press('Control+F');
    await page.getByRole('heading', { name: 'Search', level: 1 }).waitFor();
    await page.getByLabel('Search items, notes and the text of evidence files').fill('strengths');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /result/ }).waitFor();
    await lookAtScreen(page, '11-search');
    await go('Audit trail', 'Audit trail');
    const auditRows = page.locator('table tbody tr');
    expect(await auditRows.first().textContent()).toMatch(
      /Partnership self-evaluationStatusReady for review → Approved/,
    );
    await lookAtScreen(page, '12-audit');
    await go('Settings', 'Settings');
    await lookAtScreen(page, '13-settings');

    // Build the pack and the bundle.
    await page.keyboard.press('Control+Shift+B');
    await page.getByRole('heading', { name: 'Build the pack', level: 1 }).waitFor();
    await lookAtScreen(page, '14-build');
    await page.getByRole('button', { name: 'Build the pack' }).click();
    await page
      .getByText(/^Built version 1 \(marked DRAFT: not every item is approved\), with a bundle of 2 evidence files\.$/)
      .waitFor({ timeout: 90_000 });
    await lookAtScreen(page, '15-built');

    // The built files, opened as a recipient would.
    const row = host.backend.workspace!.db.prepare('SELECT version, built_by FROM pack_builds').get();
    expect(row).toEqual({ version: 1, built_by: 'Dana Lead' });
    const packs = join(host.backend.workspace!.folder, 'packs');
    const docx = readFileSync(join(packs, 'Darlington evidence pack v1.docx'));
    const html = (await mammoth.convertToHtml({ buffer: docx })).value;
    const text = (await mammoth.extractRawText({ buffer: docx })).value;
    expect(html).toMatch(/<h\d>Strengths<\/h\d>/);
    expect(html).toContain('<li>Timeliness of new plans is above England</li>');
    expect(html).toContain('<strong>Co-production</strong>');
    expect(text).toContain('The board reviewed the case studies.');
    expect(text).not.toContain(PLANTED_NHS_NUMBER);
    expect(text).toContain('Head of SEND');
    expect(text).toContain('SEF 2026');
    expect(text).toContain('93.8%');
    const bundlePath = join(packs, 'Darlington evidence bundle v1.zip');
    expect(await verifyBundle(bundlePath)).toMatchObject({ ok: true });
    const entries = Object.keys(unzipSync(readFileSync(bundlePath)));
    expect(entries.some((e) => e.endsWith('SEF 2026.docx'))).toBe(true);
    expect(entries.some((e) => e.endsWith('SEF summary.txt'))).toBe(true);
    expect(entries).toContain('pack.docx');
    expect(entries).toContain('manifest.json');

    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
