import type { Page } from 'playwright-core';

/**
 * Moves the open item page's status through one review step as an officer does: the step's button, then the
 * confirmation (with a comment or reason where the step asks for one).
 */
export async function reviewStep(
  page: Page,
  step: string,
  confirm: string | RegExp,
  text?: { label: string; value: string },
  /** Called with the confirmation open and filled in, before it is confirmed (to look at it). */
  beforeConfirm?: () => Promise<void>,
): Promise<void> {
  await page
    .getByRole('group', { name: /^Status/ })
    .getByRole('button', { name: new RegExp(`^${step.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`) })
    .click();
  const dialog = page.locator('dialog[open]');
  await dialog.waitFor();
  if (text) await dialog.getByLabel(text.label).fill(text.value);
  await beforeConfirm?.();
  await dialog
    .getByRole('button', typeof confirm === 'string' ? { name: confirm, exact: true } : { name: confirm })
    .click();
  await dialog.waitFor({ state: 'detached' });
}

/** Opens an item's page from the checklist table. */
export async function openItemFromChecklist(page: Page, itemId: string, title: string): Promise<void> {
  const nav = page.getByRole('navigation', { name: 'Workspace' });
  await nav.getByRole('button', { name: 'Checklist' }).click();
  await page.getByRole('heading', { name: 'Checklist', level: 1 }).waitFor();
  await page.locator(`tr[data-item-id="${itemId}"]`).getByRole('button', { name: title, exact: true }).click();
  await page.getByRole('heading', { name: title, level: 1 }).waitFor();
}
