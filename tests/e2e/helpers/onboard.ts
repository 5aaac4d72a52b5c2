import type { Page } from 'playwright-core';

/** First run as an officer does it: give a name, create a workspace for an authority, land on the dashboard. */
export async function createWorkspaceInPage(
  page: Page,
  url: string,
  laCode = '841',
  userName = 'Dana Lead',
): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Your name').fill(userName);
  await page.keyboard.press('Enter');
  await page.getByLabel('Local authority').selectOption(laCode);
  await page.getByRole('button', { name: 'Create workspace' }).click();
  await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
}

/** First run straight into a fresh copy of the fictional sample area. */
export async function openSampleInPage(page: Page, url: string, userName = 'Dana Lead'): Promise<void> {
  await page.goto(url);
  await page.getByLabel('Your name').fill(userName);
  await page.keyboard.press('Enter');
  await page.getByRole('button', { name: 'Explore the sample area' }).click();
  await page.getByText('This is a fictional sample area').waitFor();
}
