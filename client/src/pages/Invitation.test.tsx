import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { InvitationPreviewQuery } from '../gql/graphql';
import { InvitationPage, SignedOutInvitation, invitationTokenOf } from './Invitation';

const navigate = vi.hoisted(() => vi.fn());
vi.mock('@tanstack/react-router', () => ({
  Link: ({ children, to }: { children: ReactNode; to: string }) => <a href={to}>{children}</a>,
  useNavigate: () => navigate,
}));

type Preview = NonNullable<InvitationPreviewQuery['invitation']>;
const pending: Preview = {
  proposalTitle: 'Churn prediction pilot',
  inviterName: 'Cora Client',
  role: 'FREELANCER',
  expiresAt: '2031-01-08T12:00:00.000Z',
  status: 'PENDING',
};

/** A client answering the preview with `invitation`, and acceptInvitation with `accepted`. */
function stubClient(invitation: Preview | null, accepted: { data?: unknown; error?: CombinedError }) {
  const accepts = vi.fn();
  const client = {
    executeQuery: () => fromValue({ data: { invitation }, stale: false, hasNext: false }),
    executeMutation: (request: { variables: unknown }) => {
      accepts(request.variables);
      return fromValue({ ...accepted, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, accepts };
}

const joined = {
  data: {
    acceptInvitation: {
      id: 'pa1',
      role: 'FREELANCER',
      pending: false,
      invitedEmail: 'finn@example.test',
      proposalId: 'p1',
      user: { id: 'u1', email: 'finn@example.test', name: 'Finn' },
    },
  },
};

function open(invitation: Preview | null, accepted: { data?: unknown; error?: CombinedError } = joined) {
  const { client, accepts } = stubClient(invitation, accepted);
  render(
    <Provider value={client}>
      <InvitationPage token="bli_abc" />
    </Provider>,
  );
  return { accepts, user: userEvent.setup({ delay: null }) };
}

describe('invitation link page', () => {
  beforeEach(() => navigate.mockReset().mockResolvedValue(undefined));

  it('reads the token from the address, and nothing from other pages', () => {
    expect(invitationTokenOf('/invitations/bli_abc')).toBe('bli_abc');
    expect(invitationTokenOf('/invitations/bli_abc/')).toBe('bli_abc');
    expect(invitationTokenOf('/proposals/p1')).toBeNull();
    expect(invitationTokenOf('/invitations/')).toBeNull();
  });

  it('a pending link shows what it offers; Accept joins by the token and opens the proposal', async () => {
    const { accepts, user } = open(pending);
    expect(screen.getByText('Churn prediction pilot')).toBeTruthy();
    expect(screen.getByText('Cora Client')).toBeTruthy();
    expect(screen.getByText(/as freelancer/)).toBeTruthy();
    expect(
      screen
        .getByText(/The link works until/)
        .querySelector('time')
        ?.getAttribute('datetime'),
    ).toBe(pending.expiresAt);
    expect(screen.getByRole('link', { name: 'Not now' }).getAttribute('href')).toBe('/');

    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect(accepts).toHaveBeenCalledWith({ token: 'bli_abc' });
    await waitFor(() =>
      expect(navigate).toHaveBeenCalledWith({ to: '/proposals/$id', params: { id: 'p1' }, replace: true }),
    );
  });

  it('an expired link says so and offers no Accept', () => {
    open({ ...pending, status: 'EXPIRED' });
    expect(screen.getByRole('status').textContent).toMatch(/expired on .*Ask Cora Client for a new one/);
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('a used link says it was used and offers no Accept', () => {
    open({ ...pending, status: 'ACCEPTED' });
    expect(screen.getByRole('status').textContent).toMatch(/already been used/);
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });

  it('a revoked, replaced or unknown link says it does not work', () => {
    open(null);
    expect(screen.getByRole('status').textContent).toMatch(/does not work: it was revoked, replaced/);
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
    expect(screen.queryByText('Churn prediction pilot')).toBeNull();
  });

  it('a link that expires before Accept is pressed says so at the button and stays on the page', async () => {
    const error = new CombinedError({
      graphQLErrors: [{ message: 'expired', extensions: { code: 'CONFLICT', reason: 'EXPIRED' } }],
    });
    const { user } = open(pending, { error });
    await user.click(screen.getByRole('button', { name: 'Accept' }));
    expect((await screen.findByRole('alert')).textContent).toBe('This invitation link has expired. Ask for a new one.');
    expect(navigate).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Accept' }).hasAttribute('disabled')).toBe(false);
  });

  it('signed out, the invitation shows without an Accept, pointing to signing in', () => {
    const { client } = stubClient(pending, joined);
    render(
      <Provider value={client}>
        <SignedOutInvitation token="bli_abc" />
      </Provider>,
    );
    expect(screen.getByText('Churn prediction pilot')).toBeTruthy();
    expect(screen.getByText(/Sign in or create an account to accept/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Accept' })).toBeNull();
  });
});
