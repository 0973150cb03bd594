import { afterAll, describe, expect, it } from 'vitest';
import { CloseCode } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { peerPool } from '../support/collab-checks.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp({}, { collabSweepIntervalMs: 100 });
const pool = peerPool();

afterAll(async () => {
  pool.destroyAll();
});

describe('a collaboration socket lives no longer than its session', () => {
  it(`is closed with ${CloseCode.UNAUTHENTICATED} when its session expires, while a socket of a live session stays`, async () => {
    const cast = await makeCast(t.api);
    // The client's session ends in three seconds; the freelancer's keeps its normal lifetime.
    await t.db.query(
      `update sessions set expires_at = now() + interval '3 seconds'
        where user_id = $1`,
      [cast.client.id],
    );
    const expiring = pool.peer(t.app.url, cast.proposal.id, cast.client.token);
    const staying = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await Promise.all([synced(expiring), synced(staying)]);
    expect(expiring.closeCodes).toEqual([]);

    await waitFor(() => expiring.closeCodes.includes(CloseCode.UNAUTHENTICATED), {
      what: 'the expired session to be cut off',
    });
    // Its provider retries with the expired token and is refused again.
    await waitFor(
      () =>
        expiring.closeCodes.filter((code) => code === CloseCode.UNAUTHENTICATED).length >= 2 ||
        !expiring.provider.shouldConnect,
      {
        what: 'the reconnect to be refused',
      },
    );
    expect(staying.provider.wsconnected).toBe(true);
    expect(staying.closeCodes).toEqual([]);
  });
});
