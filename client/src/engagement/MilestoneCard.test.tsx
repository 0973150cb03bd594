import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { getOperationName } from '@urql/core';
import type { DocumentNode } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import type { TrackedMilestoneFieldsFragment } from '../gql/graphql';
import { MilestoneCard } from './MilestoneCard';

const submitted = {
  id: 's1',
  note: 'Labels and report',
  links: [],
  submittedAt: '2026-12-03T08:00:00Z',
  decision: null,
  decidedAt: null,
  reason: null,
  score: null,
  rubricScores: null,
};

function trialMilestone(overrides: Partial<TrackedMilestoneFieldsFragment> = {}): TrackedMilestoneFieldsFragment {
  return {
    id: 'm0',
    itemId: 'trial',
    title: 'Trial: Label 500 support tickets',
    dueDate: '2026-12-08',
    state: 'SUBMITTED',
    overdue: false,
    revisionRounds: 0,
    revisionsUsed: 0,
    revisionsLeft: 0,
    isTrial: true,
    trial: {
      paidAmount: 'EUR 800',
      timeBoxDays: 5,
      rubric: [
        { id: 'c-labels', criterion: 'Label accuracy', weight: 60 },
        { id: 'c-report', criterion: 'Report clarity', weight: 40 },
      ],
    },
    submissions: [submitted],
    metricResults: [],
    ...overrides,
  } as TrackedMilestoneFieldsFragment;
}

function open(milestone: TrackedMilestoneFieldsFragment, role: string, closed = false) {
  const sent: { name: string; variables: unknown }[] = [];
  const client = {
    executeQuery: () => never,
    executeMutation: (request: { query: DocumentNode; variables: unknown }) => {
      sent.push({ name: getOperationName(request.query) ?? '?', variables: request.variables });
      return fromValue({ data: { acceptMilestone: { ...milestone, state: 'ACCEPTED' } }, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  const onDone = vi.fn();
  render(
    <Provider value={client}>
      <ol>
        <MilestoneCard milestone={milestone} terms={null} metrics={[]} role={role} closed={closed} onDone={onDone} />
      </ol>
    </Provider>,
  );
  return { sent, onDone, user: userEvent.setup({ delay: null }) };
}

describe('the trial milestone card', () => {
  it('is marked as the trial, with its pay and weighted rubric as terms', () => {
    open(trialMilestone(), 'FREELANCER');
    expect(screen.getByTestId('milestone-trial').textContent).toBe('Trial');
    expect(screen.getByText('EUR 800')).toBeTruthy();
    expect(screen.getByText(/Label accuracy \(60%\)/)).toBeTruthy();
    expect(screen.queryByRole('form', { name: /Accept/ })).toBeNull();
  });

  it('lets the client score each criterion, shows the weighted total live, and sends the rubric and note', async () => {
    const { sent, onDone, user } = open(trialMilestone(), 'CLIENT');
    const form = screen.getByRole('form', { name: 'Accept Trial: Label 500 support tickets' });
    const total = within(form).getByTestId('trial-total');
    expect(total.textContent).toBe('Weighted score: score every criterion from 0 to 100');
    await user.type(within(form).getByLabelText(/Label accuracy \(weight 60%\)/), '90');
    expect(total.textContent).toBe('Weighted score: score every criterion from 0 to 100');
    await user.type(within(form).getByLabelText(/Report clarity \(weight 40%\)/), '70');
    expect(total.textContent).toBe('Weighted score: 82 / 100');
    await user.type(within(form).getByLabelText('Your note on the result (optional)'), 'Hire them.');
    await user.click(within(form).getByRole('button', { name: 'Accept and record the score' }));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(sent).toEqual([
      {
        name: 'AcceptMilestone',
        variables: {
          input: {
            milestoneId: 'm0',
            metrics: [],
            note: 'Hire them.',
            rubric: [
              { criterionId: 'c-labels', score: 90 },
              { criterionId: 'c-report', score: 70 },
            ],
          },
        },
      },
    ]);
  });

  it('shows the recorded score per criterion and the note in the history', () => {
    open(
      trialMilestone({
        state: 'ACCEPTED',
        submissions: [
          {
            ...submitted,
            decision: 'ACCEPTED',
            decidedAt: '2026-12-04T08:00:00Z',
            reason: 'Careful labels.',
            score: 82,
            rubricScores: [
              { criterionId: 'c-labels', criterion: 'Label accuracy', weight: 60, score: 90 },
              { criterionId: 'c-report', criterion: 'Report clarity', weight: 40, score: 70 },
            ],
          },
        ],
      }),
      'CLIENT',
    );
    const result = screen.getByTestId('trial-result');
    expect(result.textContent).toContain('Trial score: 82 / 100');
    expect(result.textContent).toContain('Label accuracy (60%): 90');
    expect(screen.getByText('Careful labels.')).toBeTruthy();
    expect(screen.queryByRole('form', { name: /Accept/ })).toBeNull();
  });

  it('offers no rubric on a milestone that is not the trial', () => {
    open(trialMilestone({ isTrial: false, trial: null, itemId: 'milestone-1', title: 'Baseline model' }), 'CLIENT');
    expect(screen.queryByTestId('milestone-trial')).toBeNull();
    expect(screen.queryByTestId('trial-total')).toBeNull();
    expect(screen.getByRole('button', { name: 'Accept milestone' })).toBeTruthy();
  });
});

describe('a milestone card of a closed engagement', () => {
  const baseline = (state: string) =>
    trialMilestone({
      id: 'm1',
      itemId: 'milestone-1',
      title: 'Baseline model',
      state: state as TrackedMilestoneFieldsFragment['state'],
      revisionRounds: 1,
      revisionsLeft: 1,
      isTrial: false,
      trial: null,
      submissions: state === 'SUBMITTED' ? [submitted] : [],
    });

  it.each([
    ['FREELANCER', 'IN_PROGRESS', 'Submit for review'],
    ['CLIENT', 'SUBMITTED', 'Accept milestone'],
  ])('offers a %s the next step while the engagement runs, and none once it is closed', (role, state, action) => {
    open(baseline(state), role);
    expect(screen.getByRole('button', { name: action })).toBeTruthy();
    cleanup();

    open(baseline(state), role, true);
    expect(screen.getByRole('heading', { name: 'Baseline model' })).toBeTruthy();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
