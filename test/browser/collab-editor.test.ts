import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { CloseCode } from '@brieflock/schema';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { connectPeer, synced } from '../support/collab.js';
import * as Y from 'yjs';

const DRAFT_QUERY = `query($id: ID!) { proposal(id: $id) { draft { outcome { text } milestones { title dueDate revisionRounds } } } }`;

describe.skipIf(!chromiumPath)('live brief editor in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  /** A browser context signed in as `user` through the session cookie, on the proposal page. */
  async function openAs(user: TestUser, proposalId: string): Promise<Page> {
    const page = await session.open(user.token, `/proposals/${proposalId}`);
    await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
    return page;
  }

  it('text and a milestone typed by the client appear for the freelancer, with the remote caret drawn', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
    const proposal = await makeProposal(t.api, client, 'Churn prediction pilot');
    await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');

    const cora = await openAs(client, proposal.id);
    const finn = await openAs(freelancer, proposal.id);

    // Both see each other.
    await cora.locator(`[data-testid="presence-avatar"][data-user-id="${freelancer.id}"]`).waitFor();
    await finn.locator(`[data-testid="presence-avatar"][data-user-id="${client.id}"]`).waitFor();

    const outcome = cora.locator('[data-section="outcome"] .ProseMirror');
    await outcome.click();
    await cora.keyboard.type('Cut monthly churn from 4% to 3% with a forecast.');
    await expect
      .poll(() => finn.locator('[data-section="outcome"] .ProseMirror').textContent(), { timeout: 10_000 })
      .toContain('Cut monthly churn from 4% to 3% with a forecast.');

    // The client's caret is drawn in the freelancer's editor, labelled with her name.
    const caretLabel = finn.locator('[data-section="outcome"] .collaboration-carets__label');
    await caretLabel.first().waitFor();
    await expect(caretLabel.first().textContent()).resolves.toContain('Cora Client');
    // The name steps aside after a moment, so that it does not cover the line above; the caret stays.
    await expect
      .poll(
        // Evaluated as text: the test project has no DOM types.
        () =>
          finn.evaluate<string>(
            `getComputedStyle(document.querySelector('[data-section="outcome"] .collaboration-carets__label')).opacity`,
          ),
        {
          timeout: 10_000,
        },
      )
      .toBe('0');
    await finn.locator('[data-section="outcome"] .collaboration-carets__caret').first().waitFor();

    await cora.getByRole('button', { name: 'Add milestone' }).click();
    await cora.getByLabel('Milestone 1 title').fill('Baseline model');
    await cora.getByLabel('Milestone 1 due date').fill('2031-03-15');
    await cora.getByLabel('Milestone 1 revision rounds').fill('2');
    await expect
      .poll(() => finn.getByLabel('Milestone 1 title').inputValue(), { timeout: 10_000 })
      .toBe('Baseline model');
    await expect
      .poll(() => finn.getByLabel('Milestone 1 due date').inputValue(), { timeout: 10_000 })
      .toBe('2031-03-15');

    // The freelancer answers in the same milestone; the client sees it.
    await finn.getByLabel('Milestone 1 acceptance criteria').fill('AUC at least 0.80 on the holdout month');
    await expect
      .poll(() => cora.getByLabel('Milestone 1 acceptance criteria').inputValue(), { timeout: 10_000 })
      .toBe('AUC at least 0.80 on the holdout month');

    // What the editors show is what the server holds, durably.
    await cora.locator('[data-testid="collab-status"][data-saved="true"]').waitFor();
    await finn.locator('[data-testid="collab-status"][data-saved="true"]').waitFor();
    const draft = await waitFor(
      async () => {
        const result = await t.api.gql<{
          proposal: {
            draft: {
              outcome: { text: string };
              milestones: { title: string; dueDate: string; revisionRounds: number }[];
            };
          };
        }>(DRAFT_QUERY, { id: proposal.id }, { token: freelancer.token });
        const d = result.data?.proposal.draft;
        return d?.milestones[0]?.revisionRounds === 2 ? d : null;
      },
      { what: 'the draft to hold the milestone' },
    );
    expect(draft.outcome.text).toBe('Cut monthly churn from 4% to 3% with a forecast.');
    expect(draft.milestones).toEqual([{ title: 'Baseline model', dueDate: '2031-03-15', revisionRounds: 2 }]);

    // The readiness panel runs the shared checks live: the outcome check now passes.
    await cora.locator('[data-check="outcome-defined"][data-passed="true"]').waitFor();
    await cora.locator('[data-check="ip-owner"][data-passed="false"]').waitFor();

    await keepScreenshot(cora, 'collab-client');
    await keepScreenshot(finn, 'collab-freelancer');

    // Signing out erases the briefs this browser kept for offline use.
    const deviceCopies = () =>
      cora.evaluate(async () => {
        const idb = (globalThis as unknown as { indexedDB: { databases(): Promise<{ name?: string }[]> } }).indexedDB;
        return (await idb.databases()).map((d) => d.name).filter((name) => name?.startsWith('brieflock:'));
      });
    expect(await deviceCopies()).toHaveLength(1);
    await cora.getByRole('button', { name: 'Sign out', exact: true }).click();
    await cora.getByRole('button', { name: 'Sign in', exact: true }).waitFor();
    await expect.poll(deviceCopies, { timeout: 10_000 }).toHaveLength(0);
  });

  it('a viewer gets a read-only editor that still follows the edits', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const viewer = await makeUser(t.api, { name: 'Vera Viewer' });
    const proposal = await makeProposal(t.api, client);
    await addParticipant(t.api, client, proposal.id, viewer, 'VIEWER');
    const cora = await openAs(client, proposal.id);
    const vera = await openAs(viewer, proposal.id);

    await vera.locator('[data-testid="viewer-note"]').waitFor();
    await vera.locator('[data-section="outcome"] .ProseMirror[contenteditable="false"]').waitFor();
    expect(await vera.locator('[data-add-row]').count()).toBe(0);

    await cora.locator('[data-section="outcome"] .ProseMirror').click();
    await cora.keyboard.type('Viewers read along.');
    await expect
      .poll(() => vera.locator('[data-section="outcome"] .ProseMirror').textContent(), { timeout: 10_000 })
      .toContain('Viewers read along.');
    // The client sees the viewer marked as such.
    await cora.locator(`[data-testid="presence-avatar"][data-user-id="${viewer.id}"][data-role="VIEWER"]`).waitFor();
    await keepScreenshot(vera, 'collab-viewer');
  });

  it('removing the freelancer from the participants table cuts their live editor off at once', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
    const proposal = await makeProposal(t.api, client);
    await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');
    const cora = await openAs(client, proposal.id);
    const finn = await openAs(freelancer, proposal.id);
    await cora.locator(`[data-testid="presence-avatar"][data-user-id="${freelancer.id}"]`).waitFor();

    cora.once('dialog', (dialog) => void dialog.accept());
    await cora.locator('[data-testid="participants-button"]').click();
    await cora.getByRole('button', { name: 'Remove Finn Freelancer' }).click();
    await cora.getByRole('cell', { name: freelancer.email }).waitFor({ state: 'detached' });
    // Their page drops the brief with everything else of the proposal and says why.
    await finn.locator('[data-testid="access-lost"]').waitFor();
    expect(await finn.locator('.ProseMirror').count()).toBe(0);
    await cora
      .locator(`[data-testid="presence-avatar"][data-user-id="${freelancer.id}"]`)
      .waitFor({ state: 'detached' });
    await keepScreenshot(finn, 'collab-removed');
  });

  it('edits made while the server is unreachable survive a reload and merge when the connection returns', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
    const proposal = await makeProposal(t.api, client);
    await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');
    const finn = await openAs(freelancer, proposal.id);

    const context = await session.signedInContext(client.token);
    const offline = await context.newPage();
    // Every collaboration socket of this page fails: the server is out of reach.
    await offline.routeWebSocket(/\/collab\//, (ws) => ws.close({ code: CloseCode.ABNORMAL_CLOSURE }));
    await offline.goto(`${t.app.url}/proposals/${proposal.id}`);
    const editor = offline.locator('[data-section="outcome"] .ProseMirror[contenteditable="true"]');
    await editor.click();
    await offline.keyboard.type('Drafted on the train without a connection.');
    await offline.locator('[data-testid="collab-status"][data-saved="false"]').waitFor();
    await keepScreenshot(offline, 'collab-offline');

    // A reload, still offline: the draft comes back from this device.
    await offline.reload();
    await expect
      .poll(() => offline.locator('[data-section="outcome"] .ProseMirror').textContent(), { timeout: 10_000 })
      .toContain('Drafted on the train without a connection.');
    expect(await finn.locator('[data-section="outcome"] .ProseMirror').textContent()).not.toContain(
      'Drafted on the train',
    );
    await offline.close();

    // Back online (same browser profile, so the same device copy): the draft merges.
    const online = await context.newPage();
    await online.goto(`${t.app.url}/proposals/${proposal.id}`);
    await online.locator('[data-testid="collab-status"][data-connection="connected"][data-saved="true"]').waitFor();
    await expect
      .poll(() => finn.locator('[data-section="outcome"] .ProseMirror').textContent(), { timeout: 10_000 })
      .toContain('Drafted on the train without a connection.');
  });

  it('an editor heals the duplicate rows that concurrent moves of one milestone leave behind', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const proposal = await makeProposal(t.api, client);
    const cora = await openAs(client, proposal.id);
    await cora.getByRole('button', { name: 'Add milestone' }).click();
    await cora.getByLabel('Milestone 1 title').fill('Pilot');
    await cora.getByRole('button', { name: 'Add milestone' }).click();
    await cora.getByLabel('Milestone 2 title').fill('Rollout');

    // A plain Yjs client leaves what two concurrent moves of "Pilot" leave: a second copy.
    const peer = connectPeer(t.app.url, proposal.id, client.token);
    try {
      await synced(peer);
      const milestones = peer.doc.getArray<Y.Map<unknown>>('milestones');
      await waitFor(() => milestones.length === 2 && String(milestones.get(1).get('title')) === 'Rollout', {
        what: 'both rows at the peer',
      });
      const pilot = milestones.get(0);
      // A copy of the row, its Y.Texts cloned (a shared type lives in one place only).
      const copy = [...pilot.entries()].map(([key, value]) => [
        key,
        value instanceof Y.AbstractType ? value.clone() : value,
      ]);
      peer.doc.transact(() => milestones.push([new Y.Map<unknown>(copy as [string, unknown][])]));
      await waitFor(() => milestones.length === 2 && milestones.toArray().every((m) => m.get('title') !== undefined), {
        what: 'the editor to remove the copy',
      });
      expect(milestones.toArray().map((m) => String(m.get('title')))).toEqual(['Pilot', 'Rollout']);
      await expect.poll(() => cora.locator('[data-section="milestones"] [data-item-id]').count()).toBe(2);
    } finally {
      peer.destroy();
    }
  });
});
