import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { lookAtBothSizes, SHOTS } from './helpers/screens';
import { openItemFromChecklist } from './helpers/review';
import { lastLine, sendpackAsync, startServerProcess, type ServerProcess } from '../helpers/sync-processes';

let browser: Browser;
let server: ServerProcess | null = null;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await server?.stop();
  await browser?.close();
});

const JSNA = 'JSNA (SEND/CYP chapter)';

/** An officer's own installation: their name, the workspace in their recent list, and the partnership's server and their token. */
function installation(
  dir: string,
  name: string,
  workspace: string,
  area: string,
  sync: { server: string; token: string },
): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    join(dir, 'settings.json'),
    JSON.stringify({
      userName: name,
      recent: [{ path: workspace, areaName: area, lastOpened: new Date().toISOString() }],
    }),
  );
  writeFileSync(join(dir, 'sync.json'), JSON.stringify(sync), { mode: 0o600 });
}

async function openRecent(page: Page, url: string, area: string): Promise<void> {
  await page.goto(url);
  await page.getByRole('button', { name: area, exact: true }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

describe('two officers in two browser windows on one shared workspace', () => {
  it("each sees the other's edit and who is working on what", async () => {
    const root = mkdtempSync(join(tmpdir(), 'sendpack-sync-e2e-'));
    const data = join(root, 'server');
    const invite = async (name: string, role: string) =>
      lastLine(
        (await sendpackAsync(['sync-server', 'invite', '--data', data, '--name', name, '--role', role], root)).stdout,
      );
    const coraToken = await invite('Cora Hale', 'coordinator');
    const benToken = await invite('Ben Okafor', 'contributor');
    server = await startServerProcess(data);
    const coraDir = join(root, 'cora');
    const benDir = join(root, 'ben');
    const coraDb = join(coraDir, 'Northshire.sendpack');
    const benDb = join(benDir, 'Northshire (shared).sendpack');
    expect(
      (await sendpackAsync(['init', '--db', coraDb, '--area', 'Northshire', '--user', 'Cora Hale'], coraDir)).code,
    ).toBe(0);
    const published = await sendpackAsync(['sync', '--db', coraDb, '--server', server.url, '--json'], coraDir, {
      SENDPACK_SYNC_TOKEN: coraToken,
    });
    const workspace = (JSON.parse(published.stdout) as { workspace: string }).workspace;
    const joined = await sendpackAsync(
      ['join', '--server', server.url, '--workspace', workspace, '--db', benDb, '--user', 'Ben Okafor'],
      benDir,
      { SENDPACK_SYNC_TOKEN: benToken },
    );
    expect(joined.code, joined.stderr).toBe(0);
    installation(coraDir, 'Cora Hale', coraDb, 'Northshire', { server: server.url, token: coraToken });
    installation(benDir, 'Ben Okafor', benDb, 'Northshire', { server: server.url, token: benToken });

    const coraHost = await startAppHost(coraDir);
    const benHost = await startAppHost(benDir);
    try {
      const cora = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const ben = await browser.newPage({ viewport: { width: 1280, height: 720 } });
      const errors: string[] = [];
      for (const page of [cora, ben]) page.on('pageerror', (e) => errors.push(e.message));
      await openRecent(cora, coraHost.url, 'Northshire');
      await openRecent(ben, benHost.url, 'Northshire');
      for (const page of [cora, ben]) await page.getByText('Shared: up to date').waitFor({ timeout: 20_000 });

      // Ben opens the JSNA item and writes; Cora sees his words arrive, and sees him on that item.
      await openItemFromChecklist(ben, 'jsna-send', JSNA);
      await ben
        .getByLabel(`Narrative (in the pack) of ${JSNA}`)
        .fill('Health prevalence figures added by the ICB, May 2026.');
      await cora.getByText('Ben Okafor').waitFor({ timeout: 20_000 });
      await cora.locator('.sync-bar').getByRole('button', { name: JSNA }).waitFor({ timeout: 20_000 });
      await openItemFromChecklist(cora, 'jsna-send', JSNA);
      await cora.waitForFunction(
        (text) => (document.querySelector('textarea') as HTMLTextAreaElement | null)?.value.includes(text),
        'Health prevalence figures added by the ICB',
        { timeout: 20_000 },
      );
      // And the other way: Ben sees Cora on the item too.
      await ben.locator('.sync-bar').getByText('Cora Hale').waitFor({ timeout: 20_000 });

      mkdirSync(SHOTS, { recursive: true });
      // The two windows side by side, in one picture (what the issue asks to see).
      await cora.screenshot({ path: join(SHOTS, 'sync-two-windows-cora.png') });
      await ben.screenshot({ path: join(SHOTS, 'sync-two-windows-ben.png') });
      const pair = await browser.newPage({ viewport: { width: 1280, height: 700 } });
      // Each window from its top (who is working, on what) down past the narrative.
      const shot = async (page: Page) =>
        `data:image/png;base64,${(await page.screenshot({ fullPage: true, clip: { x: 0, y: 0, width: 1280, height: 1350 } })).toString('base64')}`;
      await pair.setContent(
        `<body style="margin:0;display:flex;gap:8px;background:#333"><figure style="margin:0;width:636px"><img style="width:636px" src="${await shot(cora)}"><figcaption style="color:#fff;font:14px sans-serif">Cora Hale (coordinator)</figcaption></figure><figure style="margin:0;width:636px"><img style="width:636px" src="${await shot(ben)}"><figcaption style="color:#fff;font:14px sans-serif">Ben Okafor (ICB, contributor)</figcaption></figure></body>`,
      );
      await pair.screenshot({ path: join(SHOTS, 'sync-two-windows.png'), fullPage: true });
      await lookAtBothSizes(cora, 'sync-presence-item');

      // Cora makes Ben the item's owner; in Ben's window, "My items" shows it.
      await cora.getByLabel(`Owner of ${JSNA}`).fill('Ben Okafor');
      await cora.keyboard.press('Tab');
      await ben.locator('.sync-bar').getByRole('button', { name: 'My items (1)' }).click({ timeout: 20_000 });
      await ben.getByRole('heading', { name: 'Checklist', level: 1 }).waitFor();
      await ben.locator('tr[data-item-id="jsna-send"]').waitFor();
      expect(await ben.locator('tr[data-item-id]').count()).toBe(1);
      await lookAtBothSizes(ben, 'sync-my-items');
      expect(errors).toEqual([]);
    } finally {
      await coraHost.close();
      await benHost.close();
    }
  }, 180_000);
});
