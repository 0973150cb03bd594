import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ParticipantFieldsFragment } from '../gql/graphql';
import { ParticipantsTable } from './ParticipantsTable';

const cora: ParticipantFieldsFragment = {
  id: 'pa-cora',
  role: 'CLIENT',
  pending: false,
  invitedEmail: null,
  proposalId: 'p1',
  user: { id: 'u-cora', email: 'cora@example.test', name: 'Cora Client' },
};
const finn: ParticipantFieldsFragment = {
  id: 'pa-finn',
  role: 'FREELANCER',
  pending: true,
  invitedEmail: 'finn@example.test',
  proposalId: 'p1',
  user: { id: 'pa-finn', email: 'finn@example.test', name: 'finn@example.test' },
};

type Answer = { data?: unknown; error?: CombinedError };

/** A client answering each mutation (by its field name) from `answers`, recording the calls. */
function stubClient(answers: Record<string, Answer>) {
  const calls: { name: string; variables: unknown }[] = [];
  const client = {
    executeQuery: () => never,
    executeMutation: (request: { query: { definitions: { name?: { value: string } }[] }; variables: unknown }) => {
      const name = request.query.definitions[0]?.name?.value ?? '';
      calls.push({ name, variables: request.variables });
      return fromValue({ ...(answers[name] ?? {}), hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, calls };
}

function open(answers: Record<string, Answer>, asClient = true) {
  const { client, calls } = stubClient(answers);
  render(
    <Provider value={client}>
      <ParticipantsTable participants={[cora, finn]} currentUserId="u-cora" proposalId={asClient ? 'p1' : undefined} />
    </Provider>,
  );
  const row = screen.getByRole('cell', { name: 'finn@example.test' }).closest('tr') as HTMLElement;
  return { calls, row: within(row), user: userEvent.setup({ delay: null }) };
}

describe('pending invitations in the participants table', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a pending row shows the address and role, marked as pending; others see no actions', () => {
    const { row } = open({}, false);
    expect(row.getByText('Invitation pending')).toBeTruthy();
    expect(row.getByText('Freelancer')).toBeTruthy();
    expect(row.queryByRole('button')).toBeNull();
  });

  it('New link issues a link and shows it as a full address with a copy button', async () => {
    const { calls, row, user } = open({
      IssueInviteLink: { data: { issueInviteLink: { ...finn, inviteLink: '/invitations/bli_fresh' } } },
    });
    // After user-event's setup, which puts its own clipboard in place.
    const writeText = vi.fn().mockResolvedValue(undefined);
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    await user.click(row.getByRole('button', { name: 'New link for finn@example.test' }));
    expect(calls).toEqual([{ name: 'IssueInviteLink', variables: { participantId: 'pa-finn' } }]);
    const link = (await row.findByLabelText('Invitation link')) as HTMLInputElement;
    expect(link.value).toBe(`${window.location.origin}/invitations/bli_fresh`);

    await user.click(row.getByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(`${window.location.origin}/invitations/bli_fresh`);
    expect(await row.findByText('Link copied.')).toBeTruthy();
  });

  it('Resend asks the server and says it was sent', async () => {
    const { calls, row, user } = open({ ResendInvitation: { data: { resendInvitation: true } } });
    await user.click(row.getByRole('button', { name: 'Resend the invitation to finn@example.test' }));
    expect(calls).toEqual([{ name: 'ResendInvitation', variables: { participantId: 'pa-finn' } }]);
    expect(await row.findByText(/sent to finn@example.test again/)).toBeTruthy();
  });

  it('Revoke asks first: cancelling sends nothing, confirming revokes', async () => {
    const confirm = vi.fn().mockReturnValue(false);
    Object.defineProperty(window, 'confirm', { value: confirm, configurable: true, writable: true });
    const { calls, row, user } = open({ RevokeInvitation: { data: { revokeInvitation: true } } });
    await user.click(row.getByRole('button', { name: 'Revoke the invitation to finn@example.test' }));
    expect(confirm).toHaveBeenCalledWith(expect.stringMatching(/^Revoke the invitation to finn@example.test\?/));
    expect(calls).toEqual([]);

    confirm.mockReturnValue(true);
    await user.click(row.getByRole('button', { name: 'Revoke the invitation to finn@example.test' }));
    expect(calls).toEqual([{ name: 'RevokeInvitation', variables: { participantId: 'pa-finn' } }]);
  });

  it('a failed action is reported in its row and the buttons work again', async () => {
    const error = new CombinedError({
      graphQLErrors: [
        { message: 'This invitation has already been accepted.', extensions: { code: 'CONFLICT', reason: 'ACCEPTED' } },
      ],
    });
    const { row, user } = open({ IssueInviteLink: { error } });
    await user.click(row.getByRole('button', { name: 'New link for finn@example.test' }));
    expect((await row.findByRole('alert')).textContent).toBe('This invitation has already been accepted.');
    expect(row.getByRole('button', { name: 'New link for finn@example.test' }).hasAttribute('disabled')).toBe(false);
    expect(row.queryByLabelText('Invitation link')).toBeNull();
  });
});
