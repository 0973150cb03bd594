import WebSocket from 'ws';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, COLLAB_SUBPROTOCOL, collabProtocols } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { lifecycleOf, synced, type TestPeer } from '../support/collab.js';
import { appendParagraph, peerPool } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
let cast: Awaited<ReturnType<typeof makeCast>>;
const pool = peerPool();
const sockets: WebSocket[] = [];

/** A real provider authenticating with the subprotocols, nothing in its URL but `saved=1`. */
const byProtocol = (token: string, proposalId = cast.proposal.id) =>
  pool.peer(t.app.url, proposalId, null, { protocols: collabProtocols(token) });

/** A second session of `email`'s account. */
async function signIn(user: { email: string; password: string }): Promise<string> {
  const signedIn = await t.api.gql<{ signIn: { token: string } }>(
    'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
    { input: { email: user.email, password: user.password } },
  );
  expect(signedIn.errors).toBeUndefined();
  return signedIn.data!.signIn.token;
}

/** Waits for a provider's refusal: its close codes, and it gives up reconnecting. */
async function refusedWith(peer: TestPeer, code: number): Promise<void> {
  await waitFor(() => peer.closeCodes.length > 0 && !peer.provider.shouldConnect, { what: 'the refusal' });
  expect(peer.closeCodes).toEqual([code]);
  expect(peer.provider.synced).toBe(false);
  expect(peer.doc.getXmlFragment('outcome').length).toBe(0);
}

/** A bare socket offering `protocols`: how it ended and how many frames it received first. */
async function bare(protocols: string[]) {
  const socket = new WebSocket(`${t.app.url.replace(/^http/, 'ws')}/collab/${cast.proposal.id}`, protocols);
  sockets.push(socket);
  let frames = 0;
  socket.on('message', () => frames++);
  socket.on('error', () => undefined);
  const closed = await lifecycleOf(socket).closed;
  return { ...closed, frames };
}

beforeAll(async () => {
  cast = await makeCast(t.api);
  const writer = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
  await synced(writer);
  appendParagraph(writer.doc, 'Confidential outcome.');
  await waitFor(() => writer.isSaved(), { what: 'the content to be saved' });
  pool.destroyAll();
});
afterEach(() => {
  pool.destroyAll();
  for (const socket of sockets.splice(0)) socket.terminate();
});
afterAll(() => pool.destroyAll());

describe('a collaboration socket authenticated with the `brieflock.token.<token>` subprotocol', () => {
  it('is accepted with a live session token; the server selects `brieflock`, never the token', async () => {
    const peer = byProtocol(cast.freelancer.token);
    await synced(peer);
    expect(peer.doc.getXmlFragment('outcome').toString()).toContain('Confidential outcome.');
    expect(peer.provider.ws?.protocol).toBe(COLLAB_SUBPROTOCOL);
    expect(peer.provider.url).not.toContain(cast.freelancer.token);
    appendParagraph(peer.doc, 'Written without a token in the URL.');
    await waitFor(() => peer.isSaved(), { what: 'the edit to be saved' });
  });

  it('selects `brieflock` whatever order the client offers them in', async () => {
    const tokenFirst = collabProtocols(cast.client.token).reverse();
    const socket = new WebSocket(`${t.app.url.replace(/^http/, 'ws')}/collab/${cast.proposal.id}`, tokenFirst);
    sockets.push(socket);
    expect(await lifecycleOf(socket).opened).toBe(true);
    expect(socket.protocol).toBe(COLLAB_SUBPROTOCOL);
  });

  it(`is refused with ${CloseCode.UNAUTHENTICATED} for a token no session has, before any data`, async () => {
    await refusedWith(byProtocol('blk_not-a-real-session-token'), CloseCode.UNAUTHENTICATED);
    expect(await bare(collabProtocols('blk_not-a-real-session-token'))).toMatchObject({
      code: CloseCode.UNAUTHENTICATED,
      frames: 0,
    });
  });

  it(`is refused with ${CloseCode.UNAUTHENTICATED} when the token of a signed-out session is replayed`, async () => {
    const token = await signIn(cast.freelancer);
    await synced(byProtocol(token));
    const signedOut = await t.api.gql<{ signOut: boolean }>('mutation { signOut }', {}, { token });
    expect(signedOut.data?.signOut).toBe(true);
    await refusedWith(byProtocol(token), CloseCode.UNAUTHENTICATED);
  });

  it(`is refused with ${CloseCode.UNAUTHENTICATED} for an expired session`, async () => {
    const token = await signIn(cast.freelancer);
    const expired = await t.db.query(
      `update sessions set expires_at = now() - interval '1 second'
        where user_id = $1 and created_at = (select max(created_at) from sessions where user_id = $1)`,
      [cast.freelancer.id],
    );
    expect(expired.rowCount).toBe(1);
    await refusedWith(byProtocol(token), CloseCode.UNAUTHENTICATED);
    // The account's other session still opens the brief.
    await synced(byProtocol(cast.freelancer.token));
  });

  it(`is refused with ${CloseCode.FORBIDDEN} for someone who is not a participant`, async () => {
    await refusedWith(byProtocol(cast.outsider.token), CloseCode.FORBIDDEN);
  });

  it(`is refused with ${CloseCode.UNAUTHENTICATED} for an empty token`, async () => {
    expect(await bare([COLLAB_SUBPROTOCOL, 'brieflock.token.'])).toMatchObject({
      code: CloseCode.UNAUTHENTICATED,
      frames: 0,
    });
  });

  it('is refused on upgrade (HTTP 400) when the token is offered without `brieflock` to select', async () => {
    expect(await bare([`brieflock.token.${cast.client.token}`])).toMatchObject({ status: 400, frames: 0 });
  });
});

describe('a collaboration socket with `?token=`', () => {
  it('is still accepted, with no subprotocol', async () => {
    const peer = pool.peer(t.app.url, cast.proposal.id, cast.viewer.token);
    await synced(peer);
    expect(peer.provider.ws?.protocol).toBe('');
    expect(peer.doc.getXmlFragment('outcome').toString()).toContain('Confidential outcome.');
  });
});
