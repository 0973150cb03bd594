import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getOperationName } from '@urql/core';
import { Provider } from 'urql';
import { pipe, subscribe } from 'wonka';
import { describe, expect, it } from 'vitest';
import { fakeServer, refused, type Refusal } from '../data/fake-server';
import { MyNotificationsSubscription } from '../operations/notifications';
import { ProposalEventsSubscription } from '../operations/proposals';
import { EngagementEnd } from './EngagementEnd';

const cora = { __typename: 'User', id: 'u-cora', email: 'cora@example.test', name: 'Cora Client' };
const finn = { __typename: 'User', id: 'u-finn', email: 'finn@example.test', name: 'Finn Freelancer' };

interface Stored {
  closedAt: string | null;
  closedBy: typeof cora | null;
  milestones: { id: string; state: string }[];
  reviews: Record<string, unknown>[];
}

/**
 * The end of an engagement over a server in memory that keeps what it is told; `refuse`
 * answers the next mutation of that name with a refusal instead.
 */
function openEnd(viewer: typeof cora, start: Partial<Stored> = {}) {
  const stored: Stored = {
    closedAt: null,
    closedBy: null,
    milestones: [{ id: 'm1', state: 'IN_PROGRESS' }],
    reviews: [],
    ...start,
  };
  const refusals = new Map<string, Refusal>();
  const sent: { name: string; variables: unknown }[] = [];
  const proposal = () => ({
    __typename: 'Proposal',
    id: 'p1',
    myRole: viewer === cora ? 'CLIENT' : 'FREELANCER',
    closedAt: stored.closedAt,
    closedBy: stored.closedBy,
    contractInForce: {
      __typename: 'ContractVersion',
      id: 'v1',
      signers: [
        { __typename: 'VersionSigner', role: 'CLIENT', user: cora },
        { __typename: 'VersionSigner', role: 'FREELANCER', user: finn },
      ],
    },
    milestones: stored.milestones.map((m) => ({ __typename: 'TrackedMilestone', ...m })),
    reviews: stored.reviews,
  });
  const server = fakeServer((operation) => {
    const name = getOperationName(operation.query) ?? '?';
    const variables = operation.variables as { input?: Record<string, unknown> };
    if (operation.kind === 'mutation') sent.push({ name, variables });
    const refusal = refusals.get(name);
    if (refusal) {
      refusals.delete(name);
      return refusal;
    }
    switch (name) {
      case 'EngagementEnd':
        return { proposal: proposal() };
      case 'CloseEngagement':
        stored.closedAt = '2026-12-03T10:00:00.000Z';
        stored.closedBy = cora;
        return { closeEngagement: proposal() };
      case 'ReviewFreelancer': {
        const input = variables.input!;
        const review = {
          __typename: 'Review',
          id: 'r1',
          proposalId: 'p1',
          wouldHireAgain: input.wouldHireAgain,
          communication: input.communication,
          note: String(input.note).trim(),
          answer: null,
          answeredAt: null,
          createdAt: '2026-12-03T10:05:00.000Z',
          author: cora,
          freelancer: finn,
        };
        stored.reviews = [review];
        return { reviewFreelancer: review };
      }
      case 'AnswerReview': {
        const input = variables.input!;
        const review = { ...stored.reviews[0]!, answer: input.answer, answeredAt: '2026-12-03T10:10:00.000Z' };
        stored.reviews = [review];
        return { answerReview: review };
      }
      default:
        return {};
    }
  });
  // What the app shell and the page keep open: the bell's notifications and the proposal's events.
  pipe(
    server.client.subscription(MyNotificationsSubscription, {}),
    subscribe(() => {}),
  );
  pipe(
    server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
    subscribe(() => {}),
  );
  const done: string[] = [];
  render(
    <Provider value={server.client}>
      <EngagementEnd proposalId="p1" viewerId={viewer.id} onDone={(message) => done.push(message)} />
    </Provider>,
  );
  return {
    server,
    stored,
    sent,
    done,
    refuse: (name: string, refusal: Refusal) => refusals.set(name, refusal),
    user: userEvent.setup({ delay: null }),
    notify: (kind: string) =>
      act(() =>
        server.notify({
          id: `n-${kind}`,
          kind,
          text: kind,
          link: '/proposals/p1',
          createdAt: '2026-12-03T10:06:00.000Z',
          readAt: null,
          proposal: { __typename: 'Proposal', id: 'p1' },
        }),
      ),
  };
}

const review = (overrides: Record<string, unknown> = {}) => ({
  __typename: 'Review',
  id: 'r1',
  proposalId: 'p1',
  wouldHireAgain: true,
  communication: 4,
  note: 'Delivered the model early.',
  answer: null,
  answeredAt: null,
  createdAt: '2026-12-03T10:05:00.000Z',
  author: cora,
  freelancer: finn,
  ...overrides,
});

describe('closing the engagement', () => {
  it('asks first: cancelling sends nothing, confirming closes it and says who closed it', async () => {
    const { user, sent, done } = openEnd(cora);
    await user.click(await screen.findByRole('button', { name: 'Close engagement' }));
    const dialog = screen.getByRole('dialog', { name: 'Close the engagement?' });
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(sent).toEqual([]);

    await user.click(screen.getByRole('button', { name: 'Close engagement' }));
    await user.click(screen.getByRole('button', { name: 'Close the engagement' }));
    await waitFor(() => expect(screen.getByTestId('engagement-closed').textContent).toContain('closed by you'));
    expect(sent).toEqual([{ name: 'CloseEngagement', variables: { proposalId: 'p1' } }]);
    expect(screen.queryByRole('button', { name: 'Close engagement' })).toBeNull();
    expect(done).toEqual(['You closed the engagement.']);
  });

  it('keeps the dialog open with the refusal when the server says no', async () => {
    const { user, refuse } = openEnd(cora);
    refuse('CloseEngagement', refused('CONFLICT', 'The engagement is already closed.'));
    await user.click(await screen.findByRole('button', { name: 'Close engagement' }));
    await user.click(screen.getByRole('button', { name: 'Close the engagement' }));
    const dialog = screen.getByRole('dialog', { name: 'Close the engagement?' });
    expect((await within(dialog).findByRole('alert')).textContent).toBe('The engagement is already closed.');
  });

  it('is not offered to a freelancer, who sees the close live', async () => {
    const { server, stored } = openEnd(finn);
    await waitFor(() => expect(server.asked).toContain('EngagementEnd'));
    expect(screen.queryByRole('button', { name: 'Close engagement' })).toBeNull();

    stored.closedAt = '2026-12-03T10:00:00.000Z';
    stored.closedBy = cora;
    act(() =>
      server.push({
        kind: 'ENGAGEMENT_CLOSED',
        proposalId: 'p1',
        sections: [],
        at: '2026-12-03T10:00:00.000Z',
        version: null,
        actor: cora,
        participantId: null,
        participant: null,
        thread: null,
        suggestion: null,
        changedFields: [],
        proposal: null,
      }),
    );
    expect((await screen.findByTestId('engagement-closed')).textContent).toContain('closed by Cora Client');
  });
});

describe('reviewing a freelancer', () => {
  it('is offered only once the engagement is closed or every milestone accepted', async () => {
    openEnd(cora);
    await screen.findByTestId('review-not-yet');
    expect(screen.queryByRole('form', { name: 'Review Finn Freelancer' })).toBeNull();
    screen.getByRole('button', { name: 'Close engagement' });
    // Every milestone accepted is enough, before closing.
    openEnd(cora, { milestones: [{ id: 'm2', state: 'ACCEPTED' }] });
    expect(await screen.findByRole('form', { name: 'Review Finn Freelancer' })).toBeTruthy();
  });

  it('shows a refusal beside its field, keeps what was typed, then shows the review', async () => {
    const { user, refuse, sent, done } = openEnd(cora, { closedAt: '2026-12-03T10:00:00.000Z', closedBy: cora });
    const form = await screen.findByRole('form', { name: 'Review Finn Freelancer' });
    await user.click(within(form).getByRole('button', { name: 'Submit review' }));
    // Nothing chosen: said at the group, nothing sent.
    const hire = within(form).getByRole('group', { name: 'Would you hire Finn Freelancer again?' });
    expect(hire.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(hire.getAttribute('aria-describedby')!)?.textContent).toBe('Choose yes or no.');
    expect(sent).toEqual([]);

    await user.click(within(form).getByRole('radio', { name: 'Yes' }));
    await user.selectOptions(within(form).getByLabelText('Communication'), '4');
    await user.type(within(form).getByLabelText('Note'), 'Delivered the model early.');
    refuse('ReviewFreelancer', refused('BAD_USER_INPUT', 'note: is too long', { field: 'note' }));
    await user.click(within(form).getByRole('button', { name: 'Submit review' }));

    const note = within(form).getByLabelText('Note') as HTMLTextAreaElement;
    await waitFor(() => expect(note.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(note.getAttribute('aria-describedby')!.split(' ')[0]!)?.textContent).toBe(
      'Is too long.',
    );
    expect(note.value).toBe('Delivered the model early.');
    expect((within(form).getByLabelText('Communication') as HTMLSelectElement).value).toBe('4');
    expect((within(form).getByRole('radio', { name: 'Yes' }) as HTMLInputElement).checked).toBe(true);

    await user.click(within(form).getByRole('button', { name: 'Submit review' }));
    const shown = await screen.findByRole('listitem', { name: 'You reviewed Finn Freelancer' });
    expect(within(shown).getByTestId('review-hire-again').textContent).toBe('Yes');
    expect(within(shown).getByTestId('review-communication').textContent).toBe('4 of 5');
    expect(within(shown).getByTestId('review-note').textContent).toBe('Delivered the model early.');
    expect(screen.queryByRole('form', { name: 'Review Finn Freelancer' })).toBeNull();
    expect(sent.at(-1)).toEqual({
      name: 'ReviewFreelancer',
      variables: {
        input: {
          proposalId: 'p1',
          freelancerId: 'u-finn',
          wouldHireAgain: true,
          communication: 4,
          note: 'Delivered the model early.',
        },
      },
    });
    expect(done).toEqual(['You reviewed Finn Freelancer.']);
  });

  it('the client sees the answer arrive live', async () => {
    const { stored, notify } = openEnd(cora, { closedAt: '2026-12-03T10:00:00.000Z', reviews: [review()] });
    const shown = await screen.findByRole('listitem', { name: 'You reviewed Finn Freelancer' });
    expect(within(shown).queryByTestId('review-answer')).toBeNull();
    // Only the reviewed freelancer answers.
    expect(within(shown).queryByRole('form', { name: 'Answer the review' })).toBeNull();
    stored.reviews = [review({ answer: 'Thank you!', answeredAt: '2026-12-03T10:10:00.000Z' })];
    notify('REVIEW_ANSWERED');
    expect((await within(shown).findByTestId('review-answer')).textContent).toContain('Thank you!');
  });
});

describe('answering a review', () => {
  it('the freelancer sees the review arrive live and answers it once; a refusal keeps the text', async () => {
    const { stored, notify, user, refuse, sent } = openEnd(finn, { closedAt: '2026-12-03T10:00:00.000Z' });
    await waitFor(() => expect(screen.getByTestId('engagement-closed')).toBeTruthy());
    expect(screen.queryByRole('form', { name: 'Review Finn Freelancer' })).toBeNull();
    stored.reviews = [review()];
    notify('REVIEW_WRITTEN');
    const shown = await screen.findByRole('listitem', { name: 'Cora Client reviewed you' });

    const form = within(shown).getByRole('form', { name: 'Answer the review' });
    await user.type(within(form).getByLabelText('Your answer'), 'Thank you!');
    refuse('AnswerReview', refused('CONFLICT', 'This review is already answered.'));
    await user.click(within(form).getByRole('button', { name: 'Answer' }));
    expect((await within(form).findByRole('alert')).textContent).toBe('This review is already answered.');
    expect((within(form).getByLabelText('Your answer') as HTMLTextAreaElement).value).toBe('Thank you!');

    await user.click(within(form).getByRole('button', { name: 'Answer' }));
    await waitFor(() => expect(within(shown).getByTestId('review-answer').textContent).toContain('Thank you!'));
    expect(within(shown).queryByRole('form', { name: 'Answer the review' })).toBeNull();
    expect(sent.at(-1)).toEqual({
      name: 'AnswerReview',
      variables: { input: { reviewId: 'r1', answer: 'Thank you!' } },
    });
  });
});
