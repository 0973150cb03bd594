import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { StrictMode, type ReactNode } from 'react';
import { CombinedError, Provider, type Client } from 'urql';
import { concat, fromValue, never } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { UnsubscribePage } from './UnsubscribePage';

vi.mock('@tanstack/react-router', () => ({
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
}));

const mentions = {
  scope: 'MENTIONED',
  description: 'e-mails about mentions',
  maskedEmail: 'f•••@example.test',
  alreadyStopped: false,
};

const refused = (reason: string) => ({
  error: new CombinedError({
    graphQLErrors: [
      new GraphQLError('That link does not work.', { extensions: { code: 'BAD_USER_INPUT', field: 'token', reason } }),
    ],
  }),
});

/** A client answering unsubscribeLink with `describe` and unsubscribe with `act`; it records each call. */
function stubClient(describe: () => object, act: () => object = () => ({ data: { unsubscribe: { ...mentions } } })) {
  const calls: string[] = [];
  const client = {
    executeQuery: (request: { variables: Record<string, unknown> }) => {
      calls.push(`describe:${String(request.variables.token)}`);
      // A real client's query stream stays open (urql drops the error of one that ends).
      return concat([fromValue({ ...describe(), stale: false, hasNext: false }), never]);
    },
    executeMutation: (request: { variables: Record<string, unknown> }) => {
      calls.push(`unsubscribe:${String(request.variables.token)}`);
      return fromValue({ ...act(), hasNext: false });
    },
  } as unknown as Client;
  return { client, calls };
}

function renderPage(client: Client, token: string | null = 'blu_abc') {
  return render(
    <StrictMode>
      <Provider value={client}>
        <UnsubscribePage token={token} />
      </Provider>
    </StrictMode>,
  );
}

describe('the unsubscribe page', () => {
  it('says what will stop without acting, and unsubscribes only on the button, then links to the preferences', async () => {
    const { client, calls } = stubClient(() => ({ data: { unsubscribeLink: mentions } }));
    renderPage(client);

    expect(
      await screen.findByText('You will no longer get e-mails about mentions at f•••@example.test.', { exact: false }),
    ).toBeTruthy();
    expect(calls.every((call) => call.startsWith('describe:'))).toBe(true);
    await userEvent.setup({ delay: null }).click(screen.getByRole('button', { name: 'Unsubscribe' }));

    expect((await screen.findByRole('status')).textContent).toBe(
      'Unsubscribed. You will no longer get e-mails about mentions.',
    );
    expect(calls.filter((call) => call.startsWith('unsubscribe:'))).toEqual(['unsubscribe:blu_abc']);
    expect(screen.getByRole('link', { name: 'Change your notification preferences' }).getAttribute('href')).toBe(
      '/profile',
    );
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
  });

  it('a link whose e-mails are stopped already says so and offers no button', async () => {
    const { client } = stubClient(() => ({
      data: {
        unsubscribeLink: { ...mentions, scope: 'digest', description: 'the e-mail digest', alreadyStopped: true },
      },
    }));
    renderPage(client);

    expect((await screen.findByRole('status')).textContent).toMatch(
      /unsubscribed already: f•••@example\.test no longer gets the e-mail digest/,
    );
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
  });

  it('an expired link says so, with the way to the preferences instead of a button', async () => {
    const { client, calls } = stubClient(() => refused('expired'));
    renderPage(client);

    expect((await screen.findByRole('alert')).textContent).toMatch(/has expired/);
    expect(screen.queryByRole('button', { name: 'Unsubscribe' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Open your notification preferences' }).getAttribute('href')).toBe(
      '/profile',
    );
    expect(calls.some((call) => call.startsWith('unsubscribe:'))).toBe(false);
  });

  it('a link refused when the button is pressed reads as not valid; no token at all asks nothing', async () => {
    const { client, calls } = stubClient(
      () => ({ data: { unsubscribeLink: mentions } }),
      () => refused('unknown'),
    );
    const { unmount } = renderPage(client);
    await userEvent.setup({ delay: null }).click(await screen.findByRole('button', { name: 'Unsubscribe' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/not valid/);
    unmount();

    const before = calls.length;
    renderPage(client, null);
    expect((await screen.findByRole('alert')).textContent).toMatch(/not valid/);
    expect(calls).toHaveLength(before);
  });

  it('a failure that is no refusal keeps the button, to try again', async () => {
    const { client } = stubClient(
      () => ({ data: { unsubscribeLink: mentions } }),
      () => ({ error: new CombinedError({ networkError: new Error('offline') }) }),
    );
    renderPage(client);
    await userEvent.setup({ delay: null }).click(await screen.findByRole('button', { name: 'Unsubscribe' }));
    expect((await screen.findByRole('alert')).textContent).toMatch(/Could not reach Brieflock/);
    expect(screen.getByRole('button', { name: 'Unsubscribe' })).toBeTruthy();
  });
});
