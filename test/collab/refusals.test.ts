import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { CloseCode, SESSION_COOKIE } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { messageTypes, synced } from '../support/collab.js';
import { appendParagraph, peerPool, rawReady } from '../support/collab-checks.js';
import { makeCast, makeUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
let cast: Awaited<ReturnType<typeof makeCast>>;
const pool = peerPool();

beforeAll(async () => {
  cast = await makeCast(t.api);
  // The brief has content, so a leak of document data would show.
  const a = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
  await synced(a);
  appendParagraph(a.doc, 'Confidential outcome.');
  await waitFor(() => a.isSaved(), { what: 'the content to be saved' });
  pool.destroyAll();
});
afterEach(() => pool.destroyAll());
afterAll(async () => {
  pool.destroyAll();
});

/** Opens a raw socket and returns how it ended and how many frames came before. */
async function attempt(proposalId: string, query: Record<string, string>, headers: Record<string, string> = {}) {
  const raw = pool.raw(t.app.url, proposalId, query, headers);
  const closed = await raw.closed;
  return { ...closed, frames: raw.frames.length };
}

describe('a collaboration socket is refused before it receives any data', () => {
  it(`without a token (${CloseCode.UNAUTHENTICATED})`, async () => {
    expect(await attempt(cast.proposal.id, {})).toMatchObject({ code: CloseCode.UNAUTHENTICATED, frames: 0 });
  });

  it(`with a token no session has (${CloseCode.UNAUTHENTICATED})`, async () => {
    expect(await attempt(cast.proposal.id, { token: 'not-a-real-session-token' })).toMatchObject({
      code: CloseCode.UNAUTHENTICATED,
      frames: 0,
    });
  });

  it(`with the token of a session that signed out (${CloseCode.UNAUTHENTICATED})`, async () => {
    const user = await makeUser(t.api, { email: `signout-${randomUUID()}@example.test` });
    const second = await t.api.gql<{ signIn: { token: string } }>(
      'mutation($input: SignInInput!) { signIn(input: $input) { token } }',
      {
        input: { email: user.email, password: user.password },
      },
    );
    const proposal = await t.api.gql<{ createProposal: { id: string } }>(
      'mutation { createProposal(input: { title: "Mine" }) { id } }',
      {},
      { token: user.token },
    );
    const proposalId = proposal.data!.createProposal.id;
    // Accepted while the session lives; signing out closes that session's socket only.
    const signedOutSocket = pool.raw(t.app.url, proposalId, { token: user.token });
    const otherSession = pool.raw(t.app.url, proposalId, { token: second.data!.signIn.token });
    await Promise.all([rawReady(signedOutSocket), rawReady(otherSession)]);
    const signedOut = await t.api.gql<{ signOut: boolean }>('mutation { signOut }', {}, { token: user.token });
    expect(signedOut.data?.signOut).toBe(true);
    expect((await signedOutSocket.closed).code).toBe(CloseCode.UNAUTHENTICATED);
    expect(await attempt(proposalId, { token: user.token })).toMatchObject({
      code: CloseCode.UNAUTHENTICATED,
      frames: 0,
    });
    expect(otherSession.socket.readyState).toBe(otherSession.socket.OPEN);
    await rawReady(pool.raw(t.app.url, proposalId, { token: second.data!.signIn.token }));
  });

  it(`for a signed-in user who is not a participant (${CloseCode.FORBIDDEN})`, async () => {
    expect(await attempt(cast.proposal.id, { token: cast.outsider.token })).toMatchObject({
      code: CloseCode.FORBIDDEN,
      frames: 0,
    });
  });

  it(`for a proposal id that does not exist (${CloseCode.FORBIDDEN}, the same answer as not a participant)`, async () => {
    expect(await attempt(randomUUID(), { token: cast.client.token })).toMatchObject({
      code: CloseCode.FORBIDDEN,
      frames: 0,
    });
  });

  it(`for a malformed proposal id (${CloseCode.FORBIDDEN})`, async () => {
    expect(await attempt('not-a-uuid', { token: cast.client.token })).toMatchObject({
      code: CloseCode.FORBIDDEN,
      frames: 0,
    });
    expect(await attempt(`${cast.proposal.id}'--`, { token: cast.client.token })).toMatchObject({
      code: CloseCode.FORBIDDEN,
      frames: 0,
    });
  });

  it('from a foreign Origin (HTTP 403 on the upgrade), even with a valid token', async () => {
    const result = await attempt(cast.proposal.id, { token: cast.client.token }, { Origin: 'https://evil.example' });
    expect(result).toMatchObject({ status: 403, frames: 0 });
    // The session cookie a browser would attach does not help either.
    const withCookie = await attempt(
      cast.proposal.id,
      {},
      { Origin: 'https://evil.example', cookie: `${SESSION_COOKIE}=${cast.client.token}` },
    );
    expect(withCookie).toMatchObject({ status: 403, frames: 0 });
  });
});

describe('a collaboration socket is accepted', () => {
  it("from the app's own Origin", async () => {
    const raw = pool.raw(t.app.url, cast.proposal.id, { token: cast.client.token }, { Origin: t.app.url });
    await rawReady(raw);
    expect(messageTypes(raw.frames)[0]).toBe(0);
  });

  it('with the session cookie instead of a token', async () => {
    const raw = pool.raw(
      t.app.url,
      cast.proposal.id,
      {},
      { cookie: `theme=dark; ${SESSION_COOKIE}=${cast.freelancer.token}` },
    );
    await rawReady(raw);
    expect(raw.socket.readyState).toBe(raw.socket.OPEN);
  });

  it('with an Authorization bearer header', async () => {
    const raw = pool.raw(t.app.url, cast.proposal.id, {}, { authorization: `Bearer ${cast.viewer.token}` });
    await rawReady(raw);
  });

  it('for every participant role and delivers the document to a real provider', async () => {
    for (const user of [cast.client, cast.freelancer, cast.viewer]) {
      const peer = pool.peer(t.app.url, cast.proposal.id, user.token);
      await synced(peer);
      expect(peer.doc.getXmlFragment('outcome').toString()).toContain('Confidential outcome.');
    }
  });
});

describe('a refused provider', () => {
  it('stops reconnecting on a 44xx close and never receives document data', async () => {
    const peer = pool.peer(t.app.url, cast.proposal.id, cast.outsider.token);
    const closed = new Promise<{ code: number }>((resolve) =>
      peer.provider.on('closed', (event: { code: number }) => resolve(event)),
    );
    expect((await closed).code).toBe(CloseCode.FORBIDDEN);
    expect(peer.provider.shouldConnect).toBe(false);
    expect(peer.closeCodes).toEqual([CloseCode.FORBIDDEN]);
    expect(peer.doc.getXmlFragment('outcome').length).toBe(0);
  });
});
