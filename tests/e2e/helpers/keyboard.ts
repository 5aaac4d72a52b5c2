import type { Page } from 'playwright-core';

export interface FocusStop {
  description: string;
  visible: boolean;
}

/** What the focused element is called (as a person would hear it) and whether its focus is drawn on screen. */
export async function focusStop(page: Page): Promise<FocusStop> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el || el === document.body) return { description: '(nothing)', visible: false };
    const labelled = el
      .getAttribute('aria-labelledby')
      ?.split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ');
    const label =
      el.getAttribute('aria-label') ??
      labelled ??
      ((el as HTMLInputElement).labels?.[0]?.textContent ?? '') +
        (el.tagName === 'BUTTON' || el.tagName === 'A' || /^H\d$/.test(el.tagName) ? (el.textContent ?? '') : '');
    const style = getComputedStyle(el);
    const visible = (style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0) || style.boxShadow !== 'none';
    return { description: `${el.tagName.toLowerCase()} "${label.replace(/\s+/g, ' ').trim()}"`, visible };
  });
}

/**
 * Presses Tab (or Shift+Tab) until the focused element's description matches, as a keyboard user would, and
 * records every stop on the way so a test can check each one showed where focus was.
 */
export async function tabTo(
  page: Page,
  target: RegExp,
  stops: FocusStop[],
  options: { back?: boolean; max?: number } = {},
): Promise<void> {
  const seen: string[] = [];
  for (let i = 0; i < (options.max ?? 120); i++) {
    await page.keyboard.press(options.back ? 'Shift+Tab' : 'Tab');
    const stop = await focusStop(page);
    stops.push(stop);
    seen.push(stop.description);
    if (target.test(stop.description)) return;
  }
  throw new Error(`Tab never reached ${target}; it went through: ${seen.slice(-40).join(' → ')}`);
}
