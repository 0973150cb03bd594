import { act, render, screen } from '@testing-library/react';
import { getOperationName } from '@urql/core';
import { Provider, useQuery } from 'urql';
import { pipe, subscribe } from 'wonka';
import { describe, expect, it } from 'vitest';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { fakeServer } from '../data/fake-server';
import { ProposalEventsSubscription, ProposalQuery } from '../operations/proposals';
import { ArchivedNote } from './ArchivedNote';
import { ProposalTitle } from './ProposalTitle';

const cora = { __typename: 'User', id: 'u-cora', email: 'cora@example.test', name: 'Cora Client' };

/** What the proposal page shows of the proposal itself: the tab's title, the heading, the archived note. */
function ProposalHead({ myRole }: { myRole: 'CLIENT' | 'FREELANCER' }) {
  const [result] = useQuery({ query: ProposalQuery, variables: { id: 'p1' } });
  const proposal = result.data?.proposal;
  useDocumentTitle(proposal?.title ?? '');
  if (!proposal) return null;
  return (
    <>
      <ProposalTitle proposalId={proposal.id} title={proposal.title} canRename={myRole === 'CLIENT'} />
      {proposal.archived && <ArchivedNote canRestore={myRole === 'CLIENT'} />}
    </>
  );
}

function openPage(myRole: 'CLIENT' | 'FREELANCER') {
  const server = fakeServer((operation) =>
    getOperationName(operation.query) === 'Proposal'
      ? {
          proposal: {
            __typename: 'Proposal',
            id: 'p1',
            title: 'Churn prediction pilot',
            createdAt: '2026-12-01T09:00:00.000Z',
            myRole,
            archived: false,
            participants: [],
          },
        }
      : {},
  );
  pipe(
    server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
    subscribe(() => {}),
  );
  render(
    <Provider value={server.client}>
      <ProposalHead myRole={myRole} />
    </Provider>,
  );
  const update = (changedFields: string[], title: string, archived: boolean) =>
    act(() =>
      server.push({
        kind: 'PROPOSAL_UPDATED',
        proposalId: 'p1',
        sections: [],
        at: '2026-12-01T11:00:00.000Z',
        version: null,
        actor: cora,
        participantId: null,
        participant: null,
        thread: null,
        suggestion: null,
        changedFields,
        proposal: { __typename: 'Proposal', id: 'p1', title, archived },
      }),
    );
  return { server, update };
}

describe('a proposal page following PROPOSAL_UPDATED', () => {
  it("shows another client's rename in the heading and the tab, and the archive and restore in a note", async () => {
    const { server, update } = openPage('FREELANCER');
    await screen.findByRole('heading', { level: 1, name: 'Churn prediction pilot' });
    expect(document.title).toBe('Churn prediction pilot · Brieflock');

    update(['title'], 'Churn pilot, phase 2', false);
    await screen.findByRole('heading', { level: 1, name: 'Churn pilot, phase 2' });
    expect(document.title).toBe('Churn pilot, phase 2 · Brieflock');
    expect(screen.queryByTestId('archived-note')).toBeNull();

    update(['archived'], 'Churn pilot, phase 2', true);
    const note = await screen.findByTestId('archived-note');
    expect(note.textContent).toMatch(/until one of its clients restores it/);

    update(['archived'], 'Churn pilot, phase 2', false);
    await act(async () => {});
    expect(screen.queryByTestId('archived-note')).toBeNull();
    // Everything came with the events: the page never asked again.
    expect(server.asked.filter((name) => name === 'Proposal')).toHaveLength(1);
  });

  it('tells a client the archived proposal is theirs to restore', async () => {
    const { update } = openPage('CLIENT');
    await screen.findByRole('heading', { level: 1, name: 'Churn prediction pilot' });
    update(['archived'], 'Churn prediction pilot', true);
    expect((await screen.findByTestId('archived-note')).textContent).toBe(
      "This proposal is archived: it is not in anyone's list of proposals until it is restored.",
    );
  });
});
