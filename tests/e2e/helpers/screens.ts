import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';

export const SHOTS = join('.ci-out', 'screenshots');

/**
 * Looks at a screen the way the issue asks: axe-core in light and in dark (contrast differs), and screenshots at
 * 1280×720 in both, and at 200% zoom (the page laid out in 640×360 CSS pixels, drawn at twice the density, which
 * is what a browser zoom of 200% does to a 1280×720 window).
 */
export async function lookAtScreen(page: Page, name: string): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page), `axe on ${name} (${colorScheme})`).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `journey-${name}-1280-${colorScheme}.png`) });
  }
  await page.emulateMedia({ colorScheme: 'light' });
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setDeviceMetricsOverride', { width: viewport.width / 2, height: viewport.height / 2, deviceScaleFactor: 2, mobile: false });
  try {
    expect(await axeViolations(page), `axe on ${name} at 200% zoom`).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `journey-${name}-200pct.png`) });
  } finally {
    await cdp.send('Emulation.clearDeviceMetricsOverride');
    await cdp.detach();
  }
}
