import type { TestUser } from './factories.js';
import type { Api } from './graphql.js';

/** `user`'s channel for every notification kind, as they read it on their profile: kind → channel. */
export async function channelsOf(api: Api, user: TestUser): Promise<Record<string, string>> {
  const result = await api.gql<{ me: { notificationPreferences: { channels: { kind: string; channel: string }[] } } }>(
    '{ me { notificationPreferences { channels { kind channel } } } }',
    {},
    { token: user.token },
  );
  if (!result.data?.me) throw new Error(`reading preferences failed: ${JSON.stringify(result.errors)}`);
  return Object.fromEntries(result.data.me.notificationPreferences.channels.map((row) => [row.kind, row.channel]));
}
