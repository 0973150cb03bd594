import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { contentHashOf } from '@brieflock/schema';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { signFromTimeline } from '../support/browser-signing.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../support/factories.js';
import { verifyAddress } from '../support/mail.js';
import { completeBrief } from '../support/brief.js';
import { editLiveBrief, freezeOk, writeLiveBrief } from '../support/contract.js';
import type * as Y from 'yjs';

const VERSIONS = `query($id: ID!) { proposal(id: $id) { versions { number status contentHash contentJson signatures { signer { id } } } } }`;

describe.skipIf(!chromiumPath)('freezing and signing in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  /** A browser context signed in as `user` through the session cookie, on the proposal page. */
  async function openAs(user: TestUser, proposalId: string): Promise<Page> {
    const page = await session.openWithAuthenticator(user.token, `/proposals/${proposalId}`, { acceptDownloads: true });
    await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
    await page.locator('[data-testid="events-status"][data-state="connected"]').first().waitFor();
    return page;
  }

  it('client and freelancer fill the brief, freeze, both sign, both see SIGNED live, and the PDF downloads', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
    const proposal = await makeProposal(t.api, client, 'Churn prediction pilot');
    await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');
    // Signing needs a proven address: Cora follows her verification link (Finn proved his by the invitation's).
    await verifyAddress(t, client);
    const cora = await openAs(client, proposal.id);
    const finn = await openAs(freelancer, proposal.id);

    // Nothing is ready: the freeze button is off and says what blocks it.
    const freezeButton = cora.locator('[data-testid="freeze-button"]');
    await expect(freezeButton.isDisabled()).resolves.toBe(true);
    await expect(cora.locator('[data-testid="freeze-blockers"]').textContent()).resolves.toMatch(/outcome/i);

    // The client writes the outcome, a metric and a deliverable.
    await cora.locator('[data-section="outcome"] .ProseMirror').click();
    await cora.keyboard.type('Cut monthly churn of paying customers from 4.1% to 3.5% with a nightly forecast.');
    await cora.getByRole('button', { name: 'Add success metric' }).click();
    await cora.getByLabel('Success metric 1 metric').fill('Monthly churn');
    await cora.getByLabel('Success metric 1 baseline').fill('4.1%');
    await cora.getByLabel('Success metric 1 target').fill('3.5%');
    await cora.getByRole('button', { name: 'Add deliverable' }).click();
    await cora.getByLabel('Deliverable 1 title').fill('Churn model');

    // The freelancer covers data, a milestone and ownership.
    const data = finn.locator('[data-section="dataReadiness"]');
    await data.getByLabel('Sources').fill('CRM export and billing database');
    await data.getByLabel('Quality').selectOption('GOOD');
    await finn.getByRole('button', { name: 'Add milestone' }).click();
    await finn.getByLabel('Milestone 1 title').fill('Baseline model');
    await finn.getByLabel('Milestone 1 due date').fill('2031-03-15');
    await finn.getByLabel('Milestone 1 acceptance criteria').fill('AUC of 0.75 on the hold-out month');
    const ownership = finn.locator('[data-section="ownership"]');
    await ownership.getByLabel('IP owner').selectOption('CLIENT');
    await ownership.getByLabel('Confidentiality').fill('Mutual NDA');
    await ownership.getByLabel('Data use').fill('Only for this engagement; deleted after');

    // Once every blocker passes on the client's live document, she freezes with a note.
    await expect.poll(() => freezeButton.isDisabled(), { timeout: 15_000 }).toBe(false);
    await freezeButton.click();
    const freezeDialog = cora.locator('[data-testid="freeze-dialog"]');
    await freezeDialog.getByLabel('Note').fill('First full draft');
    await expectNoAxeViolations(cora, 'the freeze dialog');
    await freezeDialog.getByRole('button', { name: 'Freeze', exact: true }).click();
    await freezeDialog.waitFor({ state: 'detached' });

    // Both timelines show version 1 awaiting signatures; the freelancer's without a reload.
    for (const page of [cora, finn]) {
      await page
        .locator('[data-testid="version-row"][data-version-number="1"][data-status="AWAITING_SIGNATURES"]')
        .waitFor({ timeout: 15_000 });
    }
    await finn.locator('[data-testid="toast"][data-kind="VERSION_FROZEN"]').waitFor();

    await signFromTimeline(cora, client, 1);
    await finn.locator('[data-testid="toast"][data-kind="VERSION_SIGNED"]').waitFor();
    await keepScreenshot(finn, 'contract-one-signature');
    await signFromTimeline(finn, freelancer, 1);

    // Both see SIGNED live, and the executed toast.
    for (const page of [cora, finn]) {
      await page
        .locator('[data-testid="version-row"][data-version-number="1"][data-status="SIGNED"]')
        .waitFor({ timeout: 15_000 });
      await page.locator('[data-testid="toast"][data-kind="VERSION_EXECUTED"]').waitFor();
    }
    await keepScreenshot(cora, 'contract-signed');

    // What the server holds: one SIGNED version whose hash is its content's, signed by both.
    const stored = await t.api.gql(VERSIONS, { id: proposal.id }, { token: client.token });
    const [version] = stored.data?.proposal.versions ?? [];
    expect(version.status).toBe('SIGNED');
    expect(contentHashOf(version.contentJson)).toBe(version.contentHash);
    expect(version.contentJson.outcome.text).toContain('nightly forecast');
    expect(version.contentJson.milestones[0].dueDate).toBe('2031-03-15');
    expect(version.signatures.map((s: { signer: { id: string } }) => s.signer.id).sort()).toEqual(
      [client.id, freelancer.id].sort(),
    );

    // The PDF downloads.
    const [download] = await Promise.all([
      finn.waitForEvent('download'),
      finn.locator('[data-testid="version-row"][data-version-number="1"] [data-testid="download-pdf"]').click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/\.pdf$/);
    const pdf = await readFile((await download.path())!);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('the sign dialog refuses to sign content whose hash differs from the version’s', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const proposal = await makeProposal(t.api, client, 'Tampered in transit');
    await writeLiveBrief(t, client, proposal.id, completeBrief());
    const version = await freezeOk(t, client, proposal.id);
    const page = await openAs(client, proposal.id);

    // Whatever alters the content between the server and the dialog (a proxy, a bug),
    // the dialog recomputes the hash of what it shows and does not offer to sign it.
    await page.route('**/graphql', async (route) => {
      const body = route.request().postData() ?? '';
      if (!body.includes('SignableVersion')) return route.continue();
      const response = await route.fetch();
      const json = await response.json();
      json.data.contractVersion.contentJson.ownership.ipOwner = 'FREELANCER';
      return route.fulfill({ response, json });
    });
    await page.locator(`[data-testid="version-row"][data-version-number="1"] [data-testid="sign-button"]`).click();
    const dialog = page.locator('[data-testid="sign-dialog"]');
    await dialog.locator('[data-testid="hash-mismatch"]').waitFor();
    await expect(dialog.locator('[data-testid="sign-hash-ok"]').count()).resolves.toBe(0);
    await expect(dialog.locator('[data-testid="sign-submit"]').isDisabled()).resolves.toBe(true);
    await keepScreenshot(page, 'contract-hash-mismatch');

    // Nothing was signed.
    const stored = await t.api.gql(VERSIONS, { id: proposal.id }, { token: client.token });
    expect(stored.data?.proposal.versions[0].signatures).toEqual([]);
    expect(stored.data?.proposal.versions[0]).toMatchObject({
      status: 'AWAITING_SIGNATURES',
      contentHash: version.contentHash,
    });
  });

  it('any version opens read-only with its hash checked, and two versions compare field by field', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const proposal = await makeProposal(t.api, client, 'Two rounds');
    await writeLiveBrief(t, client, proposal.id, completeBrief());
    const v1 = await freezeOk(t, client, proposal.id, 'first round');
    await editLiveBrief(t, client, proposal.id, (doc) => {
      doc.getMap('ownership').set('ipOwner', 'SHARED');
      const milestone = (doc.getArray('milestones') as Y.Array<Y.Map<unknown>>).get(0);
      milestone.set('title', 'Baseline model, reviewed');
    });
    const v2 = await freezeOk(t, client, proposal.id, 'second round');
    expect(v2.contentHash).not.toBe(v1.contentHash);

    const page = await session.open(client.token, `/proposals/${proposal.id}/versions/${v1.id}`);
    const view = page.locator('[data-testid="version-page"][data-version-number="1"][data-status="SUPERSEDED"]');
    await view.waitFor();
    await view.locator('[data-testid="hash-check"][data-match="true"]').waitFor();
    await expectNoAxeViolations(page, 'the version page');
    await expect(view.textContent()).resolves.toContain(v1.contentHash);
    await expect(view.textContent()).resolves.toContain('Baseline model');
    // Read-only: no editor and no form control to type into.
    await expect(page.locator('.ProseMirror, [data-section] input, [data-section] textarea').count()).resolves.toBe(0);

    await page.goto(`${t.app.url}/proposals/${proposal.id}/compare?from=${v1.id}&to=${v2.id}`);
    const ipOwner = page.locator(
      '[data-testid="diff-section"][data-section="ownership"] [data-testid="field-change"][data-field="ipOwner"]',
    );
    await ipOwner.waitFor();
    await expectNoAxeViolations(page, 'the compare page');
    await expect(ipOwner.getAttribute('data-before')).resolves.toBe('CLIENT');
    await expect(ipOwner.getAttribute('data-after')).resolves.toBe('SHARED');
    const milestone = page.locator(
      '[data-testid="diff-section"][data-section="milestones"] [data-testid="item-change"]',
    );
    await expect(milestone.count()).resolves.toBe(1);
    await expect(milestone.getAttribute('data-change')).resolves.toBe('CHANGED');
    // Unchanged sections are folded away until asked for.
    const unchanged = page.locator('[data-testid="diff-section"][data-section="outcome"][data-changed="false"]');
    await expect(unchanged.count()).resolves.toBe(0);
    await page.locator('[data-testid="unchanged-hidden"]').getByRole('button').click();
    await expect(unchanged.count()).resolves.toBe(1);
    await expectNoAxeViolations(page, 'the compare page with every section');
    await keepScreenshot(page, 'contract-compare');
  });
});
