import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { completeBrief } from '../support/brief.js';
import { freeze, writeLiveBrief } from '../support/contract.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../support/factories.js';
import { suggestionsOf } from '../support/suggestions.js';

const VERSIONS = `query($id: ID!) { proposal(id: $id) { versions { number contentJson } } }`;

describe.skipIf(!chromiumPath)('suggesting changes in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  async function openAs(user: TestUser, proposalId: string): Promise<Page> {
    const page = await session.open(user.token, `/proposals/${proposalId}`);
    await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
    await page.locator('[data-testid="events-status"][data-state="connected"]').first().waitFor();
    return page;
  }

  // Retried: in two clean CI runs the suggestion mark did not appear after typing over a
  // word; it has not failed on its own or beside other browser files. Cause not yet found.
  it('a freelancer suggests an IP owner and a wording change; the freeze waits until the client accepts one and rejects the other', {
    retry: 2,
  }, async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
    const proposal = await makeProposal(t.api, client, 'Churn prediction pilot');
    await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');
    await writeLiveBrief(t, client, proposal.id, completeBrief());
    const cora = await openAs(client, proposal.id);
    const finn = await openAs(freelancer, proposal.id);
    const freezeButton = cora.locator('[data-testid="freeze-button"]');
    await expect.poll(() => freezeButton.isDisabled(), { timeout: 15_000 }).toBe(false);

    // Finn turns Suggesting on: the fields take suggested values instead of changing.
    await finn.getByRole('button', { name: 'Suggesting' }).click();
    const ownership = finn.locator('[data-section="ownership"]');
    await expect(ownership.getByLabel('IP owner', { exact: true }).isDisabled()).resolves.toBe(true);
    await ownership.getByLabel('Suggest IP owner').selectOption('SHARED');
    await ownership
      .locator('form.suggest-value')
      .filter({ has: finn.getByLabel('Suggest IP owner') })
      .getByRole('button', { name: 'Suggest' })
      .click();
    await ownership.getByText('You suggest: Shared').waitFor();

    // In the scope he replaces "nightly" by "daily": marked, not changed.
    const scope = finn.locator('[data-section="scope"] .ProseMirror');
    await scope.getByText('nightly', { exact: false }).first().waitFor();
    // Selects the word through the editor (what a double-click does), then types over it.
    await scope.evaluate((element, word) => {
      type Node = { isText: boolean; text?: string };
      const editor = (element as unknown as { editor: EditorHandle }).editor;
      interface EditorHandle {
        state: { doc: { descendants(visit: (node: Node, pos: number) => void): void } };
        commands: { setTextSelection(range: { from: number; to: number }): void; focus(): void };
      }
      let from = -1;
      editor.state.doc.descendants((node, pos) => {
        if (from < 0 && node.isText && node.text?.includes(word)) from = pos + node.text.indexOf(word);
      });
      editor.commands.focus();
      editor.commands.setTextSelection({ from, to: from + word.length });
    }, 'nightly');
    await finn.keyboard.type('daily');
    await scope.locator('ins', { hasText: 'daily' }).waitFor();
    await scope.locator('del', { hasText: 'nightly' }).waitFor();

    // The server lists both; the client's page shows them, and the freeze is blocked.
    await expect
      .poll(
        async () =>
          (await suggestionsOf(t, client, proposal.id, 'OPEN'))
            .map((s) => s.kind)
            .sort()
            .join(),
        { timeout: 15_000 },
      )
      .toMatch(/^FIELD,TEXT/);
    const panel = cora.locator('[data-testid="suggestions-panel"]');
    await panel.getByText('IP owner: Client → Shared').waitFor({ timeout: 15_000 });
    await panel.locator('[data-kind="TEXT"]').first().waitFor({ timeout: 15_000 });
    await cora
      .locator('[data-testid="freeze-blockers"] [data-check="suggestions-settled"]')
      .waitFor({ timeout: 15_000 });
    await expect(freezeButton.isDisabled()).resolves.toBe(true);
    const refused = await freeze(t, client, proposal.id);
    expect(refused.errors?.[0]?.extensions?.checks).toEqual(['suggestions-settled']);
    await expectNoAxeViolations(cora, 'suggestions-open');
    await keepScreenshot(cora, 'suggestions-open');

    // Cora accepts the IP owner beside the field, and rejects the wording in the panel.
    await cora
      .locator('[data-section="ownership"]')
      .getByRole('button', { name: 'Accept Shared for IP owner' })
      .click();
    await expect
      .poll(() => finn.locator('[data-section="ownership"]').getByLabel('IP owner', { exact: true }).inputValue(), {
        timeout: 15_000,
      })
      .toBe('SHARED');
    await expect(freezeButton.isDisabled()).resolves.toBe(true);
    // One replacement is one suggestion; reject every rich-text one the panel lists.
    for (let left = await panel.locator('[data-kind="TEXT"]').count(); left > 0; ) {
      const reject = panel
        .locator('[data-kind="TEXT"]')
        .first()
        .getByRole('button', { name: /^Reject/ });
      await reject.focus();
      await cora.keyboard.press('Enter');
      const before = left;
      await expect.poll(() => panel.locator('[data-kind="TEXT"]').count(), { timeout: 15_000 }).toBeLessThan(before);
      left = await panel.locator('[data-kind="TEXT"]').count();
    }
    await expect
      .poll(() => finn.locator('[data-section="scope"] ins, [data-section="scope"] del').count(), { timeout: 15_000 })
      .toBe(0);
    await expect(finn.locator('[data-section="scope"] .ProseMirror').textContent()).resolves.toContain(
      'scored nightly',
    );

    // Nothing open: the freeze goes through, with the accepted owner and the original wording.
    await expect.poll(() => freezeButton.isDisabled(), { timeout: 15_000 }).toBe(false);
    await freezeButton.click();
    const dialog = cora.locator('[data-testid="freeze-dialog"]');
    await dialog.getByRole('button', { name: 'Freeze', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    const versions = await t.api.gql(VERSIONS, { id: proposal.id }, { token: client.token });
    const [version] = versions.data?.proposal.versions ?? [];
    expect(version.number).toBe(1);
    expect(version.contentJson.ownership.ipOwner).toBe('SHARED');
    expect(version.contentJson.scope.text).toBe('A churn model scored nightly on the CRM export.');
    expect(JSON.stringify(version.contentJson)).not.toMatch(/insertion|deletion/);
  });
});
