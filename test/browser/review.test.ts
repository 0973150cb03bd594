import { describe, expect, it } from 'vitest';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { engagedCast } from '../support/engagement.js';

const LIVE = { timeout: 15_000 };

describe.skipIf(!chromiumPath)(
  'closing and reviewing an engagement in Chromium',
  { timeout: BROWSER_TEST_TIMEOUT_MS },
  () => {
    const session = useBrowserSession();
    const { t } = session;

    it('the client closes and reviews, the freelancer answers, each seen live; then the bench starts the next one', async () => {
      const { client, freelancer, proposal } = await engagedCast(t);
      const path = `/proposals/${proposal.id}/engagement`;
      const theirs = await session.open(freelancer.token, path);
      const mine = await session.open(client.token, path);

      // Closing asks first.
      await mine.getByRole('button', { name: 'Close engagement' }).click();
      const confirm = mine.getByTestId('close-engagement-dialog');
      await confirm.waitFor();
      await expectNoAxeViolations(mine, 'the close-engagement dialog');
      await confirm.getByRole('button', { name: 'Close the engagement' }).click();
      await expect
        .poll(
          () =>
            theirs
              .getByTestId('engagement-closed')
              .textContent()
              .catch(() => null),
          LIVE,
        )
        .toContain(`closed by ${client.name}`);
      await expect(mine.getByTestId('engagement-closed').textContent()).resolves.toContain('closed by you');
      await expect(theirs.getByRole('button', { name: 'Close engagement' }).count()).resolves.toBe(0);

      // The review form; a note of spaces is refused by the server, beside the note, keeping the choices.
      const form = mine.getByRole('form', { name: `Review ${freelancer.name}` });
      await form.waitFor();
      await expectNoAxeViolations(mine, 'the review form');
      await form.getByRole('radio', { name: 'Yes' }).check();
      await form.getByLabel('Communication').selectOption('4');
      await form.getByLabel('Note').fill('   ');
      await form.getByRole('button', { name: 'Submit review' }).click();
      await expect.poll(() => form.getByLabel('Note').getAttribute('aria-invalid'), LIVE).toBe('true');
      await expect(form.getByRole('radio', { name: 'Yes' }).isChecked()).resolves.toBe(true);
      await expect(form.getByLabel('Communication').inputValue()).resolves.toBe('4');
      await form.getByLabel('Note').fill('Delivered the baseline model early, with clear weekly demos.');
      await form.getByRole('button', { name: 'Submit review' }).click();
      const written = mine.getByRole('listitem', { name: `You reviewed ${freelancer.name}` });
      await written.waitFor(LIVE);
      await expect(form.count()).resolves.toBe(0);

      // The freelancer sees it arrive and answers once.
      const received = theirs.getByRole('listitem', { name: `${client.name} reviewed you` });
      await received.waitFor(LIVE);
      await expect(received.getByTestId('review-note').textContent()).resolves.toBe(
        'Delivered the baseline model early, with clear weekly demos.',
      );
      await expect(received.getByTestId('review-communication').textContent()).resolves.toBe('4 of 5');
      await expectNoAxeViolations(theirs, 'the answer form');
      await received.getByLabel('Your answer').fill('Thank you, it was a pleasure.');
      await received.getByRole('button', { name: 'Answer' }).click();
      await expect
        .poll(
          () =>
            written
              .getByTestId('review-answer')
              .textContent()
              .catch(() => null),
          LIVE,
        )
        .toContain('Thank you, it was a pleasure.');
      await expect(received.getByRole('form', { name: 'Answer the review' }).count()).resolves.toBe(0);
      await keepScreenshot(mine, 'engagement-reviewed');

      // The bench shows the freelancer with the figures and the review, and starts the next proposal.
      await mine.goto(`${t.app.url}/bench`);
      const card = mine.getByRole('listitem').filter({ has: mine.getByRole('heading', { name: freelancer.name }) });
      await card.waitFor();
      const figure = (label: string) =>
        card
          .locator('.figures > div')
          .filter({ has: mine.getByText(label, { exact: true }) })
          .locator('dd')
          .textContent();
      await expect(figure('Engagements')).resolves.toBe('1');
      await expect(figure('Milestones accepted on time')).resolves.toBe('0 of 0');
      await expect(card.textContent()).resolves.toContain('Thank you, it was a pleasure.');
      await card.getByRole('button', { name: `Start a proposal with ${freelancer.name}` }).click();
      const dialog = mine.getByTestId('create-from-dialog');
      await dialog.waitFor();
      await expectNoAxeViolations(mine, 'the start-a-proposal dialog');
      await dialog.getByLabel('Proposal title').fill('Churn model, phase 2');
      await dialog.getByRole('button', { name: 'Create proposal' }).click();
      await mine.waitForURL(/\/proposals\/[^/]+$/);
      const created = new URL(mine.url()).pathname.split('/').at(-1)!;
      expect(created).not.toBe(proposal.id);

      const { rows } = await t.db.query<{ title: string; invited_email: string; role: string; user_id: string | null }>(
        `select p.title, pa.invited_email, pa.role, pa.user_id
         from proposals p join participants pa on pa.proposal_id = p.id
        where p.id = $1 and pa.role = 'FREELANCER'`,
        [created],
      );
      expect(rows).toEqual([
        { title: 'Churn model, phase 2', invited_email: freelancer.email, role: 'FREELANCER', user_id: null },
      ]);
    });
  },
);
