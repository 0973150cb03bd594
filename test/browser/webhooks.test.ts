import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import { expectNoAxeViolations } from '../support/axe.js';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { signatureHeaders, useReceivers } from '../support/webhook-receiver.js';

describe.skipIf(!chromiumPath)('the webhook settings page in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  // The receiver listens on loopback, which only WEBHOOK_ALLOW_PRIVATE lets webhooks reach.
  const session = useBrowserSession({ WEBHOOK_ALLOW_PRIVATE: 'true' });
  const { t } = session;
  const startReceiver = useReceivers();

  it('a client adds a webhook, sees its secret once, and watches a delivery arrive in its log', async () => {
    const cast = await makeCast(t.api);
    const receiver = await startReceiver((res) => res.writeHead(204).end());
    const page = await session.open(cast.client.token, `/proposals/${cast.proposal.id}`);
    await page.getByRole('heading', { level: 1, name: 'Churn prediction pilot' }).waitFor();
    await page.getByTestId('webhooks-link').click();
    await page.waitForURL(`${t.app.url}/proposals/${cast.proposal.id}/webhooks`);
    await page.getByRole('heading', { level: 1, name: 'Webhooks' }).waitFor();
    await page.getByTestId('no-webhooks').waitFor();
    await expectNoAxeViolations(page, 'the webhook settings page');

    // The server's refusal is said beside the URL.
    const form = page.getByTestId('add-webhook-form');
    await form.getByLabel('Endpoint URL').fill('https://user:secret@hooks.example.com/in');
    await form.getByLabel('The proposal is renamed, archived or restored').check();
    await form.getByRole('button', { name: 'Add webhook' }).click();
    await form.getByText('Must not contain a user name or password.').waitFor();
    expect(await form.getByLabel('Endpoint URL').getAttribute('aria-invalid')).toBe('true');

    await form.getByLabel('Endpoint URL').fill(receiver.url);
    await form.getByRole('button', { name: 'Add webhook' }).click();
    const notice = page.getByTestId('webhook-secret');
    await notice.getByText("You won't see this again").waitFor();
    const secret = await notice.getByLabel('Signing secret').inputValue();
    expect(secret).toMatch(/^whsec_/);
    await page.getByRole('heading', { level: 3, name: receiver.url }).waitFor();
    await expectNoAxeViolations(page, 'the webhook settings page with a new secret');
    await keepScreenshot(page, 'webhook-secret');
    await notice.getByRole('button', { name: 'I have copied it' }).click();
    await notice.waitFor({ state: 'detached' });

    // Shown once: a fresh page never has it.
    await page.reload();
    await page.getByRole('heading', { level: 3, name: receiver.url }).waitFor();
    expect(await page.content()).not.toContain(secret);
    await page.getByTestId('delivery-log-empty').waitFor();

    const renamed = await t.api.gql(
      'mutation($input: RenameProposalInput!) { renameProposal(input: $input) { id } }',
      { input: { proposalId: cast.proposal.id, title: 'Churn pilot, phase 2' } },
      { token: cast.client.token },
    );
    expect(renamed.errors).toBeUndefined();
    const [request] = await waitFor(() => (receiver.received.length > 0 ? receiver.received : null), {
      what: 'the rename at the receiver',
    });
    // The secret the page showed is the one that signs the requests.
    expect(new Webhook(secret).verify(request!.body, signatureHeaders(request!.headers))).toMatchObject({
      type: 'PROPOSAL_UPDATED',
    });

    const row = page.locator('[data-testid="delivery"][data-status="SUCCEEDED"]');
    await waitFor(
      async () => {
        if ((await row.count()) > 0) return true;
        await page.getByTestId('refresh-webhooks').click();
        return false;
      },
      { what: 'the delivery in the log', intervalMs: 250 },
    );
    expect(await row.locator('td').allInnerTexts()).toEqual([
      'The proposal is renamed, archived or restored',
      '1',
      'Delivered',
      '204',
      expect.stringMatching(/\d/),
      '—',
    ]);
    await expectNoAxeViolations(page, 'the webhook settings page with its delivery log');
    await keepScreenshot(page, 'webhook-delivery-log');
  });
});
