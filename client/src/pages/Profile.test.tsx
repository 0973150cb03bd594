import { NOTIFICATION_KINDS } from '@brieflock/schema';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { GraphQLError } from 'graphql';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { getOperationName } from '@urql/core';
import type { DocumentNode } from 'graphql';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ProfilePage } from './Profile';

const me = { id: 'u1', email: 'ada@example.test', name: 'Ada' };
const auth = vi.hoisted(() => ({ profileChanged: vi.fn() }));
vi.mock('../auth', () => ({ useAuth: () => auth, useCurrentUser: () => me }));

type Answer = { data?: unknown; error?: CombinedError };
const refused = (code: string, message: string, field?: string): Answer => ({
  error: new CombinedError({ graphQLErrors: [new GraphQLError(message, { extensions: { code, field } })] }),
});

const preferences = NOTIFICATION_KINDS.map((kind) => ({
  kind,
  channel: ['INVITED', 'SIGNATURE_REQUESTED', 'VERSION_EXECUTED', 'MENTIONED'].includes(kind) ? 'EMAIL_NOW' : 'DIGEST',
}));

/** A client answering each mutation by name from `answers`, recording what was sent. */
function open(answers: Record<string, Answer>) {
  const sent: { name: string; variables: unknown }[] = [];
  const client = {
    executeQuery: () =>
      fromValue({
        data: { me: { id: 'u1', notificationPreferences: { channels: preferences } } },
        stale: false,
        hasNext: false,
      }),
    executeMutation: (request: { query: DocumentNode; variables: unknown }) => {
      const name = getOperationName(request.query) ?? '?';
      sent.push({ name, variables: request.variables });
      return fromValue({ ...(answers[name] ?? {}), hasNext: false });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  render(
    <Provider value={client}>
      <ProfilePage />
    </Provider>,
  );
  return { sent, user: userEvent.setup({ delay: null }) };
}

const form = (testId: string) => within(screen.getByTestId(testId));

describe('profile page', () => {
  beforeEach(() => auth.profileChanged.mockReset());

  it('saves a new display name, announces it, and hands the changed user to the header', async () => {
    const { sent, user } = open({
      UpdateProfile: { data: { updateProfile: { __typename: 'User', ...me, name: 'Ada Lovelace' } } },
    });
    const name = form('name-form').getByLabelText('Display name');
    expect((name as HTMLInputElement).value).toBe('Ada');
    await user.clear(name);
    await user.type(name, 'Ada Lovelace ');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(form('name-form').getByRole('status').textContent).toBe('Your name is saved.'));
    expect(sent).toEqual([{ name: 'UpdateProfile', variables: { input: { name: 'Ada Lovelace ' } } }]);
    expect(auth.profileChanged).toHaveBeenCalledWith(expect.objectContaining({ name: 'Ada Lovelace' }));
  });

  it('shows a refused name beside the field and keeps what was typed', async () => {
    const { user } = open({ UpdateProfile: refused('BAD_USER_INPUT', 'Must be at most 120 characters.', 'name') });
    const name = form('name-form').getByLabelText('Display name') as HTMLInputElement;
    await user.clear(name);
    await user.type(name, 'Something refused');
    await user.click(screen.getByRole('button', { name: 'Save name' }));
    await waitFor(() => expect(name.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(`${name.id}-error`)?.textContent).toBe('Must be at most 120 characters.');
    expect(name.value).toBe('Something refused');
    expect(form('name-form').getByRole('status').textContent).toBe('');
    expect(auth.profileChanged).not.toHaveBeenCalled();
  });

  it('refuses differing new passwords at the confirmation without asking the server', async () => {
    const { sent, user } = open({});
    const fields = form('password-form');
    await user.type(fields.getByLabelText('Current password'), 'correct horse battery');
    await user.type(fields.getByLabelText('New password'), 'a brand new passphrase');
    await user.type(fields.getByLabelText('Confirm new password'), 'a brand new passphrasE');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    const confirm = fields.getByLabelText('Confirm new password');
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(`${confirm.id}-error`)?.textContent).toBe('The two new passwords differ.');
    expect(sent).toEqual([]);
  });

  it('shows a wrong current password beside it, keeping every field; success clears them and says so', async () => {
    const answers: Record<string, Answer> = {
      ChangePassword: refused('BAD_USER_INPUT', 'The current password is incorrect.', 'currentPassword'),
    };
    const { sent, user } = open(answers);
    const fields = form('password-form');
    const current = fields.getByLabelText('Current password') as HTMLInputElement;
    const next = fields.getByLabelText('New password') as HTMLInputElement;
    const confirm = fields.getByLabelText('Confirm new password') as HTMLInputElement;
    await user.type(current, 'not my password');
    await user.type(next, 'a brand new passphrase');
    await user.type(confirm, 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(current.getAttribute('aria-invalid')).toBe('true'));
    expect(document.getElementById(`${current.id}-error`)?.textContent).toBe('The current password is incorrect.');
    expect([current.value, next.value, confirm.value]).toEqual([
      'not my password',
      'a brand new passphrase',
      'a brand new passphrase',
    ]);

    answers.ChangePassword = { data: { changePassword: true } };
    await user.clear(current);
    await user.type(current, 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() => expect(fields.getByRole('status').textContent).toMatch(/^Your password is changed\./));
    expect([current.value, next.value, confirm.value]).toEqual(['', '', '']);
    expect(current.hasAttribute('aria-invalid')).toBe(false);
    expect(sent.at(-1)).toEqual({
      name: 'ChangePassword',
      variables: { input: { currentPassword: 'correct horse battery', newPassword: 'a brand new passphrase' } },
    });
  });

  it('shows a throttled change as a message for the whole form', async () => {
    const { user } = open({
      ChangePassword: refused('RATE_LIMITED', 'Too many failed sign-ins. Try again in 2 seconds.'),
    });
    const fields = form('password-form');
    await user.type(fields.getByLabelText('Current password'), 'guess');
    await user.type(fields.getByLabelText('New password'), 'a brand new passphrase');
    await user.type(fields.getByLabelText('Confirm new password'), 'a brand new passphrase');
    await user.click(screen.getByRole('button', { name: 'Change password' }));
    await waitFor(() =>
      expect(fields.getByRole('alert').textContent).toBe('Too many failed sign-ins. Try again in 2 seconds.'),
    );
  });

  it('shows each kind with its channel and saves the choices made', async () => {
    const { sent, user } = open({
      UpdateNotificationPreferences: { data: { updateNotificationPreferences: { channels: preferences } } },
    });
    const mentioned = await screen.findByRole('radio', { name: 'Someone mentions you: E-mail now' });
    expect((mentioned as HTMLInputElement).checked).toBe(true);
    expect(
      (screen.getByRole('radio', { name: 'Someone replies to your comment: Digest' }) as HTMLInputElement).checked,
    ).toBe(true);
    await user.click(screen.getByRole('radio', { name: 'Someone mentions you: App only' }));
    expect((mentioned as HTMLInputElement).checked).toBe(false);
    await user.click(screen.getByRole('button', { name: 'Save notification preferences' }));
    await waitFor(() =>
      expect(form('preferences-form').getByRole('status').textContent).toBe('Your notification preferences are saved.'),
    );
    expect(sent.map((request) => request.name)).toEqual(['UpdateNotificationPreferences']);
    const { input } = sent[0]!.variables as { input: { channels: { kind: string; channel: string }[] } };
    expect(input.channels).toHaveLength(NOTIFICATION_KINDS.length);
    expect(input.channels.find((entry) => entry.kind === 'MENTIONED')?.channel).toBe('APP_ONLY');
    expect(input.channels.find((entry) => entry.kind === 'INVITED')?.channel).toBe('EMAIL_NOW');
  });
});
