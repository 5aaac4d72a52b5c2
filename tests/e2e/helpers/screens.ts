import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { axeViolations } from './axe';

export const SHOTS = join('.ci-out', 'screenshots');

/**
 * Looks at a screen the way the issue asks: axe-core in light and in dark (contrast differs) and at 200% zoom,
 * with screenshots of each at 1280×720 (the 200% one at half resolution: what a zoomed window shows, pixel for
 * CSS pixel).
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
  // 200% zoom halves the CSS viewport: the page is laid out in 640×360 CSS pixels, as a zoomed 1280×720 window is.
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  await page.setViewportSize({ width: viewport.width / 2, height: viewport.height / 2 });
  try {
    expect(await axeViolations(page), `axe on ${name} at 200% zoom`).toEqual([]);
    await page.screenshot({ path: join(SHOTS, `journey-${name}-200pct.png`) });
  } finally {
    await page.setViewportSize(viewport);
  }
}

/**
 * axe and a screenshot (the full page unless `fullPage: false`) in light and dark, at 1280×720 and at 640×360 (a small
 * window, not a zoom), once the fonts are in; the page is left at the size it had, light.
 */
export async function lookAtBothSizes(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  mkdirSync(SHOTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  const viewport = page.viewportSize() ?? { width: 1280, height: 720 };
  try {
    for (const size of [
      { width: 1280, height: 720 },
      { width: 640, height: 360 },
    ]) {
      await page.setViewportSize(size);
      for (const colorScheme of ['light', 'dark'] as const) {
        await page.emulateMedia({ colorScheme });
        expect(await axeViolations(page), `axe on ${name} (${colorScheme}, ${size.width}×${size.height})`).toEqual([]);
        await page.screenshot({
          path: join(SHOTS, `${name}-${size.width}-${colorScheme}.png`),
          fullPage: options.fullPage ?? true,
        });
      }
    }
  } finally {
    await page.setViewportSize(viewport);
    await page.emulateMedia({ colorScheme: 'light' });
  }
}
