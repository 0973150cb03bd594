import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { describe, expect, it } from 'vitest';
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
const vera: ParticipantFieldsFragment = {
  id: 'pa-vera',
  role: 'VIEWER',
  pending: false,
  invitedEmail: 'vera@example.test',
  proposalId: 'p1',
  user: { id: 'u-vera', email: 'vera@example.test', name: 'Vera Viewer' },
};

function open(answer: { data?: unknown; error?: CombinedError }, asClient = true) {
  const calls: unknown[] = [];
  const client = {
    executeQuery: () => never,
    executeMutation: (request: { variables: unknown }) => {
      calls.push(request.variables);
      return fromValue({ ...answer, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  render(
    <Provider value={client}>
      <ParticipantsTable participants={[cora, vera]} currentUserId="u-cora" proposalId={asClient ? 'p1' : undefined} />
    </Provider>,
  );
  return { calls, user: userEvent.setup({ delay: null }) };
}

describe('changing a role in the participants table', () => {
  it('a client picks a new role and it is sent at once', async () => {
    const { calls, user } = open({ data: { changeParticipantRole: { ...vera, role: 'FREELANCER' } } });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Vera Viewer' }), 'FREELANCER');
    expect(calls).toEqual([{ input: { participantId: 'pa-vera', role: 'FREELANCER' } }]);
  });

  it("a refusal is shown as the server's sentence", async () => {
    const error = new CombinedError({
      graphQLErrors: [
        {
          message: 'A proposal needs at least one client. Make someone else a client first.',
          extensions: { code: 'CONFLICT' },
        },
      ],
    });
    const { user } = open({ error });
    await user.selectOptions(screen.getByRole('combobox', { name: 'Role of Cora Client' }), 'VIEWER');
    expect((await screen.findByRole('alert')).textContent).toBe(
      'A proposal needs at least one client. Make someone else a client first.',
    );
  });

  it('others see roles as badges, with nothing to change', () => {
    open({}, false);
    expect(screen.queryByRole('combobox')).toBeNull();
    expect(screen.getByText('Viewer')).toBeTruthy();
  });
});
