import { randomUUID } from 'node:crypto';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CONTRACT_LIMITS, CloseCode, LIMITS } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast } from '../support/contract.js';
import { addParticipant, makeCast, makeUser } from '../support/factories.js';
import {
  acknowledged,
  clientPool,
  closedWith,
  codesOf,
  events,
  nextEvent,
  PROPOSAL_EVENTS,
  rawGraphqlSocket,
  subscribeLive,
  type EventView,
  type Sub,
} from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';

/** Sockets are pinged this often here, so a silent peer is found quickly. */
const HEARTBEAT_MS = 300;

const t = useTestApp({}, { draftChangedDebounceMs: 50, subscriptionHeartbeatMs: HEARTBEAT_MS });
let cast: Awaited<ReturnType<typeof makeCast>>;
const pool = clientPool(() => t);

beforeAll(async () => {
  cast = await makeCast(t.api);
});
afterEach(() => pool.disposeAll());

/** A PARTICIPANT_ADDED on the shared proposal, used as an ordering barrier. */
async function barrier(): Promise<(event: EventView) => boolean> {
  const user = await makeUser(t.api);
  const added = await addParticipant(t.api, cast.client, cast.proposal.id, user, 'VIEWER');
  if (!added.data) throw new Error(JSON.stringify(added.errors));
  const participantId = added.data.addParticipant.id;
  return (event) => event.kind === 'PARTICIPANT_ADDED' && event.participant?.id === participantId;
}

/** Subscribes with `query` and waits for its refusal. */
async function refused(
  connection: ReturnType<typeof pool.connect>,
  query: string,
  variables: Record<string, unknown> = { proposalId: cast.proposal.id },
): Promise<Sub> {
  const sub = connection.subscribe(query, variables);
  await waitFor(() => sub.errors.length > 0 || sub.failure !== undefined, { what: 'the refusal' });
  return sub;
}

const selection = (fields: string) =>
  `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) { ${fields} } }`;

describe('a proposal event subscription is refused', () => {
  it('to an outsider with NOT_FOUND, the same as for a proposal that does not exist, and they receive nothing of a later freeze', async () => {
    const ready = await readyCast(t);
    const outsider = pool.connect({ token: ready.outsider.token });
    const foreign = await refused(outsider, PROPOSAL_EVENTS, { proposalId: ready.proposal.id });
    const missing = await refused(outsider, PROPOSAL_EVENTS, { proposalId: randomUUID() });
    expect(codesOf(foreign)).toEqual(['NOT_FOUND']);
    expect(foreign.errors.map((error) => error.message)).toEqual(missing.errors.map((error) => error.message));
    expect(t.app.events.subscriberCount).toBe(0);

    const clientSub = await subscribeLive(t, pool.connect({ token: ready.client.token }), ready.proposal.id);
    const version = await freezeOk(t, ready.client, ready.proposal.id);
    await nextEvent(
      clientSub,
      (event) => event.kind === 'VERSION_FROZEN' && event.version?.id === version.id,
      'the freeze at the client',
    );
    expect(events(foreign)).toEqual([]);
    expect(outsider.closes).toEqual([]);
  });

  it(`without a token, or with a token of no session, by closing the socket with ${CloseCode.UNAUTHENTICATED} before connection_ack`, async () => {
    const noToken = pool.connect();
    const badToken = pool.connect({ token: 'not-a-real-session-token' });
    const goodToken = pool.connect({ token: cast.viewer.token });
    expect(await closedWith(noToken)).toBe(CloseCode.UNAUTHENTICATED);
    expect(await closedWith(badToken)).toBe(CloseCode.UNAUTHENTICATED);
    expect([noToken.acknowledged, badToken.acknowledged]).toEqual([false, false]);
    await acknowledged(goodToken);
  });

  it('from a foreign Origin with HTTP 403 on upgrade, while the app’s own origin is accepted', async () => {
    const evil = rawGraphqlSocket(t, { origin: 'https://evil.example' });
    expect(await evil.closed).toMatchObject({ status: 403 });
    expect(await evil.opened).toBe(false);
    const own = rawGraphqlSocket(t, { origin: t.app.url });
    expect(await own.opened).toBe(true);
    own.socket.close();
  });

  it(`deeper than ${LIMITS.graphqlMaxDepth} levels with GRAPHQL_VALIDATION_FAILED, while the deepest valid selection is served`, async () => {
    const connection = pool.connect({ token: cast.freelancer.token });
    // No type reachable from a subscription leads back to itself, so six levels is as
    // deep as valid fields go; deeper documents name unknown fields too, and must be
    // refused by the depth limit itself.
    let nested = 'id';
    for (let level = 6; level <= LIMITS.graphqlMaxDepth; level += 1) nested = `f${level} { ${nested} }`;
    const deep = await refused(connection, selection(`version { signers { signature { signer { ${nested} } } } }`));
    expect(new Set(codesOf(deep))).toEqual(new Set(['GRAPHQL_VALIDATION_FAILED']));
    expect(deep.errors.map((error) => error.message)).toContainEqual(
      expect.stringMatching(
        new RegExp(`depth limit of ${LIMITS.graphqlMaxDepth} exceeded, found ${LIMITS.graphqlMaxDepth + 1}`),
      ),
    );
    expect(t.app.events.subscriberCount).toBe(0);

    const deepest = connection.subscribe<{
      proposalEvents: { kind: string; version: null; participant: { user: { email: string } } };
    }>(selection('kind version { signers { signature { signer { email } } } } participant { user { email } }'), {
      proposalId: cast.proposal.id,
    });
    await waitFor(() => t.app.events.subscriberCount === 1, { what: 'the valid subscription' });
    await barrier();
    const result = await waitFor(() => deepest.results[0], { what: 'the event' });
    expect(result.data?.proposalEvents).toMatchObject({
      kind: 'PARTICIPANT_ADDED',
      version: null,
      participant: { user: { email: expect.any(String) } },
    });
    expect(deepest.errors).toEqual([]);
    expect(events(deep)).toEqual([]);
  });

  it(`with more than ${LIMITS.graphqlMaxAliases} aliases, while ${LIMITS.graphqlMaxAliases} are served`, async () => {
    const connection = pool.connect({ token: cast.freelancer.token });
    const aliases = (count: number) => Array.from({ length: count }, (_, index) => `a${index}: kind`).join(' ');
    const tooMany = await refused(connection, selection(aliases(LIMITS.graphqlMaxAliases + 1)));
    expect(codesOf(tooMany)).toEqual(['GRAPHQL_VALIDATION_FAILED']);
    expect(tooMany.errors[0]!.message).toMatch(/alias/i);
    expect(t.app.events.subscriberCount).toBe(0);

    const atLimit = connection.subscribe<{ proposalEvents: Record<string, string> }>(
      selection(aliases(LIMITS.graphqlMaxAliases)),
      { proposalId: cast.proposal.id },
    );
    await waitFor(() => t.app.events.subscriberCount === 1, { what: 'the valid subscription' });
    await barrier();
    const result = await waitFor(() => atLimit.results[0], { what: 'the event' });
    expect(Object.values(result.data!.proposalEvents)).toEqual(
      Array(LIMITS.graphqlMaxAliases).fill('PARTICIPANT_ADDED'),
    );
    expect(events(tooMany)).toEqual([]);
  });

  it('for a query or a mutation with BAD_REQUEST, and the mutation does not run', async () => {
    const connection = pool.connect({ token: cast.client.token });
    const title = `Sent over the socket ${randomUUID()}`;
    const mutation = await refused(
      connection,
      'mutation($title: String!) { createProposal(input: { title: $title }) { id } }',
      { title },
    );
    const query = await refused(connection, '{ me { id } }', {});
    expect(codesOf(mutation)).toEqual(['BAD_REQUEST']);
    expect(codesOf(query)).toEqual(['BAD_REQUEST']);
    expect(mutation.results).toEqual([]);
    const proposals = await t.api.gql<{ proposals: { title: string }[] }>(
      '{ proposals { title } }',
      {},
      { token: cast.client.token },
    );
    expect(proposals.data?.proposals.map((proposal) => proposal.title)).not.toContain(title);

    // The connection stays usable for subscriptions.
    const sub = await subscribeLive(t, connection, cast.proposal.id);
    await nextEvent(sub, await barrier(), 'the event');
    expect(connection.closes).toEqual([]);
  });

  it(`beyond ${CONTRACT_LIMITS.subscriptionsPerConnection} on one connection with RATE_LIMITED, while the others still deliver`, async () => {
    const connection = pool.connect({ token: cast.freelancer.token });
    const subs: Sub[] = [];
    for (let index = 0; index < CONTRACT_LIMITS.subscriptionsPerConnection; index += 1)
      subs.push(await subscribeLive(t, connection, cast.proposal.id));
    const extra = await refused(connection, PROPOSAL_EVENTS);
    expect(codesOf(extra)).toEqual(['RATE_LIMITED']);
    expect(t.app.events.subscriberCount).toBe(CONTRACT_LIMITS.subscriptionsPerConnection);

    const match = await barrier();
    for (const sub of subs) await nextEvent(sub, match, 'the event on every accepted subscription');
    expect(events(extra)).toEqual([]);

    // A freed slot can be used again.
    subs[0]!.stop();
    await waitFor(() => t.app.events.subscriberCount === CONTRACT_LIMITS.subscriptionsPerConnection - 1, {
      what: 'the slot to free',
    });
    await subscribeLive(t, connection, cast.proposal.id);
    expect(connection.closes).toEqual([]);
  });

  it('when a message is not JSON, by closing only that socket with 4400', async () => {
    const witness = await subscribeLive(t, pool.connect({ token: cast.viewer.token }), cast.proposal.id);
    const raw = rawGraphqlSocket(t);
    expect(await raw.opened).toBe(true);
    raw.socket.send(JSON.stringify({ type: 'connection_init', payload: { token: cast.freelancer.token } }));
    await waitFor(() => raw.messages.some((message) => message.type === 'connection_ack'), { what: 'connection_ack' });
    raw.socket.send('{ this is not json');
    expect((await raw.closed).code).toBe(4400);
    await nextEvent(witness, await barrier(), 'the event at another client');
  });

  it('when a peer stops answering pings, by ending its socket and subscriptions, while live clients keep theirs', async () => {
    const witness = await subscribeLive(t, pool.connect({ token: cast.viewer.token }), cast.proposal.id);
    const before = t.app.events.subscriberCount;
    const silent = rawGraphqlSocket(t, {}, { autoPong: false });
    expect(await silent.opened).toBe(true);
    silent.socket.send(JSON.stringify({ type: 'connection_init', payload: { token: cast.freelancer.token } }));
    await waitFor(() => silent.messages.some((message) => message.type === 'connection_ack'), {
      what: 'connection_ack',
    });
    silent.socket.send(
      JSON.stringify({
        id: '1',
        type: 'subscribe',
        payload: { query: selection('kind'), variables: { proposalId: cast.proposal.id } },
      }),
    );
    await waitFor(() => t.app.events.subscriberCount === before + 1, { what: 'the silent subscription to start' });
    // Terminated by the server, not closed with a code of its own.
    expect((await silent.closed).code).toBe(CloseCode.ABNORMAL_CLOSURE);
    await waitFor(() => t.app.events.subscriberCount === before, { what: 'the silent subscription to end' });
    await nextEvent(witness, await barrier(), 'the event at the live client');
  });
});
