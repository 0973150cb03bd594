import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../support/factories.js';
import { editComment, reply, setStatus, startThreadOk, threadsOf } from '../support/comments.js';
import { appendParagraph } from '../support/collab-checks.js';
import { editLiveBrief, freezeOk, readyCast } from '../support/contract.js';
import { waitFor } from '../support/wait.js';

const SENTENCE = 'We build a churn model for the subscription business.';

describe.skipIf(!chromiumPath)('comments on the brief in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  async function openAs(user: TestUser, proposalId: string): Promise<Page> {
    const page = await session.open(user.token, `/proposals/${proposalId}`);
    await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
    await page.locator('[data-testid="comments-panel"]').waitFor();
    return page;
  }

  const panel = (page: Page) => page.locator('[data-testid="comments-panel"]');
  const thread = (page: Page) => panel(page).locator('article.thread');

  it('a comment on a sentence of the scope reaches the freelancer live; the reply and the resolution come back live; deleting the text shows a notice', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
    const proposal = await makeProposal(t.api, client, 'Churn prediction pilot');
    await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');
    const cora = await openAs(client, proposal.id);
    const finn = await openAs(freelancer, proposal.id);

    // Cora writes the scope and selects "churn model" in it.
    const scope = cora.locator('[data-section="scope"] .ProseMirror');
    await scope.click();
    await cora.keyboard.type(SENTENCE);
    await expect
      .poll(() => finn.locator('[data-section="scope"] .ProseMirror').textContent(), { timeout: 10_000 })
      .toContain(SENTENCE);
    const tail = ' for the subscription business.'.length;
    await cora.keyboard.press('End');
    for (let i = 0; i < tail; i += 1) await cora.keyboard.press('ArrowLeft');
    for (let i = 0; i < 'churn model'.length; i += 1) await cora.keyboard.press('Shift+ArrowLeft');
    await cora.getByRole('button', { name: 'Comment on the selected text of Scope' }).click();

    const form = cora.locator('[data-testid="new-comment"]');
    await expect(form.textContent()).resolves.toContain('“churn model”');
    await form.getByRole('textbox', { name: 'Your comment' }).fill('Which churn definition do we use?');
    await form.getByRole('button', { name: 'Comment', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await cora.locator('[data-section="scope"] .comment-highlight', { hasText: 'churn model' }).waitFor();
    await cora.locator('[data-check="comments-resolved"][data-passed="false"]').waitFor();

    // Finn sees the thread and its highlight live, without reloading.
    await thread(finn).filter({ hasText: 'Which churn definition do we use?' }).waitFor();
    const highlight = finn.locator('[data-section="scope"] .comment-highlight');
    await highlight.waitFor();
    expect(await highlight.textContent()).toBe('churn model');
    await finn.locator('[data-check="comments-resolved"][data-passed="false"]').waitFor();

    // He answers, mentioning Cora through the autocomplete, and resolves the thread.
    const reply = thread(finn).getByRole('textbox', { name: 'Reply' });
    await reply.click();
    await finn.keyboard.type('Cancelled within 30 days, @Co');
    await finn.getByRole('option', { name: 'Cora Client' }).waitFor();
    await finn.keyboard.press('Enter');
    await finn.keyboard.type('does that work?');
    await expect(reply.inputValue()).resolves.toBe('Cancelled within 30 days, @Cora Client does that work?');
    await thread(finn).getByRole('button', { name: 'Reply', exact: true }).click();
    await thread(finn).locator('.comment-body', { hasText: 'does that work?' }).waitFor();
    await expectNoAxeViolations(finn, 'comments-freelancer');
    await keepScreenshot(finn, 'comments-freelancer');
    await thread(finn)
      .getByRole('button', { name: /^Resolve/ })
      .click();

    // Cora sees the reply, then the resolution, live: the open list empties.
    await panel(cora).getByText('Every thread is resolved.').waitFor();
    await cora.locator('[data-check="comments-resolved"][data-passed="true"]').waitFor();
    await cora.locator('[data-section="scope"] .comment-highlight').waitFor({ state: 'detached' });
    await panel(cora).getByText('Resolved', { exact: true }).click();
    const resolved = thread(cora).filter({ hasText: 'Cancelled within 30 days' });
    await resolved.waitFor();
    expect(await resolved.getAttribute('data-status')).toBe('RESOLVED');
    expect(await resolved.textContent()).toContain('Resolved by Finn Freelancer');
    const stored = await waitFor(async () => (await threadsOf(t, client, proposal.id)).data?.proposal?.threads[0], {
      what: 'the thread on the server',
    });
    expect(stored.comments[1]!.mentions.map((user) => user.id)).toEqual([client.id]);

    // Deleting the commented words leaves the thread with a notice.
    await scope.click();
    await cora.keyboard.press('Control+A');
    await cora.keyboard.press('Backspace');
    await cora.keyboard.type('Something else entirely.');
    await resolved.getByText('The text this comment was on was deleted').waitFor();
    expect(await resolved.locator('.thread-quote').textContent()).toBe('churn model');
    await expectNoAxeViolations(cora, 'comments-detached');
    await keepScreenshot(cora, 'comments-detached');
  });

  it('a freelancer comments on a field and a section; a viewer reads them, can go to them, and cannot write', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
    const viewer = await makeUser(t.api, { name: 'Vera Viewer' });
    const proposal = await makeProposal(t.api, client);
    await addParticipant(t.api, client, proposal.id, freelancer, 'FREELANCER');
    await addParticipant(t.api, client, proposal.id, viewer, 'VIEWER');
    const finn = await openAs(freelancer, proposal.id);
    const vera = await openAs(viewer, proposal.id);

    await finn.getByRole('button', { name: 'Comment on Ownership IP owner' }).click();
    const form = finn.locator('[data-testid="new-comment"]');
    await expect(form.textContent()).resolves.toContain('Comment on Ownership IP owner');
    await form.getByRole('textbox', { name: 'Your comment' }).fill('Shared ownership?');
    await form.getByRole('button', { name: 'Comment', exact: true }).click();
    await form.waitFor({ state: 'detached' });
    await finn.getByRole('button', { name: 'Comment on the Skill validation section' }).click();
    await form.getByRole('textbox', { name: 'Your comment' }).fill('Which trial task?');
    await form.getByRole('button', { name: 'Comment', exact: true }).click();
    await form.waitFor({ state: 'detached' });

    await thread(vera).filter({ hasText: 'Shared ownership?' }).waitFor();
    await thread(vera).filter({ hasText: 'Which trial task?' }).waitFor();
    await vera.locator('[data-check="comments-resolved"][data-passed="false"]').waitFor();
    expect(await panel(vera).getByRole('textbox').count()).toBe(0);
    expect(
      await panel(vera)
        .getByRole('button', { name: /^(Resolve|Reopen|Edit|Delete)/ })
        .count(),
    ).toBe(0);
    expect(await vera.getByRole('button', { name: /^Comment on/ }).count()).toBe(0);

    // Going to a thread brings its field into view.
    await panel(vera).getByRole('button', { name: 'Ownership · IP owner: show in the brief' }).click();
    const field = vera.locator('#comment-anchor-ownership--ipOwner');
    await expect
      .poll(
        () =>
          field.evaluate((element) => {
            const box = element.getBoundingClientRect();
            return box.top >= 0 && box.bottom <= (globalThis as unknown as { innerHeight: number }).innerHeight;
          }),
        { timeout: 10_000 },
      )
      .toBe(true);
    await expectNoAxeViolations(vera, 'comments-viewer');
    await keepScreenshot(vera, 'comments-viewer');
  });

  it('a version page shows the threads as they were at its freeze, each version its own, read-only, after the live ones were read', async () => {
    const cast = await readyCast(t);
    const started = await startThreadOk(t, cast.client, cast.proposal.id, 'Kept-v1-text', {
      section: 'ownership',
      field: 'ipOwner',
    });
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await editComment(t, cast.client, started.comments[0]!.id, 'Kept-v2-text');
    await reply(t, cast.freelancer, started.id, 'Answer before v2');
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'Also flag downgrades.'));
    await freezeOk(t, cast.client, cast.proposal.id);
    await editComment(t, cast.client, started.comments[0]!.id, 'Live-text');
    await reply(t, cast.client, started.id, 'Written after v2');
    await setStatus(t, cast.freelancer, started.id, 'resolveThread');

    const page = await session.open(cast.client.token, `/proposals/${cast.proposal.id}/versions/${v1.id}`);
    const kept = (number: number) =>
      page.locator(`[data-testid="version-page"][data-version-number="${number}"] [data-testid="version-threads"]`);
    const bodies = (number: number) => kept(number).locator('.comment-body').allTextContents();
    await kept(1).locator('.comment-body').first().waitFor();
    await expect(kept(1).getByRole('heading', { level: 2 }).textContent()).resolves.toBe(
      'Threads open when version 1 was frozen',
    );
    await expect(bodies(1)).resolves.toEqual(['Kept-v1-text']);
    await expect(kept(1).locator('article.thread').getAttribute('data-status')).resolves.toBe('OPEN');
    await expect(kept(1).locator('button, textarea, input, [contenteditable="true"]').count()).resolves.toBe(0);
    await expectNoAxeViolations(page, 'version-threads');

    // The live thread goes through the same cache on the proposal page...
    await page.getByTestId('back-link').click();
    await panel(page).getByText('Every thread is resolved.').waitFor();
    // ...and neither it nor version 2's copy changes what version 1 shows.
    await page.locator('[data-testid="version-row"][data-version-number="2"] [data-testid="view-version"]').click();
    await kept(2).locator('.comment-body').first().waitFor();
    await expect(bodies(2)).resolves.toEqual(['Kept-v2-text', 'Answer before v2']);
    await expect(kept(2).locator('article.thread').getAttribute('data-status')).resolves.toBe('OPEN');
    await page.getByTestId('back-link').click();
    await page.locator('[data-testid="version-row"][data-version-number="1"] [data-testid="view-version"]').click();
    await kept(1).locator('.comment-body').first().waitFor();
    await expect(bodies(1)).resolves.toEqual(['Kept-v1-text']);
    expect(page.url()).toContain(v1.id);
  });
});
