import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/axe.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { signFromTimeline } from '../support/browser-signing.js';
import { readyCast } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { verifyAddress } from '../support/mail.js';

const LIVE = { timeout: 15_000 };

/**
 * One engagement the way its two parties live it in the browser, from a trial task in the
 * brief to the bench: the client writes the trial, freezes with a signing order, both
 * sign; the trial runs as milestone 0 and is scored; the first milestone goes through one
 * change request; a change order grants the second milestone another round and is signed
 * as a diff; the second milestone is accepted; the client reviews, the freelancer answers;
 * the bench shows the freelancer's record and starts the next proposal.
 */
describe.skipIf(!chromiumPath)(
  'an engagement from trial to bench in Chromium',
  { timeout: BROWSER_TEST_TIMEOUT_MS * 4 },
  () => {
    const session = useBrowserSession();
    const { t } = session;

    async function openProposal(user: TestUser, proposalId: string): Promise<Page> {
      const page = await session.openWithAuthenticator(user.token, `/proposals/${proposalId}`);
      await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
      await page.locator('[data-testid="events-status"][data-state="connected"]').first().waitFor();
      return page;
    }

    const card = (page: Page, title: string | RegExp): Locator =>
      page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: title }) });
    const stateOf = (page: Page, title: string | RegExp) =>
      card(page, title).getByTestId('milestone-state').textContent();

    async function startAndSubmit(page: Page, title: string | RegExp, note: string) {
      await card(page, title).getByRole('button', { name: 'Start work' }).click();
      await card(page, title).getByLabel('What you deliver').fill(note);
      await card(page, title).getByRole('button', { name: 'Submit for review' }).click();
    }

    it('a client and a freelancer go from trial task to signed contract, milestones, a change order and a review', async () => {
      const { client, freelancer, proposal } = await readyCast(t);
      // Pages with a passkey authenticator run on the relying party's origin.
      const base = session.rpUrl();
      await verifyAddress(t, client);
      const cora = await openProposal(client, proposal.id);
      const finn = await openProposal(freelancer, proposal.id);

      // The client writes the trial task under the validation text.
      await cora.getByRole('button', { name: 'Add a structured trial task' }).click();
      const trial = cora.getByRole('region', { name: 'Trial task' });
      await trial.getByLabel('Trial task').fill('Train a baseline on last year’s export and report its AUC');
      await trial.getByLabel('Paid amount').fill('EUR 800');
      await trial.getByLabel('Time box (days)').fill('5');
      for (const [index, [criterion, weight]] of [
        ['Model quality', '60'],
        ['Clarity of the report', '40'],
      ].entries()) {
        await trial.getByRole('button', { name: /^\+? ?Add / }).click();
        await trial.getByLabel(`Criterion ${index + 1} criterion`).fill(criterion!);
        await trial.getByLabel(`Criterion ${index + 1} weight (%)`).fill(weight!);
      }
      await expect.poll(() => trial.locator('.trial-weights').textContent(), LIVE).toBe('The weights add up to 100.');
      // The freelancer sees the trial arrive live.
      await expect
        .poll(() => finn.getByRole('region', { name: 'Trial task' }).getByLabel('Paid amount').inputValue(), LIVE)
        .toBe('EUR 800');

      // Version 1, with a signing order: the client first, then the freelancer.
      const freezeButton = cora.getByTestId('freeze-button');
      await expect.poll(() => freezeButton.isDisabled(), LIVE).toBe(false);
      await freezeButton.click();
      const freeze = cora.getByTestId('freeze-dialog');
      await freeze.getByTestId(`signing-group-${freelancer.id}`).selectOption('2');
      await freeze.getByRole('button', { name: 'Freeze', exact: true }).click();
      await freeze.waitFor({ state: 'detached' });
      await finn.locator('[data-testid="version-row"][data-version-number="1"]').waitFor(LIVE);
      // Not the freelancer's turn yet.
      await expect(
        finn.locator('[data-testid="version-row"][data-version-number="1"] [data-testid="sign-button"]').count(),
      ).resolves.toBe(0);
      await signFromTimeline(cora, client, 1);
      await finn
        .locator('[data-testid="version-row"][data-version-number="1"] [data-testid="sign-button"]')
        .waitFor(LIVE);
      await signFromTimeline(finn, freelancer, 1);
      await cora.locator('[data-testid="version-row"][data-version-number="1"][data-status="SIGNED"]').waitFor(LIVE);

      // The engagement page: the trial is milestone 0.
      await cora.getByTestId('engagement-link').click();
      await finn.getByTestId('engagement-link').click();
      const trialCard = /^Trial/;
      await card(finn, trialCard).waitFor(LIVE);
      await expectNoAxeViolations(cora, 'the engagement page');
      await startAndSubmit(finn, trialCard, 'AUC 0.78 on the hold-out month; report attached.');
      await expect.poll(() => stateOf(cora, trialCard), LIVE).toBe('Submitted for review');
      const scoring = card(cora, trialCard);
      await scoring.getByLabel(/Model quality/).fill('80');
      await scoring.getByLabel(/Clarity of the report/).fill('90');
      await expect.poll(() => scoring.textContent()).toContain('84');
      await scoring.getByLabel(/note/i).fill('Strong baseline, clear write-up.');
      await expectNoAxeViolations(cora, 'the trial scoring form');
      await scoring.getByRole('button', { name: /Accept/ }).click();
      await expect.poll(() => stateOf(finn, trialCard), LIVE).toBe('Accepted');

      // Milestone 1: one change request, then accepted with the churn measured.
      const baseline = 'Baseline model';
      await startAndSubmit(finn, baseline, 'Baseline model trained on March data.');
      await expect.poll(() => stateOf(cora, baseline), LIVE).toBe('Submitted for review');
      await card(cora, baseline).getByLabel('What should change').fill('Add the calibration plot.');
      await card(cora, baseline).getByRole('button', { name: 'Request changes' }).click();
      await expect.poll(() => stateOf(finn, baseline), LIVE).toBe('Changes requested');
      await card(finn, baseline).getByLabel('What you deliver').fill('Calibration plot added.');
      await card(finn, baseline).getByRole('button', { name: 'Submit the revision' }).click();
      await expect.poll(() => stateOf(cora, baseline), LIVE).toBe('Submitted for review');
      await card(cora, baseline)
        .getByLabel(/Monthly churn/)
        .fill('3.4%');
      await card(cora, baseline).getByRole('button', { name: 'Accept milestone' }).click();
      await expect.poll(() => stateOf(finn, baseline), LIVE).toBe('Accepted');
      await expect(card(finn, baseline).locator('[data-metric="metric-1"] [data-met="true"]').count()).resolves.toBe(1);

      // A change order: one more revision round on milestone 2, signed as a diff.
      await cora.goto(`${base}/proposals/${proposal.id}`);
      await cora.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
      // The trial's score came back into the brief, so the change order records it.
      await cora.locator('[data-trial-result]').waitFor(LIVE);
      await expect(cora.locator('[data-trial-result]').textContent()).resolves.toContain('84');
      await cora.getByLabel('Milestone 2 revision rounds').fill('3');
      await expect.poll(() => freezeButton.isDisabled(), LIVE).toBe(false);
      await freezeButton.click();
      await freeze.getByLabel('Note').fill('One more revision round for production scoring');
      await freeze.getByRole('button', { name: 'Freeze', exact: true }).click();
      await freeze.waitFor({ state: 'detached' });
      await cora.locator('[data-testid="version-row"][data-version-number="2"]').waitFor(LIVE);
      await cora.goto(`${base}/proposals/${proposal.id}/versions/${await versionId(proposal.id, 2)}`);
      await expect(cora.getByTestId('change-order-banner').textContent()).resolves.toBe(
        'Change order — amends version 1',
      );
      const diff = cora.getByTestId('change-order-diff');
      // The diff shows the round granted, and the trial's score the change order records.
      await expect(
        diff.locator('[data-section="milestones"] [data-field="revisionRounds"]').getAttribute('data-after'),
      ).resolves.toBe('3');
      await expect(
        diff.locator('[data-section="validation"] [data-field="score"]').getAttribute('data-after'),
      ).resolves.toBe('84');
      await keepScreenshot(cora, 'journey-change-order');
      await cora.goto(`${base}/proposals/${proposal.id}`);
      await cora.locator('[data-testid="events-status"][data-state="connected"]').first().waitFor();
      await signFromTimeline(cora, client, 2);
      await finn.goto(`${base}/proposals/${proposal.id}`);
      await finn
        .locator('[data-testid="version-row"][data-version-number="2"] [data-testid="sign-button"]')
        .waitFor(LIVE);
      await signFromTimeline(finn, freelancer, 2);
      await cora.locator('[data-testid="version-row"][data-version-number="2"][data-status="SIGNED"]').waitFor(LIVE);

      // Milestone 2 runs under the amended contract: three rounds now.
      await cora.getByTestId('engagement-link').click();
      await finn.getByTestId('engagement-link').click();
      const scoringJob = 'Production scoring';
      await expect
        .poll(() => card(cora, scoringJob).getByTestId('milestone-revisions').textContent(), LIVE)
        .toBe('0 of 3 revision rounds used, 3 left');
      await startAndSubmit(finn, scoringJob, 'Scores land in the CRM nightly since Monday.');
      await expect.poll(() => stateOf(cora, scoringJob), LIVE).toBe('Submitted for review');
      await card(cora, scoringJob)
        .getByLabel(/Monthly churn/)
        .fill('3.5%');
      await card(cora, scoringJob).getByRole('button', { name: 'Accept milestone' }).click();
      await expect.poll(() => stateOf(finn, scoringJob), LIVE).toBe('Accepted');

      // Every milestone is accepted: the client reviews, the freelancer answers.
      const form = cora.getByRole('form', { name: `Review ${freelancer.name}` });
      await form.waitFor(LIVE);
      await form.getByRole('radio', { name: 'Yes' }).check();
      await form.getByLabel('Communication').selectOption('5');
      await form.getByLabel('Note').fill('Hit the churn target with a clear weekly demo.');
      await form.getByRole('button', { name: 'Submit review' }).click();
      const received = finn.getByRole('listitem', { name: `${client.name} reviewed you` });
      await received.waitFor(LIVE);
      await received.getByLabel('Your answer').fill('Thanks, a well-prepared data team.');
      await received.getByRole('button', { name: 'Answer' }).click();
      await expect
        .poll(
          () =>
            cora
              .getByTestId('review-answer')
              .textContent()
              .catch(() => null),
          LIVE,
        )
        .toContain('Thanks, a well-prepared data team.');

      // The bench: the freelancer, with figures from the signed records.
      await cora.goto(`${base}/bench`);
      const entry = cora.getByRole('listitem').filter({ has: cora.getByRole('heading', { name: freelancer.name }) });
      await entry.waitFor(LIVE);
      const figure = (label: string) =>
        entry
          .locator('.figures > div')
          .filter({ has: cora.getByText(label, { exact: true }) })
          .locator('dd')
          .textContent();
      await expect(figure('Engagements')).resolves.toBe('1');
      await expect(entry.textContent()).resolves.toContain('84');
      await expect(entry.textContent()).resolves.toContain('Thanks, a well-prepared data team.');
      await expectNoAxeViolations(cora, 'the bench');
      await keepScreenshot(cora, 'journey-bench');
      await entry.getByRole('button', { name: `Start a proposal with ${freelancer.name}` }).click();
      const dialog = cora.getByTestId('create-from-dialog');
      await dialog.getByLabel('Proposal title').fill('Churn model, phase 2');
      await dialog.getByRole('button', { name: 'Create proposal' }).click();
      await cora.waitForURL(/\/proposals\/[^/]+$/);
      expect(new URL(cora.url()).pathname).not.toBe(`/proposals/${proposal.id}`);
    });

    async function versionId(proposalId: string, number: number): Promise<string> {
      const { rows } = await t.db.query<{ id: string }>(
        'select "id" from "contract_versions" where "proposal_id" = $1 and "number" = $2',
        [proposalId, number],
      );
      return rows[0]!.id;
    }
  },
);
