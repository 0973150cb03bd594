import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import type { VersionSummaryFieldsFragment } from '../gql/graphql';
import { RemindSignersButton } from './RemindSignersButton';
import { SignerList } from './SignerList';

type Signer = VersionSummaryFieldsFragment['signers'][number];

const finn = { id: 'u-finn', email: 'finn@example.test', name: 'Finn Freelancer' };
const pending = (overrides: Partial<Signer> = {}): Signer => ({
  role: 'FREELANCER',
  user: finn,
  signature: null,
  nextReminderAt: '2031-01-04T09:00:00.000Z',
  lastRemindedAt: null,
  ...overrides,
});

describe('SignerList reminders', () => {
  it('says when a pending signer is reminded next, and when last', () => {
    render(
      <SignerList
        signers={[pending({ lastRemindedAt: '2031-01-02T09:00:00.000Z' })]}
        status="AWAITING_SIGNATURES"
        currentUserId="u-cora"
        label="Signatures"
      />,
    );
    const line = screen.getByTestId('signer-reminders');
    expect(line.textContent).toMatch(/^Reminded .+2031.+\. Next reminder .+2031.+\.$/);
    expect(line.querySelectorAll('time')[1]!.getAttribute('datetime')).toBe('2031-01-04T09:00:00.000Z');
  });

  it('says when no reminder is left, and says nothing of reminders once signing has ended', () => {
    const { rerender } = render(
      <SignerList
        signers={[pending({ nextReminderAt: null })]}
        status="AWAITING_SIGNATURES"
        currentUserId="u-cora"
        label="Signatures"
      />,
    );
    expect(screen.getByTestId('signer-reminders').textContent).toBe('No more reminders are scheduled.');
    rerender(<SignerList signers={[pending()]} status="SUPERSEDED" currentUserId="u-cora" label="Signatures" />);
    expect(screen.queryByTestId('signer-reminders')).toBeNull();
  });
});

function clientAnswering(answer: { data?: unknown; error?: CombinedError }) {
  const asked = vi.fn();
  const client = {
    executeQuery: () => never,
    executeMutation: (request: { variables: Record<string, unknown> }) => {
      asked(request.variables);
      return fromValue({ ...answer, hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, asked };
}

function renderButton(answer: { data?: unknown; error?: CombinedError }) {
  const { client, asked } = clientAnswering(answer);
  const onReminded = vi.fn();
  render(
    <Provider value={client}>
      <RemindSignersButton versionId="v1" onReminded={onReminded} />
    </Provider>,
  );
  return { asked, onReminded, user: userEvent.setup({ delay: null }) };
}

describe('RemindSignersButton', () => {
  it('reminds the version’s pending signers and says how many were reminded', async () => {
    const { asked, onReminded, user } = renderButton({ data: { remindSigners: 2 } });
    await user.click(screen.getByTestId('remind-signers'));
    expect(asked).toHaveBeenCalledWith({ versionId: 'v1' });
    expect((await screen.findByText(/Reminded 2 signers/)).textContent).toBe(
      'Reminded 2 signers by e-mail and in the app.',
    );
    expect(onReminded).toHaveBeenCalledOnce();
  });

  it('says so when everyone was reminded within the hour', async () => {
    const { user } = renderButton({ data: { remindSigners: 0 } });
    await user.click(screen.getByTestId('remind-signers'));
    expect((await screen.findByTestId('remind-signers-outcome')).textContent).toMatch(/less than an hour ago/);
  });

  it('shows the server’s refusal next to the button', async () => {
    const error = new CombinedError({
      graphQLErrors: [
        new GraphQLError('This version no longer awaits signatures: there is no one to remind.', {
          extensions: { code: 'CONFLICT' },
        }),
      ],
    });
    const { onReminded, user } = renderButton({ error });
    await user.click(screen.getByTestId('remind-signers'));
    expect((await screen.findByRole('alert')).textContent).toContain('no one to remind');
    expect(onReminded).not.toHaveBeenCalled();
  });
});
