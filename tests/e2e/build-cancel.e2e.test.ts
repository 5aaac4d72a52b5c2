import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { openSampleInPage } from './helpers/onboard';
import { startAppHostProcess } from './helpers/app-host';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

describe('stopping a pack build, in Chromium', () => {
  it('cancels a running build from the page with nothing written, then builds version 1', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-cancel-'));
    const host = await startAppHostProcess(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openSampleInPage(page, host.url);
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Build pack' }).click();
    await page.getByRole('heading', { name: 'Build the pack', level: 1 }).waitFor();

    await page.getByRole('button', { name: 'Build the pack' }).click();
    await page.getByRole('button', { name: 'Cancel the build' }).click();
    await page
      .getByText('The build was cancelled. Nothing was written: no pack, no bundle and no build record.')
      .waitFor({ timeout: 60_000 });
    const [folder] = readdirSync(join(dataDir, 'workspaces')).map((name) => join(dataDir, 'workspaces', name));
    const packs = join(folder!, 'packs');
    expect(existsSync(packs) ? readdirSync(packs) : []).toEqual([]);
    const db = new BetterSqlite3(join(folder!, 'workspace.db'), { readonly: true });
    expect(db.prepare('SELECT COUNT(*) FROM pack_builds').pluck().get()).toBe(0);
    db.close();

    await page.getByRole('button', { name: 'Build the pack' }).click();
    await page.getByText(/^Built version 1 /).waitFor({ timeout: 90_000 });
    expect(readdirSync(packs).sort()).toEqual([
      'Kestrelmouth (fictional sample) evidence bundle v1.zip',
      'Kestrelmouth (fictional sample) evidence pack v1.docx',
    ]);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
