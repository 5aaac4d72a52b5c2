import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { focusStop, tabTo, type FocusStop } from './helpers/keyboard';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('the core path by keyboard alone, in Chromium', () => {
  it('creates a workspace, approves an item and builds the pack without a mouse, with focus visible at every stop', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-keys-'));
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, locale: 'en-GB' });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const stops: FocusStop[] = [];
    const keys = page.keyboard;

    // First run: the name field has focus; Enter saves it.
    await page.goto(host.url);
    await page.getByLabel('Your name').waitFor();
    expect((await focusStop(page)).description).toMatch(/input "Your name/);
    await keys.type('Kim Keys');
    await keys.press('Enter');

    // Create a workspace: choose the authority by typing its name in the list, then the Create button.
    await page.getByRole('heading', { name: "Start your area's evidence pack" }).waitFor();
    await tabTo(page, /^select "Local authority/, stops);
    // Type-ahead passes through other authorities ("L" is Lambeth) on its way: the area name follows to the end.
    await keys.type('Leeds');
    expect(await page.getByLabel('Local authority').inputValue()).toBe('383');
    expect(await page.getByLabel('Area name').inputValue()).toBe('Leeds');
    await tabTo(page, /^button "Create workspace"/, stops);
    await keys.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    expect((await focusStop(page)).description).toBe('h1 "Dashboard"');

    // The checklist by its shortcut; find the self-evaluation with the filter, open it, and take it through review to
    // approval: each step a button, then its confirmation (focus starts on Cancel, so a stray Enter changes nothing).
    await keys.press('Control+Shift+L');
    await page.getByRole('heading', { name: 'Checklist', level: 1 }).waitFor();
    await tabTo(page, /^input "Search titles/, stops);
    await keys.type('self-evaluation');
    await tabTo(page, /^button "Partnership self-evaluation"/, stops);
    await keys.press('Enter');
    await page.getByRole('heading', { name: 'Partnership self-evaluation', level: 1 }).waitFor();
    await tabTo(page, /^button "Ready for review…/, stops);
    await keys.press('Enter');
    await page.locator('dialog[open]').waitFor();
    expect((await focusStop(page)).description).toBe('button "Cancel"');
    await keys.press('Enter');
    await page.locator('dialog[open]').waitFor({ state: 'detached' });
    expect(
      await page
        .getByRole('group', { name: /^Status/ })
        .getByText('Not started', { exact: true })
        .count(),
    ).toBe(1);
    // Cancelled: focus is back on the step's button.
    expect((await focusStop(page)).description).toMatch(/^button "Ready for review…/);
    await keys.press('Enter');
    await tabTo(page, /^button "Mark ready for review"/, stops, { back: true, max: 3 });
    await keys.press('Enter');
    await page
      .getByRole('group', { name: /^Status/ })
      .getByText('Ready for review', { exact: true })
      .waitFor();
    await tabTo(page, /^button "Approve…/, stops);
    await keys.press('Enter');
    await page.locator('dialog[open]').getByText('Before you approve').waitFor();
    await tabTo(page, /^button "Approve anyway"/, stops, { back: true, max: 3 });
    await keys.press('Enter');
    await page
      .getByText(/^Approved by Kim Keys on /)
      .first()
      .waitFor();
    const approved = host.backend
      .workspace!.db.prepare("SELECT COUNT(*) FROM items WHERE status = 'approved'")
      .pluck()
      .get();
    expect(approved).toBe(1);

    // Build the pack by its shortcut and the Build button.
    await keys.press('Control+Shift+B');
    await page.getByRole('heading', { name: 'Build the pack', level: 1 }).waitFor();
    await tabTo(page, /^button "Build the pack"/, stops);
    await keys.press('Enter');
    await page.getByText(/^Built version 1 /).waitFor({ timeout: 90_000 });
    const build = host.backend.workspace!.db.prepare('SELECT version, built_by FROM pack_builds').get();
    expect(build).toEqual({ version: 1, built_by: 'Kim Keys' });
    const packs = join(host.backend.workspace!.folder, 'packs');
    const docx = join(packs, 'Leeds evidence pack v1.docx');
    expect(existsSync(docx)).toBe(true);
    expect((await mammoth.extractRawText({ buffer: readFileSync(docx) })).value).toContain('Leeds');

    expect(stops.length).toBeGreaterThan(5);
    expect(
      stops.filter((s) => !s.visible).map((s) => s.description),
      'focus stops with no visible focus indicator',
    ).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
