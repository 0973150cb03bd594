import { cleanup, render, screen } from '@testing-library/react';
import { Provider } from 'urql';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../data/fake-server';
import type { TrackedMilestoneFieldsFragment } from '../gql/graphql';
import { MilestoneCard } from './MilestoneCard';

const milestone = (state: string) =>
  ({
    id: 'm1',
    itemId: 'milestone-1',
    title: 'Baseline model',
    dueDate: '2099-03-01',
    state,
    overdue: false,
    revisionRounds: 1,
    revisionsUsed: 0,
    revisionsLeft: 1,
    submissions:
      state === 'SUBMITTED'
        ? [
            {
              id: 's1',
              note: 'First cut',
              links: [],
              submittedAt: '2026-12-01T10:00:00.000Z',
              decision: null,
              decidedAt: null,
              reason: null,
            },
          ]
        : [],
    metricResults: [],
  }) as unknown as TrackedMilestoneFieldsFragment;

function renderCard(role: string, state: string, closed: boolean) {
  const server = fakeServer(() => ({}));
  render(
    <Provider value={server.client}>
      <ol>
        <MilestoneCard
          milestone={milestone(state)}
          terms={{ payment: '30%', acceptanceCriteria: 'AUC of 0.75' }}
          metrics={[]}
          role={role}
          closed={closed}
          onDone={() => {}}
        />
      </ol>
    </Provider>,
  );
}

describe('a milestone card', () => {
  it.each([
    ['FREELANCER', 'IN_PROGRESS', 'Submit for review'],
    ['CLIENT', 'SUBMITTED', 'Accept milestone'],
  ])('offers a %s the next step while the engagement runs, and none once it is closed', (role, state, action) => {
    renderCard(role, state, false);
    expect(screen.getByRole('button', { name: action })).toBeTruthy();
    cleanup();

    renderCard(role, state, true);
    expect(screen.getByRole('heading', { name: 'Baseline model' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: action })).toBeNull();
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });
});
