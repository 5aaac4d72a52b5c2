import { existsSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { openSampleInPage } from './helpers/onboard';
import { startAppHost } from './helpers/app-host';
import { axeViolations } from './helpers/axe';
import { verifyBundle } from '../../main/pack/bundle/verify-bundle';

const SHOTS = join('.ci-out', 'screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('building the pack, in Chromium', () => {
  it("builds the sample area's pack and bundle with progress, and lists the build", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await openSampleInPage(page, host.url);
    const folder = host.backend.workspace!.folder;
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Build pack' }).click();
    await page.getByRole('heading', { name: 'Build the pack', level: 1 }).waitFor();
    expect(await axeViolations(page), 'axe on the build screen').toEqual([]);
    await page.getByRole('button', { name: 'Build the pack' }).click();
    await page
      .getByText(
        /^Built version 1 \(marked DRAFT: not every item is approved\), with a bundle of \d+ evidence files\.$/,
      )
      .waitFor({ timeout: 60_000 });
    await page.getByRole('row', { name: /^1 / }).waitFor();
    await page.screenshot({ path: join(SHOTS, '10-build.png'), fullPage: true });

    const build = host.backend.workspace!.db.prepare('SELECT version, built_by FROM pack_builds').get();
    expect(build).toEqual({ version: 1, built_by: 'Dana Lead' });
    const packs = join(folder, 'packs');
    const docx = join(packs, 'Kestrelmouth (fictional sample) evidence pack v1.docx');
    const bundle = join(packs, 'Kestrelmouth (fictional sample) evidence bundle v1.zip');
    expect(existsSync(docx) && existsSync(bundle)).toBe(true);
    const text = (await mammoth.extractRawText({ buffer: readFileSync(docx) })).value;
    expect(text).toContain(
      "Children and young people's needs are identified accurately and assessed in a timely and effective way",
    );
    expect((await verifyBundle(bundle)).ok).toBe(true);

    // Saving a copy downloads the file as the host streams it from disk (never base64 in JSON), byte for byte.
    for (const [button, file] of [
      [/^Save the bundle/, bundle],
      [/^Save a copy/, docx],
    ] as const) {
      const downloading = page.waitForEvent('download');
      await page.getByRole('button', { name: button }).click();
      const download = await downloading;
      expect(download.suggestedFilename()).toBe(file.split(/[\\/]/).pop());
      expect(readFileSync(await download.path()).equals(readFileSync(file))).toBe(true);
    }
    await page.getByText(/^Downloading the pack, version 1/).waitFor();
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
