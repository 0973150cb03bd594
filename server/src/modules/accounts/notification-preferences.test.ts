import { NOTIFICATION_KINDS } from '@brieflock/schema';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../../test/support/app.js';
import { makeProposal, makeUser } from '../../../../test/support/factories.js';
import { emailChannelFor } from '../notifications/preferences.js';

const t = useTestApp();

const MINE = '{ me { id notificationPreferences { channels { kind channel } } } }';
const UPDATE = `mutation($input: NotificationPreferencesInput!) {
  updateNotificationPreferences(input: $input) { channels { kind channel } }
}`;

const DIGEST = ['REPLIED', 'SUGGESTION_DECIDED', 'MILESTONE_DUE'];
const defaults = () =>
  NOTIFICATION_KINDS.map((kind) => ({
    kind,
    channel: kind === 'INVITED' ? 'APP_ONLY' : DIGEST.includes(kind) ? 'DIGEST' : 'EMAIL_NOW',
  }));

describe('notification preferences', () => {
  it('start at the defaults: what waits on them at once, the rest in the digest, invitations in the app', async () => {
    const user = await makeUser(t.api);
    const result = await t.api.gql(MINE, {}, { token: user.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.me.notificationPreferences.channels).toEqual(defaults());
    const em = t.app.orm.em.fork();
    expect(await emailChannelFor(em, user.id, 'MENTIONED')).toBe('immediate');
    expect(await emailChannelFor(em, user.id, 'REPLIED')).toBe('digest');
    expect(await emailChannelFor(em, user.id, 'INVITED')).toBe('none');
  });

  it('change only the kinds named, are read back, and steer emailChannelFor', async () => {
    const user = await makeUser(t.api);
    const other = await makeUser(t.api);
    const result = await t.api.gql(
      UPDATE,
      {
        input: {
          channels: [
            { kind: 'MENTIONED', channel: 'APP_ONLY' },
            { kind: 'REPLIED', channel: 'EMAIL_NOW' },
          ],
        },
      },
      { token: user.token },
    );
    expect(result.errors).toBeUndefined();
    const expected = defaults().map((entry) =>
      entry.kind === 'MENTIONED'
        ? { ...entry, channel: 'APP_ONLY' }
        : entry.kind === 'REPLIED'
          ? { ...entry, channel: 'EMAIL_NOW' }
          : entry,
    );
    expect(result.data?.updateNotificationPreferences.channels).toEqual(expected);
    expect((await t.api.gql(MINE, {}, { token: user.token })).data?.me.notificationPreferences.channels).toEqual(
      expected,
    );

    // Changing one again overwrites it; the other stays.
    await t.api.gql(UPDATE, { input: { channels: [{ kind: 'MENTIONED', channel: 'DIGEST' }] } }, { token: user.token });
    const em = t.app.orm.em.fork();
    expect(await emailChannelFor(em, user.id, 'MENTIONED')).toBe('digest');
    expect(await emailChannelFor(em, user.id, 'REPLIED')).toBe('immediate');
    expect(await emailChannelFor(em, user.id, 'SIGNATURE_REQUESTED')).toBe('immediate');
    // Nobody else's changed.
    expect(await emailChannelFor(em, other.id, 'MENTIONED')).toBe('immediate');
    expect(await emailChannelFor(em, other.id, 'REPLIED')).toBe('digest');

    await t.api.gql(UPDATE, { input: { channels: [{ kind: 'REPLIED', channel: 'APP_ONLY' }] } }, { token: user.token });
    expect(await emailChannelFor(t.app.orm.em.fork(), user.id, 'REPLIED')).toBe('none');
  });

  it('refuse a kind named twice with BAD_USER_INPUT and change nothing', async () => {
    const user = await makeUser(t.api);
    const result = await t.api.gql(
      UPDATE,
      {
        input: {
          channels: [
            { kind: 'REPLIED', channel: 'APP_ONLY' },
            { kind: 'REPLIED', channel: 'EMAIL_NOW' },
          ],
        },
      },
      { token: user.token },
    );
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('channels');
    expect(await emailChannelFor(t.app.orm.em.fork(), user.id, 'REPLIED')).toBe('digest');
  });

  it("are only their holder's: someone else's read is FORBIDDEN and null", async () => {
    const client = await makeUser(t.api);
    const freelancer = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    const added = await t.api.gql(
      'mutation($input: AddParticipantInput!) { addParticipant(input: $input) { user { id } } }',
      { input: { proposalId: proposal.id, email: freelancer.email, role: 'FREELANCER' } },
      { token: client.token },
    );
    expect(added.errors).toBeUndefined();
    const result = await t.api.gql(
      `query($id: ID!) { proposal(id: $id) { participants { user { id notificationPreferences { channels { kind } } } } } }`,
      { id: proposal.id },
      { token: client.token },
    );
    const users: { id: string; notificationPreferences: unknown }[] = result.data?.proposal.participants.map(
      (participant: { user: unknown }) => participant.user,
    );
    expect(users.find((user) => user.id === client.id)?.notificationPreferences).not.toBeNull();
    const theirs = users.find((user) => user.id !== client.id);
    expect(theirs?.notificationPreferences).toBeNull();
    expect(result.errors?.map((error) => error.extensions?.code)).toEqual(['FORBIDDEN']);
  });

  it('need a session: UNAUTHENTICATED without one', async () => {
    const result = await t.api.gql(UPDATE, { input: { channels: [] } });
    expect(result.code).toBe('UNAUTHENTICATED');
  });
});
