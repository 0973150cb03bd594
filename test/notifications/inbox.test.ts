import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { reply, startThreadOk } from '../support/comments.js';
import { freezeOk, readyCast, sign } from '../support/contract.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { clientPool } from '../support/subscriptions.js';
import { decide, suggestOk } from '../support/suggestions.js';
import { inboxOf, subscribeNotifications } from '../support/notifications.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);
afterEach(() => pool.disposeAll());

const inbox = (user: TestUser, first?: number, after?: string) => inboxOf(t, user, first, after);

function markRead(user: TestUser, ids?: string[]) {
  return t.api.gql<{ markNotificationsRead: number }>(
    'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }',
    { ids },
    { token: user.token },
  );
}

describe('the notification inbox', () => {
  it('tells the mentioned and those in a thread of a reply, never the one who wrote it', async () => {
    const cast = await makeCast(t.api);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, '@Finn can you check?', undefined, [
      cast.freelancer.id,
    ]);
    const finn = await inbox(cast.freelancer);
    expect(finn.unread).toBe(1);
    expect(finn.items.map((n) => [n.kind, n.text, n.link, n.proposal?.id])).toEqual([
      [
        'MENTIONED',
        'Cora Client mentioned you on “Churn prediction pilot”',
        `/proposals/${cast.proposal.id}`,
        cast.proposal.id,
      ],
    ]);
    expect((await inbox(cast.client)).items).toEqual([]);

    await reply(t, cast.freelancer, thread.id, 'Checked.');
    const cora = await inbox(cast.client);
    expect(cora.items.map((n) => [n.kind, n.text])).toEqual([
      ['REPLIED', 'Finn Freelancer replied in a thread on “Churn prediction pilot”'],
    ]);
    // Finn wrote the reply: nothing new for him; Vera took no part in the thread.
    expect((await inbox(cast.freelancer)).items).toHaveLength(1);
    expect((await inbox(cast.viewer)).items).toEqual([]);
    expect((await inbox(cast.outsider)).items).toEqual([]);
  });

  it('pages newest first, and marks read only the caller’s own', async () => {
    const cast = await makeCast(t.api);
    for (let i = 0; i < 5; i++)
      await startThreadOk(t, cast.client, cast.proposal.id, `Question ${i}`, undefined, [cast.freelancer.id]);
    const first = await inbox(cast.freelancer, 2);
    expect(first.items).toHaveLength(2);
    expect(first.unread).toBe(5);
    const second = await inbox(cast.freelancer, 2, first.next!);
    const third = await inbox(cast.freelancer, 2, second.next!);
    expect(third.next).toBeNull();
    const all = [...first.items, ...second.items, ...third.items].map((n) => n.id);
    expect(new Set(all).size).toBe(5);
    expect((await inbox(cast.freelancer, 5)).items.map((n) => n.id)).toEqual(all);

    // Someone else's ids change nothing.
    expect((await markRead(cast.client, all)).data?.markNotificationsRead).toBe(0);
    expect((await markRead(cast.freelancer, [all[0]!])).data?.markNotificationsRead).toBe(1);
    expect((await inbox(cast.freelancer)).unread).toBe(4);
    expect((await markRead(cast.freelancer)).data?.markNotificationsRead).toBe(4);
    expect((await inbox(cast.freelancer)).unread).toBe(0);
    expect((await markRead(cast.freelancer)).data?.markNotificationsRead).toBe(0);
    const refused = await inbox(cast.freelancer, 2, 'not-a-cursor').catch((error: Error) => error.message);
    expect(refused).toMatch(/BAD_USER_INPUT|cursor/);
  });

  it('delivers new notifications live to their recipient only', async () => {
    const cast = await makeCast(t.api);
    const subscribe = (user: TestUser) => subscribeNotifications(t, pool.connect({ token: user.token }));
    const finn = await subscribe(cast.freelancer);
    const vera = await subscribe(cast.viewer);
    await startThreadOk(t, cast.client, cast.proposal.id, 'Over to you', undefined, [cast.freelancer.id]);
    const got = await waitFor(() => finn.results[0]?.data?.myNotifications, { what: 'the live notification' });
    expect(got).toMatchObject({ kind: 'MENTIONED', readAt: null, proposal: { id: cast.proposal.id } });
    // Vera's own next notification arrives, and is the first thing she gets.
    await startThreadOk(t, cast.client, cast.proposal.id, 'And you', undefined, [cast.viewer.id]);
    await waitFor(() => vera.results.length > 0, { what: 'Vera’s notification' });
    expect(vera.results.map((r) => r.data?.myNotifications.text)).toEqual([
      'Cora Client mentioned you on “Churn prediction pilot”',
    ]);
    expect(finn.results).toHaveLength(1);
  });

  it('tells the author when someone else accepts or rejects their suggestion, and no one of a withdrawal', async () => {
    const cast = await makeCast(t.api);
    const suggest = (field: string, value: string) =>
      suggestOk(t, cast.freelancer, { proposalId: cast.proposal.id, section: 'ownership', field, value });
    const accepted = await suggest('ipOwner', 'SHARED');
    const rejected = await suggest('modelOwner', 'FREELANCER');
    const withdrawn = await suggest('license', 'MIT');
    await decide(t, cast.client, 'acceptSuggestion', accepted.id);
    await decide(t, cast.client, 'rejectSuggestion', rejected.id);
    await decide(t, cast.freelancer, 'withdrawSuggestion', withdrawn.id);
    expect((await inbox(cast.freelancer)).items.map((n) => [n.kind, n.text])).toEqual([
      ['SUGGESTION_DECIDED', 'Cora Client rejected your suggestion on “Churn prediction pilot”'],
      ['SUGGESTION_DECIDED', 'Cora Client accepted your suggestion on “Churn prediction pilot”'],
    ]);
    expect((await inbox(cast.client)).items).toEqual([]);
  });

  it('asks every signer but the one who froze to sign, and tells everyone but the last signer once it is in force', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const link = `/proposals/${cast.proposal.id}/versions/${version.id}`;
    expect((await inbox(cast.freelancer)).items.map((n) => [n.kind, n.text, n.link])).toEqual([
      [
        'SIGNATURE_REQUESTED',
        `Cora Client froze version ${version.number} of “Churn prediction pilot”: it waits for your signature`,
        link,
      ],
    ]);
    // Vera does not sign; Cora froze it herself; Otto takes no part.
    for (const user of [cast.client, cast.viewer, cast.outsider]) expect((await inbox(user)).items).toEqual([]);

    expect((await sign(t, cast.client, version.id, version.contentHash)).errors).toBeUndefined();
    expect((await inbox(cast.viewer)).items).toEqual([]);
    expect((await sign(t, cast.freelancer, version.id, version.contentHash)).errors).toBeUndefined();
    const executed = `Version ${version.number} of “Churn prediction pilot” is signed by everyone and in force`;
    for (const user of [cast.client, cast.viewer])
      expect((await inbox(user)).items.map((n) => [n.kind, n.text, n.link])).toEqual([
        ['VERSION_EXECUTED', executed, link],
      ]);
    expect((await inbox(cast.freelancer)).items.map((n) => n.kind)).toEqual(['SIGNATURE_REQUESTED']);
    expect((await inbox(cast.outsider)).items).toEqual([]);
  });

  it('asks for a session', async () => {
    const result = await t.api.gql('query { notifications { unread } }', {});
    expect(result.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});
