import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { unzipSync, strFromU8 } from 'fflate';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { lookAtBothSizes, SHOTS } from './helpers/screens';
import { tabTo, type FocusStop } from './helpers/keyboard';
import { openItemFromChecklist, reviewStep } from './helpers/review';
import { createWorkspaceInPage } from './helpers/onboard';
import { addWorkingDays } from '../../shared/domain/working-days';
import { createHolidayCalendar } from '../../shared/domain/bank-holidays';
import { formatDisplayDate } from '../../shared/domain/dates';
import { docx, p } from '../fixtures/extract/build';

/** Leeds's checklist: every item of the shipped catalogue. */
const CATALOGUE_ITEMS = (
  JSON.parse(readFileSync(new URL('../../resources/catalogue/catalogue.json', import.meta.url), 'utf8')) as {
    items: unknown[];
  }
).items.length;

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

/**
 * Looks at one screen or state as the issue asks: axe (WCAG 2.2 AA) and a screenshot at 1280×720 and at 640×360,
 * each in light and in dark; the page is left as it was (1280×720, light).
 */
const look = (page: Page, name: string) => lookAtBothSizes(page, `16-${name}`, { fullPage: false });

const JSNA = 'JSNA (SEND/CYP chapter)';

/** The private note the item page shows, read once the officer's own note has arrived (the box is editable). */
async function privateNoteShown(page: Page): Promise<string> {
  const field = page.getByLabel(`Private note on ${JSNA} (only you see it)`);
  await expect.poll(() => field.isEditable()).toBe(true);
  return field.inputValue();
}
const PRIVATE = 'Chase Sam for the EP figures, off until Wednesday';

/**
 * Issue 16's walk through the screens officers live in, by keyboard and pointer: Leeds from the keyboard, owners in
 * bulk, a narrative with a continued list, a private note, dated evidence, a send-back with a comment, approval by a
 * second officer with confirmation, the tracker exported and opened in LibreOffice, the print layout; then the built
 * pack holds the narrative and never the private note.
 */
describe('the officer screens, in Chromium', () => {
  it('walks review, private notes, bulk owners, dated evidence, the tracker and the print layout end to end', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 }, acceptDownloads: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    const stops: FocusStop[] = [];

    // Leeds from the keyboard: type-ahead passes Lambeth on the way; the area name follows to Leeds.
    await page.goto(host.url);
    await page.getByLabel('Your name').fill('Ann Author');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: "Start your area's evidence pack" }).waitFor();
    await tabTo(page, /^select "Local authority/, stops);
    await page.keyboard.type('Leeds');
    expect(await page.getByLabel('Area name').inputValue()).toBe('Leeds');
    await look(page, 'welcome-leeds');
    await tabTo(page, /^button "Create workspace"/, stops);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
    await page.getByRole('heading', { name: 'What next' }).waitFor();
    await look(page, 'dashboard-what-next');

    // Owners in bulk: every EC1 item gets one owner, confirmed first.
    await nav.getByRole('button', { name: 'Checklist' }).click();
    await page.getByRole('heading', { name: 'Checklist', level: 1 }).waitFor();
    await page.getByRole('checkbox', { name: /^Select every item in EC1/ }).check();
    await page.getByRole('checkbox', { name: `Select ${JSNA}` }).check();
    const picked = await page.locator('tr.is-selected').count();
    expect(picked).toBeGreaterThan(5);
    await page.getByLabel('Owner', { exact: true }).first().waitFor();
    await page.locator('#bulk-owner').fill('SEND service manager');
    await page.getByRole('button', { name: 'Set owner' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('heading', { name: `Give ${picked} items the owner SEND service manager?` }).waitFor();
    await look(page, 'bulk-confirm');
    await dialog.getByRole('button', { name: 'Set owner' }).click();
    await page.getByText(`Changed ${picked} items.`).waitFor();
    expect(await page.locator('tr[data-item-id] td.col-owner', { hasText: 'SEND service manager' }).count()).toBe(
      picked,
    );
    await look(page, 'checklist');

    // The JSNA item: a narrative whose list Enter continues, a private note, and evidence dated as it is attached.
    await openItemFromChecklist(page, 'jsna-send', JSNA);
    const narrative = page.getByLabel(`Narrative (in the pack) of ${JSNA}`);
    await narrative.click();
    await page.keyboard.type('- Needs analysis refreshed in 2025');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Board signed it off');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Enter');
    await page.keyboard.type('Next review in 2027.');
    expect(await narrative.inputValue()).toBe(
      '- Needs analysis refreshed in 2025\n- Board signed it off\n\nNext review in 2027.',
    );
    await page.getByLabel(`Private note on ${JSNA} (only you see it)`).fill(PRIVATE);
    await page.getByLabel(`Owner of ${JSNA}`).click();
    await page.locator('.private-note').getByText('Saved', { exact: true }).waitFor();
    await page.getByText(`Saved narrative of ${JSNA}`).waitFor({ state: 'attached' });
    await page.getByLabel('Add evidence files').setInputFiles({
      name: 'JSNA SEND chapter.docx',
      mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      buffer: Buffer.from(
        docx(p('Joint strategic needs assessment: SEND chapter.'), { modified: '2025-09-30T14:02:00Z' }),
      ),
    });
    const dateField = page.getByLabel('Date on JSNA SEND chapter.docx');
    await dateField.waitFor();
    expect(await dateField.inputValue()).toBe('30/09/2025');
    await look(page, 'date-evidence');
    await dateField.fill('01/10/2025');
    await page.getByRole('button', { name: 'Attach file', exact: true }).click();
    await page.getByText('Attached JSNA SEND chapter.docx (dated 1 Oct 2025)').waitFor();
    await reviewStep(page, 'Ready for review…', 'Mark ready for review', undefined, () => look(page, 'ready-confirm'));
    await look(page, 'item-ready');

    // The workspace asks for a second officer: Ann, who wrote it, cannot approve.
    await nav.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('The approver must be someone other than the last editor').check();
    await page.getByText('Saved: approval now needs a second officer.').waitFor();
    await look(page, 'settings');
    await openItemFromChecklist(page, 'jsna-send', JSNA);
    await page
      .getByRole('group', { name: /^Status/ })
      .getByRole('button', { name: /^Approve…/ })
      .click();
    await dialog.getByText(/needs another officer to approve it/).waitFor();
    expect(await dialog.getByRole('button', { name: /^Approve/ }).count()).toBe(0);
    await look(page, 'approve-refused');
    await dialog.getByRole('button', { name: 'Cancel' }).click();

    // Ben reviews (the name is changed in Settings, as on a shared machine): he sends it back with a comment.
    const becomes = async (name: string) => {
      await nav.getByRole('button', { name: 'Settings' }).click();
      await page.getByLabel('Your name').fill(name);
      await page.getByRole('button', { name: 'Save name' }).click();
      await page.getByText(`From now on your changes are recorded as ${name}.`).waitFor();
    };
    await becomes('Ben Reviewer');
    await openItemFromChecklist(page, 'jsna-send', JSNA);
    // Ben does not see Ann's private note: his own (none) once it has arrived.
    expect(await privateNoteShown(page)).toBe('');
    await reviewStep(
      page,
      'Send back…',
      'Send back',
      { label: 'What needs doing', value: 'Add the date of the board meeting, please.' },
      () => look(page, 'send-back-confirm'),
    );
    const comment = page.locator('.review__comment');
    await comment.getByText('Add the date of the board meeting, please.').waitFor();
    expect(await comment.textContent()).toContain('Sent back by Ben Reviewer');
    const history = page.locator('section', { has: page.getByRole('heading', { name: 'History' }) });
    await history.getByText('Add the date of the board meeting, please.').waitFor();
    await look(page, 'item-sent-back');

    // Ann adds the date and marks it ready again; Ben approves, with the confirmation saying what it locks.
    await becomes('Ann Author');
    await openItemFromChecklist(page, 'jsna-send', JSNA);
    expect(await privateNoteShown(page)).toBe(PRIVATE);
    await narrative.fill(
      '- Needs analysis refreshed in 2025\n- Board signed it off on 14 October 2025\n\nNext review in 2027.',
    );
    await page.getByLabel(`Owner of ${JSNA}`).click();
    await page.getByText(`Saved narrative of ${JSNA}`).waitFor({ state: 'attached' });
    await reviewStep(page, 'Ready for review…', 'Mark ready for review');
    await becomes('Ben Reviewer');
    await openItemFromChecklist(page, 'jsna-send', JSNA);
    await page
      .getByRole('group', { name: /^Status/ })
      .getByRole('button', { name: /^Approve…/ })
      .click();
    await dialog.getByText(/locks its narrative \(in the pack\), owner, due date and evidence files/).waitFor();
    await look(page, 'approve-confirm');
    await dialog.getByRole('button', { name: /^Approve (and lock|anyway)$/ }).click();
    await page.getByText(/^Approved by Ben Reviewer on /).waitFor();
    expect(await page.locator('.review__comment').count()).toBe(0);

    // The audit trail: paged, filtered by person, in words; the private note's text is never in it.
    await nav.getByRole('button', { name: 'Audit trail' }).click();
    await page.getByLabel('Person').selectOption('Ben Reviewer');
    await page.getByText(/^Showing 1–\d+ of \d+ entries$/).waitFor();
    // The table keeps the unfiltered rows on screen until the filtered answer arrives: wait for that answer.
    await expect.poll(async () => page.locator('table').textContent(), { timeout: 15_000 }).not.toContain('Ann Author');
    const auditText = await page.locator('table').textContent();
    expect(auditText).toContain('Sent back');
    await page.getByLabel('Person').selectOption('');
    await page.getByLabel('Change').selectOption('private-note');
    await page.locator('table').getByText('Added (its text is not recorded)').waitFor();
    await page.getByText('Showing the one entry that matches').waitFor();
    expect(await page.locator('table').textContent()).not.toContain('Chase Sam');
    // Attachment events in words, never ids and hashes.
    await page.getByLabel('Change').selectOption('attach');
    const attached = page.locator('table').getByText('(JSNA SEND chapter.docx)');
    await attached.waitFor();
    expect(await page.locator('table').textContent()).not.toMatch(/attachmentId|sha256|[0-9a-f]{64}/);
    // Ann's narrative, typed over one session and changed after the send-back: the change shows the line taken out
    // and the line put in, not two copies.
    await page.getByLabel('Change').selectOption('note');
    const table = page.locator('table');
    await table.locator('del', { hasText: /^- Board signed it off$/ }).waitFor();
    await table.locator('ins', { hasText: /^- Board signed it off on 14 October 2025$/ }).waitFor();
    await look(page, 'audit');
    // Nowhere in the trail is the private note's text.
    await page.getByLabel('Change').selectOption('');
    await page.getByText(/^Showing 1–\d+ of \d+ entries$/).waitFor();
    expect(await page.locator('table').textContent()).not.toContain('Chase Sam');

    // The tracker, exported from the checklist: an .xlsx LibreOffice opens with one row per item.
    await nav.getByRole('button', { name: 'Checklist' }).click();
    const download = page.waitForEvent('download');
    await page.getByRole('button', { name: 'Export tracker (Excel)' }).click();
    const file = await download;
    const out = mkdtempSync(join(tmpdir(), 'sendpack-tracker-'));
    const xlsx = join(out, 'tracker.xlsx');
    await file.saveAs(xlsx);
    expect(file.suggestedFilename()).toMatch(/^Leeds tracker \d{4}-\d{2}-\d{2}\.xlsx$/);
    execFileSync(
      'soffice',
      [
        '--headless',
        `-env:UserInstallation=file://${join(out, 'lo-profile')}`,
        '--convert-to',
        'csv',
        '--outdir',
        out,
        xlsx,
      ],
      { stdio: 'ignore', timeout: 120_000 },
    );
    const csv = readFileSync(join(out, 'tracker.csv'), 'utf8').trim().split(/\r?\n/);
    expect(csv[0]).toMatch(/^Item,Id,Evaluation area,Status,Owner,Due/);
    expect(csv).toHaveLength(1 + CATALOGUE_ITEMS);
    expect(csv.find((l) => l.includes('jsna-send'))).toMatch(/Approved,SEND service manager/);
    expect(readFileSync(join(out, 'tracker.csv'), 'utf8')).not.toContain('Chase Sam');
    expect(strFromU8(unzipSync(readFileSync(xlsx))['xl/worksheets/sheet1.xml']!)).not.toContain('Chase Sam');

    // Print preview: one table per area, every item, no controls.
    await page.emulateMedia({ media: 'print' });
    await page.screenshot({ path: join(SHOTS, 'journey-16-print.png'), fullPage: true });
    expect(await page.locator('tr[data-item-id]:visible').count()).toBe(CATALOGUE_ITEMS);
    expect(await page.getByRole('navigation', { name: 'Workspace' }).isVisible()).toBe(false);
    expect(await page.locator('.bulk').isVisible()).toBe(false);
    expect(await page.locator('table.table--checklist:visible').count()).toBe(8);
    await page.pdf({ path: join(out, 'checklist.pdf'), format: 'A4' });
    const printed = execFileSync('pdftotext', [join(out, 'checklist.pdf'), '-'], { encoding: 'utf8' });
    expect(printed).toContain(JSNA);
    expect(printed).toMatch(/Checklist of Leeds, printed \d{1,2} [A-Z][a-z]{2} \d{4}/);
    expect(printed).not.toContain('Export tracker');
    await page.emulateMedia({ media: 'screen' });

    // The built pack holds the narrative and never the private note.
    await nav.getByRole('button', { name: 'Build pack' }).click();
    await page.getByRole('button', { name: 'Build the pack' }).click();
    await page.getByText(/^Built version 1/).waitFor({ timeout: 90_000 });
    const packs = join(host.backend.workspace!.folder, 'packs');
    const docxFile = readdirSync(packs).find((f) => f.endsWith('.docx'))!;
    const text = (await mammoth.extractRawText({ buffer: readFileSync(join(packs, docxFile)) })).value;
    expect(text).toContain('Needs analysis refreshed in 2025');
    expect(text).toContain('Board signed it off on 14 October 2025');
    expect(text).not.toContain('Chase Sam');
    const bundle = readdirSync(packs).find((f) => f.endsWith('.zip'));
    if (bundle) {
      const entries = unzipSync(readFileSync(join(packs, bundle)));
      for (const [name, bytes] of Object.entries(entries)) {
        if (/\.(json|txt|csv|md|html|xml)$/.test(name)) expect(strFromU8(bytes), name).not.toContain('Chase Sam');
      }
    }

    expect(stops.filter((s) => !s.visible).map((s) => s.description)).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});

describe("the sample area's checklist, in Chromium", () => {
  it('fits within three screen heights at 1280×720, and shows every item when asked', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    await page.goto(host.url);
    await page.getByLabel('Your name').fill('Dana Lead');
    await page.keyboard.press('Enter');
    await page.getByRole('button', { name: 'Explore the sample area' }).click();
    await page.getByText('This is a fictional sample area').waitFor();
    await page.getByRole('navigation', { name: 'Workspace' }).getByRole('button', { name: 'Checklist' }).click();
    await page.getByRole('heading', { name: 'Checklist', level: 1 }).waitFor();
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    expect(height, `the checklist is ${height} px tall`).toBeLessThanOrEqual(3 * 720);
    await look(page, 'sample-checklist');
    const total = await page.locator('tr[data-item-id]').count();
    expect(await page.locator('tr[data-item-id]:visible').count()).toBeLessThan(total);
    await page.getByRole('button', { name: 'Show every item' }).click();
    expect(await page.locator('tr[data-item-id]:visible').count()).toBe(total);
    // Filtered to what still needs a narrative, soonest due first.
    await page.getByLabel('Show', { exact: true }).selectOption('no-narrative');
    await page.getByLabel('Sort by').selectOption('due');
    const shown = await page.locator('tr[data-item-id]:visible').count();
    expect(shown).toBeGreaterThan(0);
    expect(shown).toBeLessThan(total);
    await look(page, 'checklist-filtered');
    // Back on the welcome screen, the workspace just used comes first, above creating a new one.
    await page.getByRole('button', { name: 'Close workspace' }).click();
    await page.getByRole('heading', { name: 'Recent workspaces' }).waitFor();
    expect((await page.locator('main h2').allTextContents()).slice(0, 2)).toEqual([
      'Recent workspaces',
      'Create a workspace',
    ]);
    await page
      .getByRole('button', { name: /Kestrelmouth/ })
      .first()
      .waitFor();
    await look(page, 'welcome-recent');
    await page.close();
    await host.close();
  });
});

/** The pack deadline as the dashboard's milestone row shows it ("Mon, 15 Jun 2026"), as an ISO date. */
async function packDueIso(page: Page): Promise<string> {
  const shown = (await page
    .getByRole('row', { name: /Evidence pack due/ })
    .getByRole('cell')
    .nth(1)
    .textContent())!;
  const [, d, mon, y] = /(\d{1,2}) (\w{3}) (\d{4})/.exec(shown)!;
  const month = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(mon!) + 1;
  return `${y}-${String(month).padStart(2, '0')}-${d!.padStart(2, '0')}`;
}

/** dd/mm/yyyy, as officers type dates. */
const typed = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}`;

describe('the notice window and the build refusal, in Chromium', () => {
  it('asks before recording a date months ago, lists what moves before the pack deadline moves, and refuses a build as a list the allow-list shortens', async () => {
    const host = await startAppHost(mkdtempSync(join(tmpdir(), 'sendpack-e2e-')));
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const nav = page.getByRole('navigation', { name: 'Workspace' });
    await createWorkspaceInPage(page, host.url, '841');

    // A notification date six months ago is asked about before anything is worked out from it.
    const ago = new Date();
    ago.setUTCMonth(ago.getUTCMonth() - 6);
    const called = ago.toISOString().slice(0, 10);
    await page.getByLabel('Date of the call').fill(typed(called));
    await page.getByLabel('Local area nominated officer').fill('Lee Nominated');
    await page.getByRole('button', { name: 'Record notification' }).click();
    const dialog = page.locator('dialog[open]');
    await dialog.getByRole('heading', { name: 'Is the date of the call right?' }).waitFor();
    await dialog.getByText(/working days before today/).waitFor();
    await look(page, 'notification-question');
    // Cancelled, nothing is recorded; confirmed, it is.
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await page.getByRole('row', { name: /Evidence pack due/ }).count()).toBe(0);
    await page.getByRole('button', { name: 'Record notification' }).click();
    await dialog.getByRole('button', { name: 'Record this date' }).click();
    const packRow = page.getByRole('row', { name: /Evidence pack due/ });
    await packRow.waitFor();

    // Moving the pack deadline lists the items whose due dates follow it, before anything moves.
    await nav.getByRole('button', { name: 'Checklist' }).click();
    const jsnaDue = page.locator('tr[data-item-id="jsna-send"] td.nowrap').first();
    const dueBefore = (await jsnaDue.textContent())!.trim();
    await nav.getByRole('button', { name: 'Dashboard' }).click();
    const moved = addWorkingDays(called, 9, createHolidayCalendar());
    const field = page.getByLabel('New date of Evidence pack due');
    await field.fill(typed(moved));
    await field.press('Enter');
    // Enter typed the date: the question stays open (the key that opened it does not press its buttons).
    await dialog.getByRole('heading', { name: 'Move "Evidence pack due"?' }).waitFor();
    await page.waitForTimeout(300);
    expect(await dialog.count()).toBe(1);
    const listed = await dialog.getByRole('list', { name: 'Items whose due dates move' }).getByRole('listitem').count();
    // A new workspace: no item has a date of its own or is closed, so every one follows the deadline.
    expect(listed).toBe(CATALOGUE_ITEMS);
    await dialog.getByText(JSNA).waitFor();
    await look(page, 'milestone-move-confirm');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    // Cancelled: the field shows the date as it is, and nothing moved.
    expect(await field.inputValue()).toBe(typed(await packDueIso(page)));
    await nav.getByRole('button', { name: 'Checklist' }).click();
    expect((await jsnaDue.textContent())!.trim()).toBe(dueBefore);
    await nav.getByRole('button', { name: 'Dashboard' }).click();
    await field.fill(typed(moved));
    await field.press('Enter');
    await dialog.getByRole('button', { name: `Move it and ${listed} item due dates` }).click();
    await packRow.getByText('(changed)').waitFor();
    await nav.getByRole('button', { name: 'Checklist' }).click();
    await expect
      .poll(async () => (await jsnaDue.textContent())!.trim())
      .toMatch(new RegExp(`^${formatDisplayDate(moved)}`));

    // The build refusal is a list, each entry a link to where the problem is. The narrative holds what the privacy
    // check rightly stops (an NHS number) beside what it should not: the board chair after "Mrs", the public SENDIASS
    // helpline, the SEND team's mailbox; and a case reference in the council's own format, not yet recorded.
    await openItemFromChecklist(page, 'jsna-send', JSNA);
    await page
      .getByLabel(`Narrative (in the pack) of ${JSNA}`)
      .fill(
        'The board is chaired by Mrs Jane Hughes. Families can call SENDIASS on 0113 378 5020 or write to ' +
          'send.team@leeds.gov.uk. Case CR-482913 was reviewed with the family of NHS number 943 476 5919.',
      );
    await page.getByLabel(`Owner of ${JSNA}`).click();
    await page.getByText(`Saved narrative of ${JSNA}`).waitFor({ state: 'attached' });
    await nav.getByRole('button', { name: 'Build pack' }).click();
    await page.getByRole('button', { name: 'Build the pack' }).click();
    const refusal = page.getByRole('alert').filter({ hasText: 'The pack was not built' });
    const entries = refusal.getByRole('listitem');
    await entries.filter({ hasText: 'NHS number ••19' }).getByRole('button', { name: JSNA }).waitFor();
    // The answer to the click is on screen and read first, not a screen above the button.
    await expect
      .poll(() => refusal.evaluate((el) => el.getBoundingClientRect().top > -1 && el === document.activeElement))
      .toBe(true);
    expect(await refusal.evaluate((el) => el.getBoundingClientRect().top < window.innerHeight)).toBe(true);
    expect(await entries.filter({ hasText: '[name]' }).count()).toBe(1);
    expect(await entries.filter({ hasText: '[phone number ••20]' }).count()).toBe(1);
    expect(await entries.filter({ hasText: 'case reference' }).count()).toBe(0);
    await look(page, 'build-refusal');

    // Recorded once in Settings: the case-reference format as an example, the public contacts and the named chair.
    await nav.getByRole('button', { name: 'Settings' }).click();
    await page.getByLabel('Your case-reference formats').fill('CR-123456');
    await page.getByText(/^Flags: /).waitFor();
    await page.getByLabel("Your area's public contact details").fill('0113 378 5020\nsend.team@leeds.gov.uk');
    await page.getByLabel('Named staff').fill('Jane Hughes');
    await page.getByRole('button', { name: 'Save personal data settings' }).click();
    await page.getByText('Saved.', { exact: true }).waitFor();
    await page.getByRole('heading', { name: 'Personal data' }).scrollIntoViewIfNeeded();
    await look(page, 'settings-personal-data');
    // Now only the NHS number and the case reference stop the build.
    await nav.getByRole('button', { name: 'Build pack' }).click();
    await page.getByRole('button', { name: 'Build the pack' }).click();
    await refusal.getByText('The pack was not built: 2 things to resolve first').waitFor();
    await entries.filter({ hasText: '[case reference ••13]' }).waitFor();
    expect(await entries.filter({ hasText: 'NHS number ••19' }).count()).toBe(1);
    expect(await entries.count()).toBe(2);
    await entries.filter({ hasText: 'NHS number ••19' }).getByRole('button', { name: JSNA }).click();
    await page.getByRole('heading', { name: JSNA, level: 1 }).waitFor();

    expect(errors).toEqual([]);
    await page.close();
    await host.close();
  });
});
