import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue } from 'wonka';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { UnverifiedEmailBanner } from './UnverifiedEmailBanner';

const auth = vi.hoisted(() => ({ markEmailVerified: vi.fn() }));
vi.mock('../auth', () => ({ useAuth: () => auth }));

function renderBanner(answer: object) {
  const client = { executeMutation: () => fromValue({ ...answer, hasNext: false }) } as unknown as Client;
  return render(
    <Provider value={client}>
      <UnverifiedEmailBanner />
    </Provider>,
  );
}

describe('the unconfirmed-address banner', () => {
  beforeEach(() => {
    sessionStorage.clear();
    auth.markEmailVerified.mockReset();
  });

  it('sends the link again and says so', async () => {
    renderBanner({ data: { resendVerificationEmail: true } });
    expect(screen.getByText(/Confirm your e-mail address to sign contracts\./)).toBeTruthy();
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Send the link again' }));
    expect((await screen.findByText(/Sent\. Check your inbox/)).getAttribute('role')).toBe('status');
  });

  it('an address proven meanwhile stops the asking', async () => {
    renderBanner({
      error: new CombinedError({
        graphQLErrors: [new GraphQLError('Confirmed already.', { extensions: { code: 'CONFLICT' } })],
      }),
    });
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByText('Your e-mail address is confirmed already.')).toBeTruthy();
    expect(auth.markEmailVerified).toHaveBeenCalled();
  });

  it('a too-frequent resend shows the server’s reason', async () => {
    renderBanner({
      error: new CombinedError({
        graphQLErrors: [
          new GraphQLError('Too many links sent. Try again later.', { extensions: { code: 'RATE_LIMITED' } }),
        ],
      }),
    });
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Send the link again' }));
    expect(await screen.findByText('Too many links sent. Try again later.')).toBeTruthy();
  });

  it('dismissed, it stays away for the rest of the browser session', async () => {
    const { unmount } = renderBanner({ data: { resendVerificationEmail: true } });
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/Confirm your e-mail address/)).toBeNull();
    unmount();
    renderBanner({ data: { resendVerificationEmail: true } });
    expect(screen.queryByText(/Confirm your e-mail address/)).toBeNull();
  });
});
