import { stripVTControlCharacters } from 'node:util';
import * as Y from 'yjs';
import { afterEach, describe, expect, it } from 'vitest';
import { BRIEF_SECTIONS, CloseCode, SESSION_COOKIE } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { completeBrief } from '../support/brief.js';
import { appendParagraph } from '../support/collab-checks.js';
import { connectPeer, synced } from '../support/collab.js';
import { editLiveBrief, freezeOk, readyCast, sign, writeLiveBrief } from '../support/contract.js';
import { addParticipant, makeCast, makeUser, type TestUser } from '../support/factories.js';
import {
  acknowledged,
  clientPool,
  closedWith,
  codesOf,
  eventCount,
  events,
  kinds,
  nextEvent,
  subscribeLive,
  webSocketWithHeaders,
  type EventView,
} from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp({}, { draftChangedDebounceMs: 50 });
const pool = clientPool(() => t);

afterEach(() => pool.disposeAll());

/** Adds a fresh user to a proposal as VIEWER (a PARTICIPANT_ADDED that changes no signer). */
async function addViewer(actor: TestUser, proposalId: string) {
  const user = await makeUser(t.api);
  const added = await addParticipant(t.api, actor, proposalId, user, 'VIEWER');
  if (!added.data) throw new Error(JSON.stringify(added.errors));
  return { user, participantId: added.data.addParticipant.id };
}

/** The person joined (accepted their invitation): not the invitation itself, shown to clients first. */
const addedEvent = (participantId: string) => (event: EventView) =>
  event.kind === 'PARTICIPANT_ADDED' &&
  event.participant?.id === participantId &&
  event.participant.user.id !== participantId;

async function participantIdOf(proposalId: string, asUser: TestUser, userId: string): Promise<string> {
  const result = await t.api.gql<{ proposal: { participants: { id: string; user: { id: string } }[] } }>(
    'query($id: ID!) { proposal(id: $id) { participants { id user { id } } } }',
    { id: proposalId },
    { token: asUser.token },
  );
  const participant = result.data?.proposal.participants.find((p) => p.user.id === userId);
  if (!participant) throw new Error(JSON.stringify(result.errors));
  return participant.id;
}

describe('proposal events over graphql-ws', () => {
  it('deliver to a freelancer, in order: a draft change, a new participant, the freeze, both signatures and the execution', async () => {
    const cast = await makeCast(t.api);
    const sub = await subscribeLive(t, pool.connect({ token: cast.freelancer.token }), cast.proposal.id);

    // Barrier: the first full write of the brief arrives as one DRAFT_CHANGED naming every section.
    await writeLiveBrief(t, cast.client, cast.proposal.id, completeBrief());
    const initial = await nextEvent(
      sub,
      (event) => event.kind === 'DRAFT_CHANGED' && event.sections.includes('communication'),
      'the initial draft change',
    );
    expect(initial.sections).toEqual(BRIEF_SECTIONS.map((section) => section.key).sort());
    const start = events(sub).length;

    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => {
      appendParagraph(doc, 'Also flag customers who downgrade.');
      (doc.getArray('milestones').get(0) as Y.Map<unknown>).set('title', 'Baseline churn model');
    });
    const [draft] = (await eventCount(sub, start + 1)).slice(start);
    expect(draft).toMatchObject({
      kind: 'DRAFT_CHANGED',
      proposalId: cast.proposal.id,
      version: null,
      participant: null,
      actor: { id: cast.client.id, email: cast.client.email },
    });
    expect(draft!.sections).toEqual(['milestones', 'outcome']);

    const { user: newcomer, participantId } = await addViewer(cast.client, cast.proposal.id);
    const added = (await eventCount(sub, start + 2))[start + 1]!;
    expect(added).toMatchObject({
      kind: 'PARTICIPANT_ADDED',
      sections: [],
      // The newcomer joined by accepting the client's invitation.
      actor: { id: newcomer.id },
      participant: { id: participantId, role: 'VIEWER', user: { id: newcomer.id, email: newcomer.email } },
    });

    const version = await freezeOk(t, cast.client, cast.proposal.id, 'first cut');
    const frozen = (await eventCount(sub, start + 3))[start + 2]!;
    expect(frozen).toMatchObject({
      kind: 'VERSION_FROZEN',
      actor: { id: cast.client.id },
      version: { id: version.id, number: 1, status: 'AWAITING_SIGNATURES', contentHash: version.contentHash },
    });

    expect((await sign(t, cast.client, version.id, version.contentHash)).errors).toBeUndefined();
    const clientSigned = (await eventCount(sub, start + 4))[start + 3]!;
    expect(clientSigned).toMatchObject({
      kind: 'VERSION_SIGNED',
      actor: { id: cast.client.id },
      version: { id: version.id, status: 'AWAITING_SIGNATURES' },
    });
    expect(clientSigned.version!.signatures.map((s) => s.signer.id)).toEqual([cast.client.id]);

    expect((await sign(t, cast.freelancer, version.id, version.contentHash)).errors).toBeUndefined();
    const [freelancerSigned, executed] = (await eventCount(sub, start + 6)).slice(start + 4);
    expect(freelancerSigned).toMatchObject({
      kind: 'VERSION_SIGNED',
      actor: { id: cast.freelancer.id },
      version: { id: version.id },
    });
    // Read when the event is delivered, not from the subscription's first identity map.
    expect(executed).toMatchObject({
      kind: 'VERSION_EXECUTED',
      actor: { id: cast.freelancer.id },
      version: { id: version.id, number: 1, status: 'SIGNED' },
    });
    expect(executed!.version!.signatures).toHaveLength(2);

    expect(kinds(sub).slice(start)).toEqual([
      'DRAFT_CHANGED',
      'PARTICIPANT_ADDED',
      'VERSION_FROZEN',
      'VERSION_SIGNED',
      'VERSION_SIGNED',
      'VERSION_EXECUTED',
    ]);
    expect(sub.errors).toEqual([]);
  });

  it('debounce a burst of edits into fewer DRAFT_CHANGED events than edits, naming the union of the sections touched', async () => {
    const cast = await makeCast(t.api);
    const sub = await subscribeLive(t, pool.connect({ token: cast.freelancer.token }), cast.proposal.id);
    const peer = connectPeer(t.app.url, cast.proposal.id, cast.client.token);
    try {
      await synced(peer);
      const edits = 30;
      const sections = ['outcome', 'scope', 'milestones'];
      for (let index = 0; index < edits - 1; index += 1) {
        const section = sections[index % sections.length]!;
        peer.doc.transact(() => {
          if (section === 'milestones')
            peer.doc
              .getArray<Y.Map<unknown>>('milestones')
              .push([new Y.Map<unknown>([['title', `Milestone ${index}`]])]);
          else appendParagraph(peer.doc, `Keystroke ${index}`, section);
        });
      }
      // The last edit alone touches `communication`: once that is announced, every earlier edit was too.
      peer.doc.transact(() => peer.doc.getMap('communication').set('cadence', 'Daily'));
      await waitFor(() => peer.isSaved(), { what: 'the burst to be stored' });
      await nextEvent(
        sub,
        (event) => event.sections.includes('communication'),
        'the draft change naming the last edit',
      );

      const drafts = events(sub).filter((event) => event.kind === 'DRAFT_CHANGED');
      expect(drafts.length).toBeGreaterThanOrEqual(1);
      expect(drafts.length).toBeLessThan(edits);
      expect(new Set(drafts.flatMap((event) => event.sections))).toEqual(new Set([...sections, 'communication']));
      for (const draft of drafts) expect(draft.actor?.id).toBe(cast.client.id);
    } finally {
      peer.destroy();
    }
  });

  it('reach a viewer, and every subscriber receives the same event', async () => {
    const cast = await makeCast(t.api);
    const viewerSub = await subscribeLive(t, pool.connect({ token: cast.viewer.token }), cast.proposal.id);
    const clientSub = await subscribeLive(t, pool.connect({ token: cast.client.token }), cast.proposal.id);
    const { participantId } = await addViewer(cast.client, cast.proposal.id);
    const atViewer = await nextEvent(viewerSub, addedEvent(participantId), 'the event at the viewer');
    const atClient = await nextEvent(clientSub, addedEvent(participantId), 'the event at the client');
    expect(atViewer).toEqual(atClient);
    expect(viewerSub.errors).toEqual([]);
  });

  it("end the removed freelancer's subscription at once after their own removal, and they receive no later event", async () => {
    const cast = await makeCast(t.api);
    const freelancerConnection = pool.connect({ token: cast.freelancer.token });
    const freelancerSub = await subscribeLive(t, freelancerConnection, cast.proposal.id);
    const clientSub = await subscribeLive(t, pool.connect({ token: cast.client.token }), cast.proposal.id);
    const participantId = await participantIdOf(cast.proposal.id, cast.client, cast.freelancer.id);

    const removed = await t.api.gql<{ removeParticipant: boolean }>(
      'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
      { input: { proposalId: cast.proposal.id, participantId } },
      { token: cast.client.token },
    );
    expect(removed.data?.removeParticipant).toBe(true);
    await waitFor(() => freelancerSub.completed, { what: "the freelancer's subscription to complete" });

    // Barrier: a later event reaches the client; the removed freelancer got nothing, before or after.
    const { participantId: later } = await addViewer(cast.client, cast.proposal.id);
    await nextEvent(clientSub, addedEvent(later), 'the later event at the client');
    expect(kinds(freelancerSub)).toEqual(['PARTICIPANT_REMOVED']);
    expect(clientSub.completed).toBe(false);

    // The socket itself stays open, but a new subscription is refused like an outsider's.
    const again = freelancerConnection.subscribe(
      'subscription($id: ID!) { proposalEvents(proposalId: $id) { kind } }',
      { id: cast.proposal.id },
    );
    await waitFor(() => again.errors.length > 0, { what: 'the refusal' });
    expect(codesOf(again)).toEqual(['NOT_FOUND']);
    expect(freelancerConnection.closes).toEqual([]);
  });

  it(`close the subscriber's socket with ${CloseCode.UNAUTHENTICATED} when that session signs out, and only that socket`, async () => {
    const cast = await makeCast(t.api);
    const freelancerConnection = pool.connect({ token: cast.freelancer.token });
    const freelancerSub = await subscribeLive(t, freelancerConnection, cast.proposal.id);
    const clientConnection = pool.connect({ token: cast.client.token });
    const clientSub = await subscribeLive(t, clientConnection, cast.proposal.id);

    const signedOut = await t.api.gql<{ signOut: boolean }>(
      'mutation { signOut }',
      {},
      { token: cast.freelancer.token },
    );
    expect(signedOut.data?.signOut).toBe(true);
    expect(await closedWith(freelancerConnection)).toBe(CloseCode.UNAUTHENTICATED);
    expect(freelancerSub.failure).toBeDefined();

    const { participantId } = await addViewer(cast.client, cast.proposal.id);
    await nextEvent(clientSub, addedEvent(participantId), 'the later event at the client');
    expect(events(freelancerSub)).toEqual([]);
    expect(clientConnection.closes).toEqual([]);

    // The signed-out token cannot open a new connection either.
    expect(await closedWith(pool.connect({ token: cast.freelancer.token }))).toBe(CloseCode.UNAUTHENTICATED);
  });
});

describe('delivering one event to many subscribers', () => {
  const SELECTION = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
    kind at actor { id } version { id status canSign signatures { signer { id } } } } }`;
  type Delivered = {
    proposalEvents: {
      kind: string;
      at: string;
      actor: { id: string } | null;
      version: { id: string; status: string; canSign: boolean; signatures: { signer: { id: string } }[] } | null;
    };
  };

  it('reads what the event is about once per event, not per subscriber, while canSign stays per viewer', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    // Two tabs for each of the three participants.
    const watchers = [cast.client, cast.client, cast.freelancer, cast.freelancer, cast.viewer, cast.viewer].map(
      (user) => {
        const sub = pool
          .connect({ token: user.token })
          .subscribe<Delivered>(SELECTION, { proposalId: cast.proposal.id });
        return { user, sub };
      },
    );
    await waitFor(() => t.app.events.subscriberCount === watchers.length, { what: 'every subscription to be live' });

    const deliver = async (actorId: string) => {
      const at = new Date(Date.now() + 1000).toISOString();
      t.queries.length = 0;
      // As signVersion publishes it: its webhook deliveries went out with the signature's transaction.
      t.app.events.publish({
        kind: 'VERSION_SIGNED',
        proposalId: cast.proposal.id,
        versionId: version.id,
        actorId,
        at,
      });
      const seen = await Promise.all(
        watchers.map(({ sub }) =>
          waitFor(() => sub.results.map((result) => result.data?.proposalEvents).find((event) => event?.at === at), {
            what: 'the event at every subscriber',
          }),
        ),
      );
      // MikroORM's log lines carry ANSI colours.
      const statements = t.queries
        .map((line) => stripVTControlCharacters(line))
        .filter((line) => /\[query\] select\b/i.test(line));
      return { seen, statements };
    };

    const before = await deliver(cast.client.id);
    // The version, the actor, its signers and its signatures: once each for all six subscribers.
    expect(before.statements.length).toBeGreaterThan(0);
    expect(before.statements.length).toBeLessThanOrEqual(4);
    expect(before.seen.map((event) => event!.version!.canSign)).toEqual([true, true, true, true, false, false]);

    expect((await sign(t, cast.client, version.id, version.contentHash)).errors).toBeUndefined();
    // The signature's own event is read and delivered first, so its queries stay out of the count.
    const signedEvents = (sub: (typeof watchers)[number]['sub']) =>
      sub.results.filter((result) => result.data?.proposalEvents?.kind === 'VERSION_SIGNED').length;
    await waitFor(() => watchers.every(({ sub }) => signedEvents(sub) === 2), {
      what: "the signature's own event at every subscriber",
    });
    const after = await deliver(cast.client.id);
    expect(after.statements.length).toBeLessThanOrEqual(4);
    // Read for this event, not an earlier one: the client's signature is there, so only the freelancer may still sign.
    expect(after.seen.map((event) => event!.version!.canSign)).toEqual([false, false, true, true, false, false]);
    for (const event of after.seen)
      expect(event!.version!.signatures.map((signature) => signature.signer.id)).toEqual([cast.client.id]);
    for (const { sub } of watchers) expect(sub.errors).toEqual([]);
  });
});

describe('one selection shared by many subscribers', () => {
  /** No field of it depends on the viewer: each event is executed once for all of them. */
  const SHARED = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
    kind proposalId at version { id number status } actor { id email name } } }`;
  const PER_VIEWER = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
    kind at version { id canSign } } }`;
  type Shared = {
    proposalEvents: {
      kind: string;
      at: string;
      version: { id: string; status: string; canSign?: boolean } | null;
      actor: { id: string } | null;
    };
  };
  const at = (sub: { results: { data?: Shared | null }[] }, when: string) =>
    sub.results.map((result) => result.data?.proposalEvents).find((event) => event?.at === when);

  it('reaches each subscriber the same, still filtered and ended per subscriber, beside per-viewer fields', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const variables = { proposalId: cast.proposal.id };
    const before = t.app.events.subscriberCount;
    const watchers = [cast.client, cast.client, cast.freelancer, cast.freelancer, cast.viewer].map((user) => ({
      user,
      sub: pool.connect({ token: user.token }).subscribe<Shared>(SHARED, variables),
    }));
    const perViewer = [cast.client, cast.viewer].map((user) =>
      pool.connect({ token: user.token }).subscribe<Shared>(PER_VIEWER, variables),
    );
    await waitFor(() => t.app.events.subscriberCount === before + watchers.length + perViewer.length, {
      what: 'every subscription to be live',
    });
    const publish = (extra: { clientsOnly?: boolean } = {}) => {
      const when = new Date(Date.now() + 1000 + Math.random() * 1000).toISOString();
      t.app.events.publish({
        kind: 'VERSION_SIGNED',
        proposalId: cast.proposal.id,
        versionId: version.id,
        actorId: cast.client.id,
        at: when,
        ...extra,
      });
      return when;
    };

    const first = publish();
    const seen = await Promise.all(
      watchers.map(({ sub }) => waitFor(() => at(sub, first), { what: 'the event at every subscriber' })),
    );
    for (const event of seen)
      expect(event).toEqual({
        kind: 'VERSION_SIGNED',
        proposalId: cast.proposal.id,
        at: first,
        version: { id: version.id, number: 1, status: 'AWAITING_SIGNATURES' },
        actor: { id: cast.client.id, email: cast.client.email, name: cast.client.name },
      });
    const perViewerSeen = await Promise.all(
      perViewer.map((sub) => waitFor(() => at(sub, first), { what: 'the event with canSign' })),
    );
    expect(perViewerSeen.map((event) => event!.version!.canSign)).toEqual([true, false]);

    // Only the clients hear a clients-only event; a later event is the barrier at the others.
    const clientsOnly = publish({ clientsOnly: true });
    const barrier = publish();
    await Promise.all(watchers.map(({ sub }) => waitFor(() => at(sub, barrier), { what: 'the barrier everywhere' })));
    expect(watchers.map(({ sub }) => at(sub, clientsOnly) !== undefined)).toEqual([true, true, false, false, false]);

    // The removed freelancer's subscriptions end; the others go on receiving.
    const participantId = await participantIdOf(cast.proposal.id, cast.client, cast.freelancer.id);
    const removed = await t.api.gql<{ removeParticipant: boolean }>(
      'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
      { input: { proposalId: cast.proposal.id, participantId } },
      { token: cast.client.token },
    );
    expect(removed.data?.removeParticipant).toBe(true);
    await waitFor(() => watchers.filter(({ user }) => user === cast.freelancer).every(({ sub }) => sub.completed), {
      what: "the freelancer's subscriptions to complete",
    });
    const after = publish();
    await Promise.all(
      watchers
        .filter(({ user }) => user !== cast.freelancer)
        .map(({ sub }) => waitFor(() => at(sub, after), { what: 'the later event at the others' })),
    );
    for (const { user, sub } of watchers) {
      expect(at(sub, after) !== undefined).toBe(user !== cast.freelancer);
      expect(sub.errors).toEqual([]);
    }
  });
});

describe('a graphql-ws connection authenticates', () => {
  async function receivesEvents(
    connection: ReturnType<typeof pool.connect>,
    cast: Awaited<ReturnType<typeof makeCast>>,
  ) {
    await acknowledged(connection);
    const sub = await subscribeLive(t, connection, cast.proposal.id);
    const { participantId } = await addViewer(cast.client, cast.proposal.id);
    await nextEvent(sub, addedEvent(participantId), 'the event');
  }

  it("with { authorization: 'Bearer <token>' } connection params", async () => {
    const cast = await makeCast(t.api);
    await receivesEvents(pool.connect({ authorization: `Bearer ${cast.freelancer.token}` }), cast);
  });

  it('with the session cookie on the upgrade request', async () => {
    const cast = await makeCast(t.api);
    await receivesEvents(
      pool.connect(undefined, webSocketWithHeaders({ cookie: `${SESSION_COOKIE}=${cast.freelancer.token}` })),
      cast,
    );
  });

  it(`not with an authorization param that is no Bearer token, nor with a cookie of no session (${CloseCode.UNAUTHENTICATED})`, async () => {
    const cast = await makeCast(t.api);
    const basic = pool.connect({ authorization: `Basic ${cast.freelancer.token}` });
    const emptyBearer = pool.connect({ authorization: 'Bearer ' });
    const badCookie = pool.connect(undefined, webSocketWithHeaders({ cookie: `${SESSION_COOKIE}=not-a-session` }));
    for (const connection of [basic, emptyBearer, badCookie]) {
      expect(await closedWith(connection)).toBe(CloseCode.UNAUTHENTICATED);
      expect(connection.acknowledged).toBe(false);
    }
  });
});
