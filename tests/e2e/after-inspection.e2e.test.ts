import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from './helpers/chromium';
import { startAppHost } from './helpers/app-host';
import { createWorkspaceInPage, openSampleInPage } from './helpers/onboard';
import { lookAtBothSizes, SHOTS } from './helpers/screens';

let browser: Browser;
beforeAll(async () => {
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
});

const AREAS = [
  'Leaders have not ensured that EHC needs assessments are completed within 20 weeks',
  'Children and young people wait too long for neurodevelopmental assessment',
  'Leaders do not know how well children in alternative provision are doing',
];

async function addAction(
  page: Page,
  a: {
    text: string;
    area: string;
    respondsTo: string;
    lead: string;
    sro: string;
    due: string;
    metric: string;
    baseline: string;
    baselineDate: string;
    target: string;
  },
  look = false,
) {
  await page.getByRole('button', { name: 'Add an action' }).click();
  const form = page.locator('form', { has: page.getByRole('heading', { name: 'Add an action' }) });
  if (look) {
    await form.getByRole('button', { name: 'Add a measure' }).click();
    await form.scrollIntoViewIfNeeded();
    await lookAtBothSizes(page, 'after-inspection-action-form');
    await form.getByRole('button', { name: 'Remove measure 1' }).click();
  }
  await form.getByLabel('Action', { exact: true }).fill(a.text);
  await form.getByLabel('Evaluation area').selectOption(a.area);
  await form.getByLabel('Responds to').selectOption(a.respondsTo);
  await form.getByLabel('Lead', { exact: true }).fill(a.lead);
  await form.getByLabel('Senior responsible officer').fill(a.sro);
  await form.getByLabel('Due', { exact: true }).fill(a.due);
  await form.getByLabel('Success criteria').fill('Measured each quarter by the SEND partnership board');
  await form.getByRole('button', { name: 'Add a measure' }).click();
  await form.getByLabel('Metric', { exact: true }).selectOption(a.metric);
  await form.getByLabel('Baseline', { exact: true }).fill(a.baseline);
  await form.getByLabel('Baseline as at').fill(a.baselineDate);
  await form.getByLabel('Target', { exact: true }).fill(a.target);
  await form.getByRole('button', { name: 'Add the action' }).click();
  await page
    .getByRole('status')
    .getByText(/Added action \d/)
    .waitFor();
}

async function postUpdate(page: Page, id: number, rag: 'Red' | 'Amber' | 'Green', text: string, date: string) {
  const card = page.locator(`article[data-action-id="${id}"]`);
  await card.getByRole('button', { name: `Post a progress update on action ${id}` }).click();
  await card.getByRole('radio', { name: rag }).check();
  await card.getByLabel(`Update on action ${id}`, { exact: true }).fill(text);
  await card.getByLabel(`Date of the update on action ${id}`).fill(date);
  await card.getByRole('button', { name: `Post the update on action ${id}` }).click();
  await card.getByText(text).waitFor();
}

describe('after the inspection, in Chromium', () => {
  it('records a widespread outcome, plans actions with targets, posts updates, sees the monitoring inspection and builds the action plan', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await createWorkspaceInPage(page, host.url, '841');
      await page.getByRole('button', { name: 'After the inspection', exact: true }).click();
      await page.getByRole('heading', { name: 'After the inspection', level: 1 }).waitFor();
      await lookAtBothSizes(page, 'after-inspection-empty');

      // The outcome: widespread and/or systemic failings, three areas for priority action pasted in one go.
      await page.getByRole('radio', { name: 'Widespread and/or systemic failings' }).check();
      await page.getByLabel('First day of the site week').fill('11/01/2027');
      await page.getByLabel('Final report received').fill('01/03/2027');
      await page.getByLabel('Report published').fill('08/03/2027');
      await page.getByLabel('Areas for priority action').fill(AREAS.map((a, i) => `${i + 1}. ${a}`).join('\n'));
      await page.getByLabel('Areas for improvement').fill('- The Local Offer is hard for families to use');
      await page.getByRole('button', { name: 'Record the outcome' }).click();
      await page.getByRole('heading', { name: 'Outcome: Widespread and/or systemic failings' }).waitFor();
      for (const area of AREAS) await page.getByText(area, { exact: true }).first().waitFor();
      // The header follows the phase: the next follow-up step, not the notice window.
      await page
        .locator('.app-header__countdown')
        .getByText(/^Next: /)
        .waitFor();
      await page.locator('#follow-up-heading').scrollIntoViewIfNeeded();
      await lookAtBothSizes(page, 'after-inspection-timeline');
      await page.screenshot({ path: join(SHOTS, 'after-inspection-full.png'), fullPage: true });
      const monitoringRow = page.locator('tr[data-milestone="monitoring-inspection"]');
      expect(await monitoringRow.textContent()).toMatch(/1 Sept? 2028/);

      // The plan: one action per area, each with a metric, its baseline and target.
      await addAction(
        page,
        {
          text: 'Clear the backlog of EHC needs assessments',
          area: 'EC1',
          respondsTo: 'priority:1',
          lead: 'Head of SEND',
          sro: "Director of Children's Services",
          due: '2027-09-30',
          metric: 'ehcp-20wk-all',
          baseline: '38.5',
          baselineDate: '2026',
          target: '60',
        },
        true,
      );
      await addAction(page, {
        text: 'Open a second neurodevelopmental assessment clinic',
        area: 'EC3',
        respondsTo: 'priority:2',
        lead: 'ICB Director of Nursing',
        sro: 'ICB Chief Executive',
        due: '2027-12-31',
        metric: 'autism-13wk',
        baseline: '22',
        baselineDate: '2026 Q3',
        target: '50',
      });
      await addAction(page, {
        text: 'Set up a register of every child in alternative provision',
        area: 'AP',
        respondsTo: 'priority:3',
        lead: 'AP Commissioning Lead',
        sro: 'Assistant Director, Inclusion',
        due: '2026-11-30',
        metric: 'persistent-absence-ehcp',
        baseline: '45',
        baselineDate: '2025/26',
        target: '30',
      });
      await postUpdate(page, 1, 'Amber', 'Two more case officers recruited; backlog down by a fifth', '2027-04-01');
      await postUpdate(page, 1, 'Green', 'Backlog halved; weekly panel in place', '2027-05-03');
      await postUpdate(page, 2, 'Red', 'Clinic space not yet found', '2027-05-03');
      // An update recorded wrongly is corrected, with the reason; the audit trail keeps the correction.
      const card2 = page.locator('article[data-action-id="2"]');
      await card2.getByRole('button', { name: /^Correct the update of/ }).click();
      await card2
        .getByLabel('Corrected update')
        .fill('Clinic space not yet found; two rooms offered by the community trust');
      await card2.getByLabel('Why is it corrected?').fill('Left out the offer of rooms');
      await card2.getByRole('heading', { name: /^Correct the update of/ }).scrollIntoViewIfNeeded();
      await lookAtBothSizes(page, 'after-inspection-correct-update');
      await card2.getByRole('button', { name: 'Save the correction' }).click();
      await card2.getByText('two rooms offered by the community trust').waitFor();
      // Updates are kept as history, newest first.
      const history = await page.locator('article[data-action-id="1"] ol').textContent();
      expect(history!.indexOf('Backlog halved')).toBeLessThan(history!.indexOf('Two more case officers'));
      await page.locator('article[data-action-id="1"]').scrollIntoViewIfNeeded();
      await lookAtBothSizes(page, 'after-inspection-plan');
      const card3 = page.locator('article[data-action-id="3"]');
      await card3.getByRole('button', { name: 'Post a progress update on action 3' }).click();
      await card3.getByRole('heading', { name: 'Post a progress update on action 3' }).scrollIntoViewIfNeeded();
      await lookAtBothSizes(page, 'after-inspection-update-form');
      await card3.getByRole('button', { name: 'Cancel the update on action 3' }).click();

      // The dashboard switches to the follow-up phase: the monitoring inspection 18 months after receipt, overdue actions.
      await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
      await page.getByRole('heading', { name: 'Dashboard', level: 1 }).waitFor();
      const monitoring = page.getByTestId('monitoring-inspection');
      await monitoring.waitFor();
      expect(await monitoring.textContent()).toMatch(/Monitoring inspection expected \w+,? 1 Sept? 2028/);
      const overdue = page.locator('section', { has: page.getByRole('heading', { name: /Overdue actions/ }) });
      expect(await overdue.textContent()).toContain('Set up a register of every child in alternative provision');
      await lookAtBothSizes(page, 'after-inspection-dashboard');

      // Every change is in the audit trail.
      await page.getByRole('button', { name: 'Audit trail', exact: true }).click();
      await page.getByRole('heading', { name: 'Audit trail', level: 1 }).waitFor();
      const audit = await page.locator('table').textContent();
      for (const expected of [
        'Recorded the inspection outcome',
        'Added a plan action',
        'Progress update',
        'Corrected a progress update',
        'Left out the offer of rooms',
      ])
        expect(audit).toContain(expected);

      // The action plan document, read back by LibreOffice: every action, lead, due date and target.
      await page.getByRole('button', { name: 'After the inspection', exact: true }).click();
      await page.getByRole('button', { name: 'Build the action plan (Word)' }).click();
      await page.getByRole('status').getByText('Built version 1 of the action plan (3 actions).').waitFor();
      const folder = host.backend.workspace!.folder;
      const name = readdirSync(join(folder, 'packs')).find((f) => f.endsWith(' action plan v1.docx'));
      expect(name).toBeDefined();
      const built = join(folder, 'packs', name!);
      const out = mkdtempSync(join(tmpdir(), 'sendpack-plan-'));
      const converted = spawnSync('soffice', ['--headless', '--convert-to', 'txt:Text', '--outdir', out, built], {
        encoding: 'utf8',
        timeout: 90_000,
      });
      expect(converted.status, converted.stderr).toBe(0);
      const text = readFileSync(
        join(
          out,
          `${built
            .split('/')
            .pop()!
            .replace(/\.docx$/, '')}.txt`,
        ),
        'utf8',
      );
      for (const expected of [
        'Priority action plan (area SEND)',
        ...AREAS,
        'Clear the backlog of EHC needs assessments',
        'Open a second neurodevelopmental assessment clinic',
        'Set up a register of every child in alternative provision',
        'Head of SEND',
        'ICB Director of Nursing',
        'AP Commissioning Lead',
        '30 September 2027',
        '31 December 2027',
        '30 November 2026',
        '60.0%',
        '50.0%',
        '30.0%',
        'Backlog halved',
        'Clinic space not yet found',
        '1 Sep 2028',
      ]) {
        expect(text, expected).toContain(expected);
      }
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await host.close();
    }
  }, 240_000);

  it("shows the sample area's previous inspection and its plan part-way through, while the dashboard stays on the notice window", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'sendpack-e2e-'));
    const host = await startAppHost(dataDir);
    const page = await browser.newPage({ viewport: { width: 1280, height: 720 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    try {
      await openSampleInPage(page, host.url);
      // The sample's current inspection was notified after the previous one's site week: the notice window leads.
      expect(await page.getByTestId('monitoring-inspection').count()).toBe(0);
      await page
        .getByText(/Evidence pack due/)
        .first()
        .waitFor();
      await page
        .getByText(
          /Last inspection: inconsistent experiences and outcomes .*Its plan: 5 actions, 3 complete, 1 overdue/,
        )
        .waitFor();
      await lookAtBothSizes(page, 'after-inspection-sample-dashboard');
      await page.getByRole('button', { name: 'After the inspection', exact: true }).click();
      await page.getByRole('heading', { name: 'Outcome: Inconsistent experiences and outcomes' }).waitFor();
      expect(await page.locator('article[data-action-id]').count()).toBe(5);
      const nd = page.locator('article[data-action-id="3"]');
      expect(await nd.textContent()).toContain('Moving away from the target');
      expect(await nd.locator('.tag').allTextContents()).toEqual(['Red', 'Overdue']);
      await nd.scrollIntoViewIfNeeded();
      await lookAtBothSizes(page, 'after-inspection-sample');
      await page.screenshot({ path: join(SHOTS, 'after-inspection-sample-full.png'), fullPage: true });

      // A later site week (after the sample's notification) makes the follow-up phase the current one. A report
      // published before it was received is refused in plain words, and nothing changes until the dates are right.
      const inDays = (days: number) => {
        const d = new Date(Date.now() + days * 86_400_000);
        return `${String(d.getUTCDate()).padStart(2, '0')}/${String(d.getUTCMonth() + 1).padStart(2, '0')}/${d.getUTCFullYear()}`;
      };
      await page.getByRole('button', { name: 'Change the outcome…' }).click();
      await page.getByLabel('First day of the site week').fill(inDays(60));
      await page.getByLabel('Last day (optional)').fill('');
      await page.getByLabel('Final report received').fill(inDays(120));
      await page.getByLabel('Report published').fill(inDays(110));
      await page.getByRole('button', { name: 'Save the outcome' }).click();
      await page
        .getByRole('alert')
        .getByText(/The report cannot be published \(.+\) before the partnership received it \(.+\)\./)
        .waitFor();
      await page.getByLabel('Report published').fill(inDays(125));
      await page.getByRole('button', { name: 'Save the outcome' }).click();
      await page.getByRole('button', { name: 'Change the outcome…' }).waitFor();
      // The last inspection's strategic plan was published in 2025: not carried into this one, so it is next.
      await page
        .locator('.app-header__countdown')
        .getByText(/^Next: Strategic plan updated and published, /)
        .waitFor();
      // The dashboard now leads with the plan: its overdue action and the measure moving away from its target.
      await page.getByRole('button', { name: 'Dashboard', exact: true }).click();
      const away = page.locator('section', { has: page.getByRole('heading', { name: /Measures moving away/ }) });
      await away.getByText(/Waiting more than 18 weeks/).waitFor();
      expect(await away.getByRole('heading').textContent()).toMatch(/\(1\)$/);
      expect(await away.textContent()).toMatch(
        /\(action 3\): .+ against a target of .+, from .+\. Moving away from the target\./,
      );
      const overdueCard = page.locator('section', { has: page.getByRole('heading', { name: /Overdue actions/ }) });
      expect(await overdueCard.getByRole('heading').textContent()).toMatch(/\(1\)$/);
      await lookAtBothSizes(page, 'after-inspection-sample-follow-up-dashboard');
      expect(errors).toEqual([]);
    } finally {
      await page.close();
      await host.close();
    }
  }, 240_000);
});
