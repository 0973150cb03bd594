import { describe, expect, it } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import * as Y from 'yjs';
import type { TypedBriefContent } from '@brieflock/schema';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, keepScreenshot, useBrowserSession } from '../support/browser.js';
import { expectNoAxeViolations } from '../support/axe.js';
import { completeBrief, writeBrief } from '../support/brief.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const DRAFT = `query($id: ID!) { proposal(id: $id) { draft {
  dataReadiness { sources }
  milestones { id acceptanceCriteria dueDate revisionRounds }
} } }`;

/** What the tests read of a text control in the page (this file has no DOM types). */
type TextControl = {
  value: string;
  selectionStart: number | null;
  selectionEnd: number | null;
  setSelectionRange(start: number, end: number): void;
};

type Draft = {
  dataReadiness: { sources: string };
  milestones: { id: string; acceptanceCriteria: string; dueDate: string | null; revisionRounds: number | null }[];
};

describe.skipIf(!chromiumPath)(
  'typing into structured fields in Chromium',
  { timeout: BROWSER_TEST_TIMEOUT_MS },
  () => {
    const session = useBrowserSession();
    const { t } = session;

    /** A cast whose brief is stored as a plain Yjs client wrote it: every text a plain string. */
    async function castWithBrief(brief: TypedBriefContent = completeBrief()) {
      const cast = await makeCast(t.api);
      const doc = new Y.Doc();
      writeBrief(doc, brief);
      await t.db.query('insert into brief_updates (proposal_id, data) values ($1, $2)', [
        cast.proposal.id,
        Buffer.from(Y.encodeStateAsUpdate(doc)),
      ]);
      return cast;
    }

    async function openAs(user: TestUser, proposalId: string): Promise<Page> {
      const page = await session.open(user.token, `/proposals/${proposalId}`);
      await page.locator('[data-testid="collab-status"][data-connection="connected"]').waitFor();
      return page;
    }

    async function draftOf(user: TestUser, proposalId: string): Promise<Draft> {
      const result = await t.api.gql<{ proposal: { draft: Draft } }>(DRAFT, { id: proposalId }, { token: user.token });
      if (!result.data) throw new Error(JSON.stringify(result.errors));
      return result.data.proposal.draft;
    }

    const sourcesOf = (page: Page) => page.locator('#brief-dataReadiness-sources');
    const acceptanceOf = (page: Page) => page.locator('#brief-milestones-milestone-1-acceptanceCriteria');

    /** Puts the caret of a text control at `where` (a character index, or its start or end). */
    async function caretAt(control: Locator, where: number | 'start' | 'end') {
      await control.focus();
      await control.evaluate((element: TextControl, at) => {
        const index = at === 'start' ? 0 : at === 'end' ? element.value.length : at;
        element.setSelectionRange(index, index);
      }, where);
    }

    const caretOf = (control: Locator) =>
      control.evaluate((element: TextControl) => [element.selectionStart, element.selectionEnd]);

    it('two people typing into the same map field and the same list item field at once keep every character', async () => {
      const cast = await castWithBrief();
      const brief = completeBrief();
      const cora = await openAs(cast.client, cast.proposal.id);
      const finn = await openAs(cast.freelancer, cast.proposal.id);
      await expect.poll(() => sourcesOf(finn).inputValue()).toBe(brief.dataReadiness.sources);

      // Cora adds to the end of Sources while Finn writes at its start, keystroke for keystroke.
      await caretAt(sourcesOf(cora), 'end');
      await caretAt(sourcesOf(finn), 'start');
      await Promise.all([cora.keyboard.type(' plus CSAT', { delay: 40 }), finn.keyboard.type('Main: ', { delay: 40 })]);
      const sources = `Main: ${brief.dataReadiness.sources} plus CSAT`;
      await expect.poll(() => sourcesOf(cora).inputValue(), { timeout: 10_000 }).toBe(sources);
      await expect.poll(() => sourcesOf(finn).inputValue(), { timeout: 10_000 }).toBe(sources);

      // The same in one milestone's acceptance criteria.
      await caretAt(acceptanceOf(cora), 'start');
      await caretAt(acceptanceOf(finn), 'end');
      await Promise.all([
        cora.keyboard.type('Signed off: ', { delay: 40 }),
        finn.keyboard.type(', checked by the client', { delay: 40 }),
      ]);
      const acceptance = `Signed off: ${brief.milestones[0]!.acceptanceCriteria}, checked by the client`;
      await expect.poll(() => acceptanceOf(cora).inputValue(), { timeout: 10_000 }).toBe(acceptance);
      await expect.poll(() => acceptanceOf(finn).inputValue(), { timeout: 10_000 }).toBe(acceptance);
      await expectNoAxeViolations(cora, 'field-typing-merged');
      await keepScreenshot(cora, 'field-typing-merged');

      const draft = await waitFor(
        async () => {
          const d = await draftOf(cast.client, cast.proposal.id);
          return d.dataReadiness.sources === sources && d.milestones[0]?.acceptanceCriteria === acceptance ? d : null;
        },
        { what: 'the server to hold both texts' },
      );
      expect(draft.dataReadiness.sources).toBe(sources);
    });

    it('shows on each field who else is in it, and follows them from field to field', async () => {
      const cast = await castWithBrief();
      const cora = await openAs(cast.client, cast.proposal.id);
      const finn = await openAs(cast.freelancer, cast.proposal.id);
      const sourcesFrame = (page: Page) => page.locator('#comment-anchor-dataReadiness--sources');
      const acceptanceFrame = (page: Page) => page.locator('#comment-anchor-milestones-milestone-1-acceptanceCriteria');

      await sourcesOf(finn).focus();
      await sourcesFrame(cora)
        .locator('[data-testid="field-presence"]')
        .filter({ hasText: 'Finn Freelancer' })
        .waitFor();
      expect(await sourcesFrame(cora).getAttribute('data-present')).toBe('Finn Freelancer');
      // Nobody sees themselves: Finn's own page shows no badge on the field he is in.
      expect(await sourcesFrame(finn).locator('[data-testid="field-presence"]').count()).toBe(0);
      await expectNoAxeViolations(cora, 'field-presence');
      await keepScreenshot(cora, 'field-presence');

      // Finn moves to a milestone's acceptance criteria: the badge moves with him.
      await acceptanceOf(finn).focus();
      await acceptanceFrame(cora)
        .locator('[data-testid="field-presence"]')
        .filter({ hasText: 'Finn Freelancer' })
        .waitFor();
      await sourcesFrame(cora).locator('[data-testid="field-presence"]').waitFor({ state: 'detached' });

      // Both in one field: each sees the other there.
      await acceptanceOf(cora).focus();
      await acceptanceFrame(finn)
        .locator('[data-testid="field-presence"]')
        .filter({ hasText: 'Cora Client' })
        .waitFor();
      expect(await acceptanceFrame(cora).getAttribute('data-present')).toBe('Finn Freelancer');

      // Leaving the page clears Finn's place.
      await finn.close();
      await acceptanceFrame(cora).locator('[data-testid="field-presence"]').waitFor({ state: 'detached' });
    });

    it('a remote edit before the caret leaves the caret at the same place in the text', async () => {
      const cast = await castWithBrief();
      const brief = completeBrief();
      const cora = await openAs(cast.client, cast.proposal.id);
      const finn = await openAs(cast.freelancer, cast.proposal.id);
      await expect.poll(() => sourcesOf(finn).inputValue()).toBe(brief.dataReadiness.sources);

      // Cora's caret sits after "CRM export"; Finn types at the very start.
      const at = 'CRM export'.length;
      await caretAt(sourcesOf(cora), at);
      await caretAt(sourcesOf(finn), 'start');
      await finn.keyboard.type('Main: ', { delay: 20 });
      await expect
        .poll(() => sourcesOf(cora).inputValue(), { timeout: 10_000 })
        .toBe(`Main: ${brief.dataReadiness.sources}`);
      expect(await caretOf(sourcesOf(cora))).toEqual([at + 6, at + 6]);

      // And her next keystrokes land where she left off.
      await cora.keyboard.type(' files');
      await expect
        .poll(() => sourcesOf(finn).inputValue(), { timeout: 10_000 })
        .toBe('Main: CRM export files and billing database');
    });

    it('says next to the field why a negative number of rounds or an impossible date is not stored, and keeps it', async () => {
      const brief = completeBrief();
      brief.milestones[1]!.dueDate = null;
      const cast = await castWithBrief(brief);
      const cora = await openAs(cast.client, cast.proposal.id);
      const finn = await openAs(cast.freelancer, cast.proposal.id);

      const rounds = cora.getByLabel('Milestone 1 revision rounds', { exact: true });
      await rounds.fill('-1');
      const roundsProblem = cora.getByText('Enter a whole number of rounds, 0 or more.');
      await roundsProblem.waitFor();
      expect(await rounds.inputValue()).toBe('-1');
      expect(await rounds.getAttribute('aria-invalid')).toBe('true');
      const describedBy = (await rounds.getAttribute('aria-describedby')) ?? '';
      expect(describedBy.split(' ')).toContain(await roundsProblem.getAttribute('id'));
      // The message sits in the same field as the control.
      expect(await cora.locator('.field', { has: rounds }).getByText('Enter a whole number of rounds').count()).toBe(1);

      const due = cora.getByLabel('Milestone 2 due date', { exact: true });
      await due.focus();
      await cora.keyboard.type('02302026');
      // Said once the typist leaves the control (a date on its way to complete is incomplete too).
      await cora.getByLabel('Milestone 2 title', { exact: true }).focus();
      const dueProblem = cora.getByText('Enter a date that exists, with day, month and a four-digit year.');
      await dueProblem.waitFor();
      expect(await due.evaluate((input: { validity: { badInput: boolean } }) => input.validity.badInput)).toBe(true);
      await expectNoAxeViolations(cora, 'field-typing-invalid');
      await keepScreenshot(cora, 'field-typing-invalid');

      // Neither value reached the shared brief: the other side still sees what was there.
      const draft = await draftOf(cast.client, cast.proposal.id);
      expect(draft.milestones[0]!.revisionRounds).toBe(1);
      expect(draft.milestones[1]!.dueDate).toBeNull();
      expect(await finn.getByLabel('Milestone 1 revision rounds', { exact: true }).inputValue()).toBe('1');
      expect(await finn.getByLabel('Milestone 2 due date', { exact: true }).inputValue()).toBe('');
      // What Cora typed stays while Finn edits the same row.
      await finn.getByLabel('Milestone 1 title', { exact: true }).fill('Baseline model v2');
      await expect
        .poll(() => cora.getByLabel('Milestone 1 title', { exact: true }).inputValue(), { timeout: 10_000 })
        .toBe('Baseline model v2');
      expect(await rounds.inputValue()).toBe('-1');

      // Corrected, the message goes and the values are shared.
      await rounds.fill('3');
      await roundsProblem.waitFor({ state: 'detached' });
      await due.fill('2026-03-02');
      await dueProblem.waitFor({ state: 'detached' });
      await expect
        .poll(() => finn.getByLabel('Milestone 1 revision rounds', { exact: true }).inputValue(), { timeout: 10_000 })
        .toBe('3');
      await expect
        .poll(() => finn.getByLabel('Milestone 2 due date', { exact: true }).inputValue(), { timeout: 10_000 })
        .toBe('2026-03-02');
    });
  },
);
