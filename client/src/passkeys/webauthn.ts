import {
  browserSupportsWebAuthn,
  startAuthentication,
  startRegistration,
  WebAuthnError,
  type PublicKeyCredentialCreationOptionsJSON,
  type PublicKeyCredentialRequestOptionsJSON,
} from '@simplewebauthn/browser';
import type { Client } from 'urql';
import { dataOrThrow } from '../api';
import {
  FinishPasskeyRegistrationMutation,
  FinishPasskeySignInMutation,
  StartPasskeyRegistrationMutation,
  StartPasskeySignInMutation,
} from '../operations/passkeys';

export { browserSupportsWebAuthn };

/** A WebAuthn failure as a sentence for the person (cancelled, timed out, unsupported…). */
export function webauthnMessage(error: unknown): string | null {
  if (error instanceof WebAuthnError) {
    if (error.code === 'ERROR_CEREMONY_ABORTED') return 'The passkey prompt was closed.';
    if (error.code === 'ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED')
      return 'This device already holds a passkey for your account.';
    return error.message;
  }
  if (error instanceof DOMException && error.name === 'NotAllowedError')
    return 'The passkey prompt was cancelled or timed out. Try again.';
  return null;
}

/** Registers a new passkey for the signed-in account: server options → authenticator → server. */
export async function createPasskey(client: Client, name: string | null): Promise<{ id: string; name: string }> {
  const started = dataOrThrow(await client.mutation(StartPasskeyRegistrationMutation, {}).toPromise());
  const response = await startRegistration({
    optionsJSON: started.startPasskeyRegistration as PublicKeyCredentialCreationOptionsJSON,
  });
  const finished = dataOrThrow(
    await client.mutation(FinishPasskeyRegistrationMutation, { response, name }).toPromise(),
  );
  return finished.finishPasskeyRegistration;
}

/** Asks the authenticator for an assertion answering the server's request options. */
export function assertWithPasskey(options: unknown, useBrowserAutofill = false) {
  return startAuthentication({
    optionsJSON: options as PublicKeyCredentialRequestOptionsJSON,
    useBrowserAutofill,
  });
}

/** Signs in with a passkey: server options → authenticator → server; resolves with the account. */
export async function signInWithPasskey(client: Client, email: string | null) {
  const started = dataOrThrow(await client.mutation(StartPasskeySignInMutation, { email }).toPromise());
  const response = await assertWithPasskey(started.startPasskeySignIn);
  const finished = dataOrThrow(await client.mutation(FinishPasskeySignInMutation, { response }).toPromise());
  return finished.finishPasskeySignIn.user;
}
