import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { StrictMode, type ReactNode } from 'react';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue } from 'wonka';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { VerifyEmailPage } from './VerifyEmailPage';

const auth = vi.hoisted(() => ({
  status: { kind: 'signedOut', sessionEnded: false } as Record<string, unknown>,
  markEmailVerified: vi.fn(),
}));
vi.mock('../auth', () => ({ useAuth: () => auth }));
vi.mock('@tanstack/react-router', () => ({
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
}));

const ada = { id: 'u1', email: 'ada@example.test', name: 'Ada', emailVerified: false };

/** A client answering verifyEmail with `verify` and resendVerificationEmail with true; it records each call. */
function stubClient(verify: () => object) {
  const calls: string[] = [];
  const client = {
    executeMutation: (request: { variables: Record<string, unknown> }) => {
      if ('token' in request.variables) {
        calls.push(`verify:${String(request.variables.token)}`);
        return fromValue({ ...verify(), hasNext: false });
      }
      calls.push('resend');
      return fromValue({ data: { resendVerificationEmail: true }, hasNext: false });
    },
  } as unknown as Client;
  return { client, calls };
}

const refused = (reason: string) => () => ({
  error: new CombinedError({
    graphQLErrors: [
      new GraphQLError('That link does not work.', {
        extensions: { code: 'BAD_USER_INPUT', field: 'token', reason },
      }),
    ],
  }),
});

function renderPage(client: Client, token: string | null = 'blv_abc') {
  return render(
    <StrictMode>
      <Provider value={client}>
        <VerifyEmailPage token={token} />
      </Provider>
    </StrictMode>,
  );
}

describe('the verify-email page', () => {
  beforeEach(() => {
    auth.status = { kind: 'signedOut', sessionEnded: false };
    auth.markEmailVerified.mockReset();
  });

  it('verifies the token once, even under StrictMode, and says the address is confirmed', async () => {
    auth.status = { kind: 'signedIn', user: ada };
    const { client, calls } = stubClient(() => ({ data: { verifyEmail: { ...ada, emailVerified: true } } }));
    renderPage(client);

    expect(await screen.findByText(/Your address is confirmed/)).toBeTruthy();
    expect(calls).toEqual(['verify:blv_abc']);
    expect(auth.markEmailVerified).toHaveBeenCalled();
    expect(screen.getByRole('link', { name: 'Go to your proposals' }).getAttribute('href')).toBe('/proposals');
  });

  it('a used link says so, and a signed-in person with an unproven address can send a new one', async () => {
    auth.status = { kind: 'signedIn', user: ada };
    const { client, calls } = stubClient(refused('used'));
    renderPage(client);

    expect((await screen.findByRole('alert')).textContent).toMatch(/already used/);
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Send a new link' }));
    await waitFor(() => expect(screen.getByText(/Sent\. Check your inbox/)).toBeTruthy());
    expect(calls).toEqual(['verify:blv_abc', 'resend']);
    expect(auth.markEmailVerified).not.toHaveBeenCalled();
  });

  it('an expired link read signed out offers signing in instead of a button', async () => {
    const { client } = stubClient(refused('expired'));
    renderPage(client);

    expect((await screen.findByRole('alert')).textContent).toMatch(/has expired/);
    expect(screen.queryByRole('button', { name: 'Send a new link' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Sign in' })).toBeTruthy();
  });

  it('an unknown token, or none at all, reads as a link that is not valid', async () => {
    const { client, calls } = stubClient(refused('unknown'));
    const { unmount } = renderPage(client);
    expect((await screen.findByRole('alert')).textContent).toMatch(/not valid/);
    unmount();

    renderPage(client, null);
    expect((await screen.findByRole('alert')).textContent).toMatch(/not valid/);
    expect(calls).toEqual(['verify:blv_abc']);
  });
});
