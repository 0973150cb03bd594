import type { Api } from './graphql.js';
import type { TestUser } from './factories.js';
import { pageOriginOf, SoftwareAuthenticator } from './webauthn.js';

export const PASSKEY_FIELDS = 'id name createdAt lastUsedAt';

/** startPasskeyRegistration → the authenticator → finishPasskeyRegistration, as `user`. */
export async function registerPasskey(
  api: Api,
  user: TestUser,
  name: string | null = null,
  authenticator = new SoftwareAuthenticator(pageOriginOf(api.url)),
): Promise<{ authenticator: SoftwareAuthenticator; passkey: { id: string; name: string } }> {
  const started = await api.gql('mutation { startPasskeyRegistration }', {}, { token: user.token });
  if (!started.data) throw new Error(`startPasskeyRegistration failed: ${JSON.stringify(started.errors)}`);
  const response = authenticator.register(started.data.startPasskeyRegistration);
  const finished = await api.gql(
    `mutation($response: JSON!, $name: String) { finishPasskeyRegistration(response: $response, name: $name) { ${PASSKEY_FIELDS} } }`,
    { response, name },
    { token: user.token },
  );
  if (!finished.data) throw new Error(`finishPasskeyRegistration failed: ${JSON.stringify(finished.errors)}`);
  return { authenticator, passkey: finished.data.finishPasskeyRegistration };
}

const authenticators = new Map<string, SoftwareAuthenticator>();

/** The test user's passkey, registered on first use (one software authenticator per user). */
export async function passkeyOf(api: Api, user: TestUser): Promise<SoftwareAuthenticator> {
  const known = authenticators.get(user.id);
  if (known) return known;
  const { authenticator } = await registerPasskey(api, user, 'Test authenticator');
  authenticators.set(user.id, authenticator);
  return authenticator;
}
