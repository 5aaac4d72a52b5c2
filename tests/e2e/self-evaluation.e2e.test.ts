import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { openSampleInPage } from './helpers/onboard';
import { startAppHost } from './helpers/app-host';
import { lookAtBothSizes, SHOTS } from './helpers/screens';
import { docxParts, partText, styledTexts } from '../fixtures/pack/docx-parts';

/** Issue 18, item 1: the self-evaluation screen, in Chromium, and the self-evaluation built alone from it. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('the self-evaluation screen, in Chromium', () => {
  it('edits the grid, records a dated rating and a case study, and builds the self-evaluation alone', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openSampleInPage(page, host.url);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Self-evaluation' }).click();
    await page.getByRole('heading', { name: 'Self-evaluation', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'EC1: Identification and assessment', level: 2 }).waitFor();
    await lookAtBothSizes(page, 'self-evaluation');

    await page.getByLabel('Evaluation area', { exact: true }).selectOption('EC5');
    await page.getByRole('heading', { name: 'EC5: Valued, visible and included', level: 2 }).waitFor();
    expect(await page.getByLabel('What good looks like').inputValue()).toBe(
      'Children and young people with SEND are valued, visible and included in their communities',
    );
    await page.getByLabel('Where we are: strengths').fill('Inclusive swimming at three leisure centres.');
    await page.getByLabel('What we will do next').fill('Extend to youth clubs (action E1).');
    await page.getByLabel('What we will do next').blur();
    await page.getByLabel('New rating').selectOption('Developing');
    await page.getByLabel('Date of the rating').fill('20/11/2026');
    await page.getByRole('button', { name: 'Record the rating' }).click();
    await page.getByText('Recorded Developing on').waitFor();
    await page.getByRole('cell', { name: 'Developing' }).waitFor();

    // The local context starts from the imported figures, as editable text.
    await page.getByLabel('What inspectors should know about the area').fill('');
    await page.getByRole('button', { name: 'Add the imported figures to the text' }).click();
    await expect
      .poll(async () => page.getByLabel('What inspectors should know about the area').inputValue())
      .toMatch(/^[\d,]+ children and young people aged 0 to 25 had an EHC plan/);
    await page.getByLabel('Title', { exact: true }).fill('Belonging at the youth club');
    await page
      .getByLabel('The story')
      .fill('A young person who uses a wheelchair now helps run the Friday youth club.');
    await page.getByLabel('Consent to use it is recorded').check();
    await page.getByRole('button', { name: 'Save the case study' }).click();
    await page.getByText('Saved "Belonging at the youth club".').waitFor();
    await lookAtBothSizes(page, 'self-evaluation-filled');

    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Build pack' }).click();
    await page.getByLabel(/^Self-evaluation alone/).check();
    await page.getByRole('button', { name: 'Build the pack' }).click();
    await page.getByText(/^Built version 1/).waitFor({ timeout: 90_000 });
    const docx = readFileSync(
      join(host.backend.workspace!.folder, 'packs', 'Kestrelmouth (fictional sample) evidence pack v1.docx'),
    );
    const xml = docxParts(docx)['word/document.xml']!;
    expect(styledTexts(xml, 'Title')).toEqual(['Area SEND inspection: self-evaluation']);
    expect(styledTexts(xml, 'Heading2')).toContain('EC5: Valued, visible and included');
    const text = partText(xml);
    expect(text).toContain('Inclusive swimming at three leisure centres.');
    expect(text).toContain('Belonging at the youth club');
    expect(text).not.toContain('Gaps and actions');
    expect(text).toMatch(/of pupils had an EHC plan \(2025\/26; England 5\.9%\)/);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  }, 240_000);
});
