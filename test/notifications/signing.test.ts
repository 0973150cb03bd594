import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { freeze, freezeOk, readyCast, reviseBrief, sign } from '../support/contract.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { clientPool } from '../support/subscriptions.js';
import { inboxOf, subscribeNotifications } from '../support/notifications.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);
afterEach(() => pool.disposeAll());

const SIGNING_KINDS = new Set(['SIGNATURE_REQUESTED', 'VERSION_EXECUTED']);

/** The signing notifications in `user`'s inbox, newest first, as [kind, text, link]. */
async function signingInbox(user: TestUser) {
  return (await inboxOf(t, user, 50)).items
    .filter((n) => SIGNING_KINDS.has(n.kind))
    .map((n) => [n.kind, n.text, n.link, n.proposal?.id]);
}

async function signOk(user: TestUser, versionId: string, contentHash: string) {
  const result = await sign(t, user, versionId, contentHash);
  if (!result.data?.signVersion) throw new Error(`signVersion failed: ${JSON.stringify(result.errors)}`);
}

describe('signing notifications, beyond the inbox test', () => {
  it('asks every other signer to sign a frozen version, never the one who froze it or a viewer', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const link = `/proposals/${cast.proposal.id}/versions/${version.id}`;
    expect(await signingInbox(cast.freelancer)).toEqual([
      [
        'SIGNATURE_REQUESTED',
        'Cora Client froze version 1 of “Churn prediction pilot”: it waits for your signature',
        link,
        cast.proposal.id,
      ],
    ]);
    expect(await signingInbox(cast.client)).toEqual([]);
    expect(await signingInbox(cast.viewer)).toEqual([]);
    expect(await signingInbox(cast.outsider)).toEqual([]);

    // A freeze by the freelancer asks the client, and supersedes the first request's version.
    await reviseBrief(t, cast.freelancer, cast.proposal.id);
    const second = await freezeOk(t, cast.freelancer, cast.proposal.id);
    expect(await signingInbox(cast.client)).toEqual([
      [
        'SIGNATURE_REQUESTED',
        'Finn Freelancer froze version 2 of “Churn prediction pilot”: it waits for your signature',
        `/proposals/${cast.proposal.id}/versions/${second.id}`,
        cast.proposal.id,
      ],
    ]);
    expect(await signingInbox(cast.freelancer)).toHaveLength(1);
  });

  it('writes nothing when the freeze is refused', async () => {
    const cast = await readyCast(t);
    await freezeOk(t, cast.client, cast.proposal.id);
    const refused = await freeze(t, cast.client, cast.proposal.id);
    expect(refused.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(await signingInbox(cast.freelancer)).toHaveLength(1);

    // A brief that is not ready is no version, so no one is asked to sign.
    const empty = await makeCast(t.api);
    expect((await freeze(t, empty.client, empty.proposal.id)).errors?.[0]?.extensions?.code).toBe('BRIEF_NOT_READY');
    expect(await signingInbox(empty.freelancer)).toEqual([]);
  });

  it('tells every participant but the last signer when a version is executed, and nobody before', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    await signOk(cast.freelancer, version.id, version.contentHash);
    // One signature of two: nothing is executed yet.
    for (const user of [cast.client, cast.freelancer, cast.viewer])
      expect((await signingInbox(user)).filter(([kind]) => kind === 'VERSION_EXECUTED')).toEqual([]);

    await signOk(cast.client, version.id, version.contentHash);
    const executed = [
      'VERSION_EXECUTED',
      'Version 1 of “Churn prediction pilot” is signed by everyone and in force',
      `/proposals/${cast.proposal.id}/versions/${version.id}`,
      cast.proposal.id,
    ];
    expect((await signingInbox(cast.freelancer))[0]).toEqual(executed);
    expect(await signingInbox(cast.viewer)).toEqual([executed]);
    expect(await signingInbox(cast.client)).toEqual([]);
    expect(await signingInbox(cast.outsider)).toEqual([]);

    // Signing again returns the earlier signature and tells nobody anything new.
    await signOk(cast.client, version.id, version.contentHash);
    expect(await signingInbox(cast.viewer)).toHaveLength(1);
    expect(await signingInbox(cast.freelancer)).toHaveLength(2);
  });

  it('delivers both live to their recipients once the change committed', async () => {
    const cast = await readyCast(t);
    const subscribe = (user: TestUser) => subscribeNotifications(t, pool.connect({ token: user.token }));
    const finn = await subscribe(cast.freelancer);
    const vera = await subscribe(cast.viewer);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const request = await waitFor(() => finn.results[0]?.data?.myNotifications, { what: 'the signature request' });
    expect(request).toMatchObject({ kind: 'SIGNATURE_REQUESTED', readAt: null, proposal: { id: cast.proposal.id } });

    await signOk(cast.freelancer, version.id, version.contentHash);
    await signOk(cast.client, version.id, version.contentHash);
    await waitFor(() => vera.results.length > 0 && finn.results.length > 1, { what: 'the executed notifications' });
    expect(vera.results.map((r) => r.data?.myNotifications.kind)).toEqual(['VERSION_EXECUTED']);
    expect(finn.results.map((r) => r.data?.myNotifications.kind)).toEqual(['SIGNATURE_REQUESTED', 'VERSION_EXECUTED']);
  });
});
