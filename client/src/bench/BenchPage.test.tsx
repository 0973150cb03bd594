import { render, screen, waitFor, within } from '@testing-library/react';
import { BRIEF_SECTIONS } from '@brieflock/schema';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { getOperationName } from '@urql/core';
import type { DocumentNode } from 'graphql';
import { describe, expect, it, vi } from 'vitest';
import BenchPage from './BenchPage';

const navigate = vi.hoisted(() => vi.fn());
vi.mock('@tanstack/react-router', () => ({
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
  useNavigate: () => navigate,
}));

const entry = {
  freelancer: { id: 'f1', name: 'Finn Freelancer', email: 'finn@example.test' },
  engagements: 1,
  milestonesAccepted: 3,
  acceptedOnTime: 2,
  revisionsUsed: 1,
  revisionsBudgeted: 3,
  metricsMet: 1,
  metricsMeasured: 2,
  trialScores: [0.8],
  reviews: [
    {
      id: 'r1',
      wouldHireAgain: true,
      communication: 4,
      note: 'Clear weekly demos.',
      answer: 'Thank you!',
      createdAt: '2026-12-03T08:00:00Z',
    },
  ],
  proposals: [{ id: 'p1', title: 'Churn prediction pilot' }],
  evidence: [
    {
      kind: 'ENGAGEMENT',
      proposalId: 'p1',
      versionId: 'v1',
      milestoneId: null,
      submissionId: null,
      label: null,
      met: null,
    },
  ],
};

const templates = [
  { __typename: 'Template', key: 'churn', title: 'Churn prediction', description: 'A churn model.' },
  { __typename: 'Template', key: 'rag', title: 'Support assistant', description: 'A RAG assistant.' },
];

function open() {
  const sent: { name: string; variables: unknown }[] = [];
  const client = {
    executeQuery: (request: { query: DocumentNode; variables: unknown }) => {
      const name = getOperationName(request.query) ?? '?';
      sent.push({ name, variables: request.variables });
      const data = name === 'Templates' ? { templates } : { myBench: [entry] };
      return fromValue({ data, stale: false, hasNext: false });
    },
    executeMutation: (request: { query: DocumentNode; variables: unknown }) => {
      const name = getOperationName(request.query) ?? '?';
      sent.push({ name, variables: request.variables });
      const data = { createProposalFrom: { __typename: 'Proposal', id: 'p2', title: 'Next pilot' } };
      return fromValue({ data, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  render(
    <Provider value={client}>
      <BenchPage />
    </Provider>,
  );
  return { sent, user: userEvent.setup({ delay: null }) };
}

describe('bench page', () => {
  it('shows each figure against its total, the engagement and signed version links, and the review', () => {
    open();
    expect(screen.getByRole('heading', { name: 'Finn Freelancer' })).toBeTruthy();
    expect(screen.getByText('2 of 3')).toBeTruthy(); // accepted on time, of accepted
    expect(screen.getByText('1 of 3')).toBeTruthy(); // revision rounds used, of budget
    expect(screen.getByText('1 of 2')).toBeTruthy(); // metrics met, of measured
    expect(screen.getByText('0.8')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Churn prediction pilot' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'signed version' })).toBeTruthy();
    expect(screen.getByText(/Clear weekly demos\./)).toBeTruthy();
    expect(screen.getByText('Thank you!')).toBeTruthy();
  });

  it('filters by skill', async () => {
    const { sent, user } = open();
    await user.type(screen.getByLabelText('Skill'), ' MLOps ');
    await user.click(screen.getByRole('button', { name: 'Filter' }));
    await waitFor(() => expect(sent.some((s) => (s.variables as { skill?: string }).skill === 'MLOps')).toBe(true));
  });

  it('starts a proposal from the last engagement with the freelancer invited, in one step', async () => {
    const { sent, user } = open();
    await user.click(screen.getByRole('button', { name: 'Start a proposal with Finn Freelancer' }));
    const dialog = screen.getByRole('dialog', { name: 'Start a proposal with Finn Freelancer' });
    expect(within(dialog).getByTestId('create-from-invite').textContent).toBe(
      'finn@example.test will be invited as freelancer.',
    );
    const from = within(dialog).getByLabelText('Start from') as HTMLSelectElement;
    expect(from.selectedOptions[0]?.textContent).toBe('Churn prediction pilot');
    const title = within(dialog).getByLabelText(/Proposal title/);
    await user.clear(title);
    await user.type(title, 'Next pilot');
    await user.click(within(dialog).getByRole('button', { name: 'Create proposal' }));
    await waitFor(() => expect(navigate).toHaveBeenCalledWith({ to: '/proposals/$id', params: { id: 'p2' } }));
    expect(sent.find((s) => s.name === 'CreateProposalFrom')?.variables).toEqual({
      input: {
        proposalId: 'p1',
        title: 'Next pilot',
        sections: BRIEF_SECTIONS.map((section) => section.key),
        invite: ['finn@example.test'],
      },
    });
    expect(sent.some((s) => s.name === 'CreateProposal' || s.name === 'AddParticipant')).toBe(false);
  });

  it('or from a template', async () => {
    const { sent, user } = open();
    await user.click(screen.getByRole('button', { name: 'Start a proposal with Finn Freelancer' }));
    const dialog = screen.getByRole('dialog', { name: 'Start a proposal with Finn Freelancer' });
    await user.selectOptions(within(dialog).getByLabelText('Start from'), 'template:rag');
    await user.click(within(dialog).getByRole('button', { name: 'Create proposal' }));
    await waitFor(() => expect(sent.some((s) => s.name === 'CreateProposalFrom')).toBe(true));
    expect(sent.find((s) => s.name === 'CreateProposalFrom')?.variables).toMatchObject({
      input: { templateKey: 'rag', title: 'New proposal with Finn Freelancer', invite: ['finn@example.test'] },
    });
  });
});
