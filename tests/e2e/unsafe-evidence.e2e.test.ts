import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../main/api/dispatch';
import { launchChromium } from './helpers/chromium';
import { createWorkspaceInPage } from './helpers/onboard';
import { startAppHost } from './helpers/app-host';
import { openItemFromChecklist } from './helpers/review';
import { axeViolations } from './helpers/axe';

// Evidence someone else made, in the page: a program attached as evidence is only shown in its folder, with a
// warning; a file name's direction controls are shown, not obeyed; a lock left by an app that is gone is taken
// over with a note.

const SHOTS = join('.ci-out', 'screenshots');
let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(async () => {
  await browser?.close();
});

describe('evidence from elsewhere, in Chromium', () => {
  for (const [width, height, scheme] of [
    [1280, 720, 'light'],
    [1280, 720, 'dark'],
    [640, 360, 'light'],
    [640, 360, 'dark'],
  ] as const) {
    it(`warns instead of opening a program, shows direction controls, notes a lock taken over (${width}x${height} ${scheme})`, async () => {
      const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
      const host = await startAppHost(dataDir);
      const page = await browser.newPage({ viewport: { width, height }, colorScheme: scheme });
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      try {
        await createWorkspaceInPage(page, host.url);
        const folder = host.backend.workspace!.folder;
        // A lock left by an app on this computer whose process has ended: the next open takes it over.
        await dispatch(host.backend, 'workspace.close', {});
        const old = new Date(Date.now() - 3_600_000).toISOString();
        writeFileSync(
          join(folder, 'workspace.lock'),
          JSON.stringify({ user: 'Sam Crashed', host: hostname(), pid: 2 ** 22 + 23, since: old, heartbeat: old }),
        );
        const opened = await dispatch(host.backend, 'workspace.open', { path: folder });
        expect(opened.ok).toBe(true);
        const upload = await dispatch(host.backend, 'files.upload', {
          name: 'Invoice\u202Efdp.exe',
          bytes: new TextEncoder().encode('MZ not really a program'),
        });
        const handle = (upload as { value: { handle: string } }).value.handle;
        expect(
          (
            await dispatch(host.backend, 'attachments.add', {
              itemId: 'jsna-send',
              files: [{ handle }],
              metadata: { title: 'Invoice' },
            })
          ).ok,
        ).toBe(true);

        await page.reload();
        await page.getByRole('heading', { name: 'Taken over from Sam Crashed' }).waitFor();
        await openItemFromChecklist(page, 'jsna-send', 'JSNA (SEND/CYP chapter)');
        await page.locator('li.attachment').getByText('Invoice[RLO]fdp.exe', { exact: false }).waitFor();
        await page
          .getByRole('table', { name: 'Audit trail' })
          .getByText(/Invoice\[RLO\]fdp\.exe/)
          .first()
          .waitFor();
        await page.getByRole('button', { name: 'Open Invoice' }).click();
        await page
          .getByText(
            /^"Invoice\[RLO\]fdp\.exe" is a \.exe file, a type the computer would run as a program or script, so it was not opened: .* Its read-only copy is at \/.*Invoice\[RLO\]fdp\.exe$/,
          )
          .waitFor();
        expect(await axeViolations(page), 'axe on the item page').toEqual([]);
        await page.screenshot({ path: join(SHOTS, `20-unsafe-evidence-${width}-${scheme}.png`), fullPage: true });
        expect(errors).toEqual([]);
      } finally {
        await page.close();
        await host.close();
      }
    }, 120_000);
  }
});
