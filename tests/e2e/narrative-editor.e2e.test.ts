import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { createWorkspaceInPage } from './helpers/onboard';
import { reviewStep } from './helpers/review';

const SHOTS = join('.ci-out', 'screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

const ITEM = 'Partnership self-evaluation';

async function openItem(page: Page) {
  await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Checklist' }).click();
  await page.locator('tr[data-item-id="self-evaluation"]').getByRole('button', { name: ITEM }).click();
  await page.getByRole('heading', { name: ITEM, level: 1 }).waitFor();
}

describe('the narrative editor, in Chromium', () => {
  it('formats with the toolbar and shortcuts, cites a file, saves as you type, previews and keeps it after a reload', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.emulateMedia({ colorScheme: 'light' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await createWorkspaceInPage(page, host.url);
    await openItem(page);

    await page.getByLabel('Add evidence files').setInputFiles({
      name: 'board-minutes.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Minutes of the board.'),
    });
    await page.getByRole('button', { name: 'Attach file', exact: true }).click();
    await page.getByText('Attached board-minutes.txt').waitFor();

    const narrative = page.getByRole('textbox', { name: `Narrative (in the pack) of ${ITEM}` });
    const toolbar = page.getByRole('toolbar', { name: `Formatting for the narrative of ${ITEM}` });
    const status = page.locator('.narrative-editor .narrative-editor__status');
    expect(await page.getByLabel(/^Narrative/).count()).toBe(1);

    // A heading from the toolbar.
    await narrative.click();
    await page.keyboard.type('Strengths');
    await toolbar.getByRole('button', { name: 'Heading' }).click();
    expect(await narrative.evaluate((el) => el === document.activeElement)).toBe(true);
    // Bold from the shortcut: the placeholder is selected, so typing replaces it.
    await page.keyboard.type('\n\nWe know ourselves ');
    await page.keyboard.press('Control+B');
    await page.keyboard.type('well');
    await page.keyboard.press('End');
    await page.keyboard.type('. Read the Local Offer');
    // A link from the shortcut around selected words: the address is selected, so typing replaces it.
    for (let i = 0; i < 'Local Offer'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
    await page.keyboard.press('Control+K');
    await page.keyboard.type('https://example.org/local-offer');
    await page.keyboard.press('End');
    await page.keyboard.type('.\n\nTimeliness of plans');
    await toolbar.getByRole('button', { name: 'Numbered list' }).click();
    // Enter continues the list with the next number, as in Word; Enter on the empty item ends the list.
    await page.keyboard.type('\nAnnual reviews');
    await page.keyboard.press('Enter');
    expect(await narrative.inputValue()).toMatch(/2\. Annual reviews\n3\. $/);
    await page.keyboard.press('Enter');
    expect(await narrative.inputValue()).toMatch(/2\. Annual reviews\n$/);
    await page.keyboard.type('\nOutreach');
    await toolbar.getByRole('button', { name: 'Bulleted list' }).click();
    await page.keyboard.press('Enter');
    expect(await narrative.inputValue()).toMatch(/- Outreach\n- $/);
    await page.keyboard.press('Enter');
    await page.keyboard.type('\nSigned off by the board');

    // The toolbar is one tab stop: arrow keys move along it.
    await toolbar.getByRole('button', { name: 'Heading' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bold');
    expect(await toolbar.getByRole('button', { name: 'Bold' }).getAttribute('tabindex')).toBe('0');
    expect(await toolbar.getByRole('button', { name: 'Heading' }).getAttribute('tabindex')).toBe('-1');

    // Cite the attached file: the caret goes back to the end of the text, where it was.
    await narrative.evaluate((el: HTMLTextAreaElement) => el.setSelectionRange(el.value.length, el.value.length));
    await toolbar.getByRole('button', { name: 'Insert evidence reference' }).click();
    const picker = page.getByRole('group', { name: 'Insert an evidence reference' });
    expect(await picker.getByLabel('Evidence file').evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await axeViolations(page), 'axe with the evidence picker open').toEqual([]);
    await page.locator('.narrative-editor').screenshot({ path: join(SHOTS, 'narrative-editor-picker.png') });
    await picker.getByRole('button', { name: 'Insert reference' }).click();
    await page.keyboard.type('.');

    await status.getByText('Saved', { exact: true }).waitFor({ timeout: 5000 });
    const source = await narrative.inputValue();
    expect(source).toMatch(
      new RegExp(
        [
          '^## Strengths',
          '',
          'We know ourselves \\*\\*well\\*\\*\\. Read the \\[Local Offer\\]\\(https://example\\.org/local-offer\\)\\.',
          '',
          '1\\. Timeliness of plans',
          '2\\. Annual reviews',
          '',
          '- Outreach',
          '',
          'Signed off by the board \\[\\[evidence:\\d+\\]\\]\\.$',
        ].join('\\n'),
      ),
    );

    // The preview sets it out as the pack will.
    await toolbar.getByRole('button', { name: 'Preview' }).click();
    const preview = page.getByRole('region', { name: `Preview of the narrative of ${ITEM}` });
    await preview.getByRole('heading', { name: 'Strengths', level: 3 }).waitFor();
    expect(await preview.locator('strong', { hasText: 'well' }).count()).toBe(1);
    expect(await preview.getByRole('link', { name: 'Local Offer' }).getAttribute('href')).toBe(
      'https://example.org/local-offer',
    );
    expect(await preview.locator('ol > li').allTextContents()).toEqual(['Timeliness of plans', 'Annual reviews']);
    expect(await preview.locator('ul > li').allTextContents()).toEqual(['Outreach']);
    expect(await preview.locator('.narrative-ref').textContent()).toBe('Evidence (board-minutes)');
    expect(await axeViolations(page), 'axe on the item page with the preview').toEqual([]);
    await page.locator('.narrative-editor').scrollIntoViewIfNeeded();
    await page.screenshot({ path: join(SHOTS, 'narrative-editor.png'), fullPage: true });
    await page.locator('.narrative-editor').screenshot({ path: join(SHOTS, 'narrative-editor-close.png') });
    await page.emulateMedia({ colorScheme: 'dark' });
    await page.locator('.narrative-editor').screenshot({ path: join(SHOTS, 'narrative-editor-dark.png') });
    expect(await axeViolations(page), 'axe on the item page with the preview, dark').toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });

    // A refused address stays text in the preview too.
    await narrative.fill(`${source}\n\n[click](javascript:alert(1))`);
    await preview.getByText('[click](javascript:alert(1))').waitFor();
    expect(await preview.locator('a[href^="javascript"]').count()).toBe(0);
    await narrative.fill(source);
    await status.getByText('Saved', { exact: true }).waitFor({ timeout: 5000 });

    await page.reload();
    await openItem(page);
    expect(await narrative.inputValue()).toBe(source);

    // Approval locks it: the text can be read but not changed, and only the preview is offered.
    await reviewStep(page, 'Ready for review…', 'Mark ready for review');
    await reviewStep(page, 'Approve…', 'Approve anyway');
    await page.getByText(/^Approved by Dana Lead/).waitFor();
    expect(await narrative.getAttribute('readonly')).not.toBeNull();
    expect(await toolbar.getByRole('button').allTextContents()).toEqual(['Preview']);
    expect(await axeViolations(page), 'axe on the locked item page').toEqual([]);

    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
