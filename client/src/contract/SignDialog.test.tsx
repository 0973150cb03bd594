import { contentHashOf } from '@brieflock/schema';
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { CombinedError, Provider, type Client } from 'urql';
import { GraphQLError } from 'graphql';
import { fromValue, never } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import type { VersionFieldsFragment } from '../gql/graphql';
import { SignDialog } from './SignDialog';

const me = { id: 'u-cora', email: 'cora@example.test', name: 'Cora Client' };
vi.mock('../auth', () => ({ useCurrentUser: () => me, useAuth: () => ({ markEmailVerified: () => {} }) }));
// The authenticator answers with a fixed assertion; the browser tests use a real (virtual) one.
const ASSERTION = { id: 'cred', response: { signature: 'sig' } };
vi.mock('../passkeys/webauthn', () => ({
  assertWithPasskey: async () => ASSERTION,
  createPasskey: async () => ({ id: 'pk', name: 'Passkey 1' }),
  webauthnMessage: () => null,
}));
// The dialog links to the version page; routing is not what is tested here.
vi.mock('@tanstack/react-router', () => ({
  Link: ({ children }: { children: ReactNode }) => <a href="/version">{children}</a>,
}));

const content = { outcome: { text: 'Cut monthly churn to 3.5%' }, milestones: [] };
const hash = contentHashOf(content);

function version(overrides: Partial<VersionFieldsFragment> = {}): VersionFieldsFragment {
  return {
    id: 'v1',
    number: 1,
    status: 'AWAITING_SIGNATURES',
    contentJson: content,
    contentHash: hash,
    chainHash: 'c'.repeat(64),
    previousHash: null,
    frozenAt: '2031-01-01T00:00:00.000Z',
    note: null,
    statusChangedAt: null,
    proposalId: 'p1',
    canSign: true,
    markdownUrl: '/export/v1.md',
    pdfUrl: '/export/v1.pdf',
    evidenceUrl: '/export/v1.evidence.json',
    frozenBy: me,
    signers: [{ role: 'CLIENT', user: me, signature: null, nextReminderAt: null, lastRemindedAt: null }],
    consentStatement: `I, Cora Client, agree to version 1 with content hash ${hash}.`,
    declineReason: null,
    declinedBy: null,
    signingOrder: null,
    ...overrides,
  };
}

/** A client that answers the version query with `answer` and records what is signed. */
function stubClient(answer: VersionFieldsFragment | null) {
  const signed = vi.fn();
  const client = {
    executeQuery: () => fromValue({ data: { contractVersion: answer }, stale: false, hasNext: false }),
    executeMutation: (request: { variables: Record<string, unknown> }) => {
      if (!('contentHash' in request.variables))
        return fromValue({ data: { startVersionSigning: { challenge: 'c' } }, hasNext: false });
      signed(request.variables);
      return fromValue({
        data: { signVersion: { id: 's1', contentHash: hash, signedAt: '', passkeyId: 'pk' } },
        hasNext: false,
      });
    },
    executeSubscription: () => never,
  } as unknown as Client;
  return { client, signed };
}

function open(answer: VersionFieldsFragment | null) {
  const { client, signed } = stubClient(answer);
  const onSigned = vi.fn();
  render(
    <Provider value={client}>
      <SignDialog versionId="v1" onClose={() => {}} onSigned={onSigned} onConflict={() => {}} />
    </Provider>,
  );
  return { signed, onSigned, user: userEvent.setup({ delay: null }) };
}

const nameField = () => screen.getByLabelText('Type your full name to sign') as HTMLInputElement;
const signButton = () => screen.getByTestId('sign-submit') as HTMLButtonElement;

describe('SignDialog', () => {
  it('shows the hash the content recomputes to, and signs it once the name is typed, in any case', async () => {
    const { user, signed, onSigned } = open(version());
    expect(screen.getByTestId('sign-recomputed-hash').textContent).toBe(hash);
    expect(screen.getByTestId('sign-hash-ok')).toBeTruthy();
    expect(signButton().disabled).toBe(true);

    await user.type(nameField(), 'cora client');
    expect(signButton().disabled).toBe(false);
    await user.click(signButton());
    expect(signed).toHaveBeenCalledWith({
      versionId: 'v1',
      contentHash: hash,
      consentStatement: version().consentStatement,
      assertion: ASSERTION,
    });
    expect(onSigned).toHaveBeenCalledWith({ id: 'v1', number: 1 });
  });

  it('refuses content that does not hash to the stated hash: no name field, no signing', () => {
    open(version({ contentJson: { ...content, outcome: { text: 'Cut monthly churn to 1%' } } }));
    expect(screen.getByTestId('hash-mismatch')).toBeTruthy();
    expect(screen.getByTestId('sign-recomputed-hash').textContent).not.toBe(hash);
    expect(nameField().disabled).toBe(true);
    expect(signButton().disabled).toBe(true);
  });

  it('refuses a consent statement that does not name the content hash', () => {
    open(version({ consentStatement: 'I agree to whatever this is.' }));
    expect(screen.getByTestId('consent-mismatch')).toBeTruthy();
    expect(nameField().disabled).toBe(true);
  });

  it('a name other than the account name does not sign', async () => {
    const { user } = open(version());
    await user.type(nameField(), 'Cora Clients');
    expect(signButton().disabled).toBe(true);
  });

  it('says why someone who has signed already cannot sign again', () => {
    const signature = {
      id: 's0',
      contentHash: hash,
      signedAt: '2031-01-02T00:00:00.000Z',
      authMethod: 'password',
      signer: me,
    };
    open(
      version({
        canSign: false,
        signers: [{ role: 'CLIENT', user: me, signature, nextReminderAt: null, lastRemindedAt: null }],
      }),
    );
    expect(screen.getByTestId('cannot-sign').textContent).toBe('You have already signed version 1.');
    expect(nameField().disabled).toBe(true);
  });

  it('the typed name is described by the hint naming whom to type', () => {
    open(version());
    const hint = document.getElementById(nameField().getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('Cora Client');
  });

  it('a version superseded under the open dialog is said once, and the keyboard stays in the dialog', async () => {
    let answer = version();
    const onConflict = vi.fn();
    const client = {
      executeQuery: () => fromValue({ data: { contractVersion: answer }, stale: false, hasNext: false }),
      executeMutation: (request: { variables: Record<string, unknown> }) => {
        if (!('contentHash' in request.variables))
          return fromValue({ data: { startVersionSigning: { challenge: 'c' } }, hasNext: false });
        // Someone froze version 2 meanwhile: the server refuses, and the version reads as superseded.
        answer = version({ status: 'SUPERSEDED', canSign: false });
        return fromValue({
          data: null,
          error: new CombinedError({
            graphQLErrors: [
              new GraphQLError('Version 1 was superseded; sign the newest version.', {
                extensions: { code: 'CONFLICT' },
              }),
            ],
          }),
          hasNext: false,
        });
      },
      executeSubscription: () => never,
    } as unknown as Client;
    render(
      <Provider value={client}>
        <dialog open>
          <SignDialog versionId="v1" onClose={() => {}} onSigned={() => {}} onConflict={onConflict} />
        </dialog>
      </Provider>,
    );
    const user = userEvent.setup({ delay: null });
    await user.type(nameField(), 'Cora Client');
    await user.click(signButton());

    const error = await screen.findByTestId('sign-error');
    expect(error.getAttribute('data-conflict')).toBe('true');
    expect(onConflict).toHaveBeenCalledTimes(1);
    // The version reloads as superseded; its reason becomes the error's text, not a second message.
    await waitFor(() =>
      expect(error.textContent).toBe(
        'Not signed: Version 1 was superseded by a newer version and can no longer be signed.',
      ),
    );
    expect(screen.queryByTestId('cannot-sign')).toBeNull();
    expect(screen.getAllByText(/superseded/).length).toBe(1);
    expect(screen.getByTestId('sign-dialog').contains(document.activeElement)).toBe(true);
    expect(document.activeElement).toBe(error);
  });

  it('a refusal for an unproven address says to confirm it, with a button to send the link again', async () => {
    const client = {
      executeQuery: () => fromValue({ data: { contractVersion: version() }, stale: false, hasNext: false }),
      executeMutation: () =>
        fromValue({
          error: new CombinedError({
            graphQLErrors: [
              new GraphQLError('Forbidden.', { extensions: { code: 'FORBIDDEN', reason: 'EMAIL_NOT_VERIFIED' } }),
            ],
          }),
          hasNext: false,
        }),
      executeSubscription: () => never,
    } as unknown as Client;
    render(
      <Provider value={client}>
        <SignDialog versionId="v1" onClose={() => {}} onSigned={() => {}} onConflict={() => {}} />
      </Provider>,
    );
    const user = userEvent.setup({ delay: null });
    await user.type(nameField(), 'Cora Client');
    await user.click(signButton());

    const error = await screen.findByTestId('sign-error');
    expect(error.getAttribute('data-conflict')).toBe('false');
    expect(within(error).getByRole('alert').textContent).toBe(
      'Could not sign: confirm your e-mail address first. Follow the link we sent you by e-mail, or send a new one.',
    );
    expect(within(error).getByRole('button', { name: 'Send the link again' })).toBeTruthy();
  });

  it('a version that no longer exists is said so', () => {
    open(null);
    expect(screen.getByRole('alert').textContent).toBe('Could not load the version: This version no longer exists.');
  });
});
