import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { CloseCode, readBrief } from '@brieflock/schema';
import { type TestApp, useInstances } from '../support/app.js';
import { synced, type TestPeer } from '../support/collab.js';
import { appendParagraph, peerPool } from '../support/collab-checks.js';
import { acceptInvitation, makeCast, tokenOfLink } from '../support/factories.js';
import { machineRedisAvailable, MACHINE_REDIS_URL, reportSkipped } from '../support/redis.js';
import { clientPool, nextEvent, subscribeLive } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';

reportSkipped(machineRedisAvailable, 'canonical ids across instances', 'a Redis at 127.0.0.1:6379');

const pool = peerPool();
const shared = useInstances(pool);
let a: TestApp;
let b: TestApp;
const subsA = clientPool(() => a);
const subsB = clientPool(() => b);
afterEach(async () => {
  await subsA.disposeAll();
  await subsB.disposeAll();
});

const upper = (id: string) => id.toUpperCase();
const mixed = (id: string) => [...id].map((c, i) => (i % 2 ? c.toUpperCase() : c)).join('');
const lines = (peer: TestPeer) => readBrief(peer.doc).outcome.text.split('\n').filter(Boolean);

async function twoInstances(): Promise<void> {
  for (const which of ['a', 'b'] as const) {
    const { app, api } = await shared.boot({ REDIS_URL: MACHINE_REDIS_URL });
    const instance: TestApp = { app, api, db: shared.db, queries: [], close: () => app.close() };
    if (which === 'a') a = instance;
    else b = instance;
  }
}

describe.skipIf(!machineRedisAvailable)('one proposal is one topic and one room on every instance', () => {
  it('spellings differing per instance share the live document, its Redis channels, its events and its removal', async () => {
    await twoInstances();
    const cast = await makeCast(a.api);
    const id = cast.proposal.id;
    const watcher = new Redis(MACHINE_REDIS_URL);
    const channels = new Set<string>();
    try {
      await watcher.psubscribe('PROPOSAL_EVENTS*', 'brieflock:collab:*');
      watcher.on('pmessage', (_pattern, channel: string) => channels.add(channel));

      // The client edits on A under the upper-case id, the freelancer on B under lowercase.
      const onA = pool.peer(a.app.url, upper(id), cast.client.token);
      const onB = pool.peer(b.app.url, id, cast.freelancer.token);
      const viewerOnB = pool.peer(b.app.url, mixed(id), cast.viewer.token);
      await Promise.all([synced(onA), synced(onB), synced(viewerOnB)]);
      appendParagraph(onA.doc, 'From A, upper case.');
      appendParagraph(onB.doc, 'From B, lowercase.');
      await waitFor(() => lines(onA).length === 2 && lines(onB).length === 2 && lines(viewerOnB).length === 2, {
        what: 'every peer to hold both edits',
      });
      expect(b.app.collab.stats().documents).toBe(1);

      // The viewer subscribes on B under a mixed-case id; a removal on A naming it in upper case ends it.
      const sub = await subscribeLive(b, subsB.connect({ token: cast.viewer.token }), mixed(id));
      const participants = await a.api.gql<{ proposal: { participants: { id: string; user: { id: string } }[] } }>(
        'query($id: ID!) { proposal(id: $id) { participants { id user { id } } } }',
        { id },
        { token: cast.client.token },
      );
      const viewerParticipant = participants.data!.proposal.participants.find((p) => p.user.id === cast.viewer.id)!;
      const removed = await a.api.gql(
        'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
        { input: { proposalId: upper(id), participantId: upper(viewerParticipant.id) } },
        { token: cast.client.token },
      );
      expect(removed.errors).toBeUndefined();
      await waitFor(() => viewerOnB.closeCodes.includes(CloseCode.PARTICIPANT_REMOVED), {
        what: "the viewer's socket on B to close",
      });
      await waitFor(() => sub.completed, { what: "the viewer's subscription on B to end" });

      // The freelancer, subscribed on B in upper case, sees the removal event published on A.
      const freelancerSub = await subscribeLive(b, subsB.connect({ token: cast.freelancer.token }), upper(id));
      const added = await a.api.gql(
        'mutation($input: AddParticipantInput!) { addParticipant(input: $input) { id inviteLink } }',
        { input: { proposalId: mixed(id), email: cast.outsider.email, role: 'VIEWER' } },
        { token: cast.client.token },
      );
      expect(added.errors).toBeUndefined();
      const accepted = await acceptInvitation(a.api, cast.outsider, tokenOfLink(added.data?.addParticipant.inviteLink));
      expect(accepted.errors).toBeUndefined();
      const event = await nextEvent(freelancerSub, (e) => e.kind === 'PARTICIPANT_ADDED', 'the addition on B');
      expect(event.proposalId).toBe(id);

      // Every channel that carried this proposal names it in its one spelling.
      const ours = [...channels].filter((channel) => channel.toLowerCase().includes(id));
      expect(ours.length).toBeGreaterThanOrEqual(2);
      expect(ours.filter((channel) => !channel.includes(id))).toEqual([]);
    } finally {
      watcher.disconnect();
    }
  });
});
