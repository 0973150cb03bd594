import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { ParticipantRole } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import type { ParticipantRow } from './proposals.rows.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../../../../test/support/factories.js';

const REMOVE = 'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }';
const PROPOSAL = 'query($id: ID!) { proposal(id: $id) { id participants { id role user { id } } } }';

interface Row {
  id: string;
  role: ParticipantRole;
  user: { id: string | null };
}

const t = useTestApp();

/** A proposal with one person per role in `roles` (the first must be CLIENT: its creator). */
async function proposalWith(...roles: ParticipantRole[]) {
  const users: TestUser[] = [];
  for (const _ of roles) users.push(await makeUser(t.api));
  const proposal = await makeProposal(t.api, users[0]!);
  for (const [i, role] of roles.entries()) {
    if (i === 0) continue;
    const added = await addParticipant(t.api, users[0]!, proposal.id, users[i]!, role);
    if (added.errors) throw new Error(JSON.stringify(added.errors));
  }
  const rows = await participants(proposal.id);
  /** The participant row of the i-th user. */
  const rowOf = (i: number) => rows.find((row) => row.user.id === users[i]!.id)!;
  return { proposal, users, rows, rowOf };
}

/** The participants, read straight from the database. */
async function participants(proposalId: string): Promise<Row[]> {
  const { rows } = await t.db.query<Pick<ParticipantRow, 'id' | 'role' | 'user_id'>>(
    'select id, role, user_id from participants where proposal_id = $1 order by created_at, id',
    [proposalId],
  );
  return rows.map((row) => ({ id: row.id, role: row.role, user: { id: row.user_id } }));
}

const remove = (actor: TestUser | null, proposalId: string, participantId: string) =>
  t.api.gql<{ removeParticipant: boolean }>(REMOVE, { input: { proposalId, participantId } }, { token: actor?.token });

describe('a client removing a freelancer', () => {
  it('takes them off the participant list, and they no longer find the proposal', async () => {
    const { proposal, users, rowOf } = await proposalWith('CLIENT', 'FREELANCER', 'VIEWER');
    const [client, freelancer] = users as [TestUser, TestUser];
    expect((await t.api.gql(PROPOSAL, { id: proposal.id }, { token: freelancer.token })).errors).toBeUndefined();

    const result = await remove(client, proposal.id, rowOf(1).id);

    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ removeParticipant: true });
    const listed = await t.api.gql<{ proposal: { participants: Row[] } }>(
      PROPOSAL,
      { id: proposal.id },
      { token: client.token },
    );
    expect(listed.data?.proposal.participants.map((row) => row.user.id).sort()).toEqual(
      [users[0]!.id, users[2]!.id].sort(),
    );
    const theirs = await t.api.gql(PROPOSAL, { id: proposal.id }, { token: freelancer.token });
    expect(theirs.code).toBe('NOT_FOUND');
    expect(theirs.data).toEqual({ proposal: null });
    const list = await t.api.gql<{ proposals: { id: string }[] }>(
      '{ proposals { id } }',
      {},
      { token: freelancer.token },
    );
    expect(list.data?.proposals.map((p) => p.id)).not.toContain(proposal.id);
  });
});

describe('who may remove a participant', () => {
  it.each([
    ['a freelancer', 1, 'FORBIDDEN'],
    ['a viewer', 2, 'FORBIDDEN'],
  ] as const)('%s gets %s and nobody is removed', async (_who, actorIndex, code) => {
    const { proposal, users, rows, rowOf } = await proposalWith('CLIENT', 'FREELANCER', 'VIEWER');
    for (const target of [0, 1, 2]) {
      const result = await remove(users[actorIndex]!, proposal.id, rowOf(target).id);
      expect(result.code, `removing #${target}`).toBe(code);
      expect(result.data).toBeNull();
    }
    expect(await participants(proposal.id)).toEqual(rows);
  });

  it('a signed-in non-participant gets NOT_FOUND, the same as for a proposal that does not exist', async () => {
    const { proposal, rows, rowOf } = await proposalWith('CLIENT', 'FREELANCER');
    const outsider = await makeUser(t.api);

    const result = await remove(outsider, proposal.id, rowOf(1).id);
    const missing = await remove(outsider, randomUUID(), rowOf(1).id);

    expect(result.code).toBe('NOT_FOUND');
    expect(missing.errors).toEqual(result.errors);
    expect(await participants(proposal.id)).toEqual(rows);
  });

  it('an anonymous caller gets UNAUTHENTICATED and nobody is removed', async () => {
    const { proposal, rows, rowOf } = await proposalWith('CLIENT', 'FREELANCER');
    const result = await remove(null, proposal.id, rowOf(1).id);
    expect(result.code).toBe('UNAUTHENTICATED');
    expect(await participants(proposal.id)).toEqual(rows);
  });
});

describe('which participant can be removed', () => {
  it.each([
    ['an unknown id', () => randomUUID()],
    ['a malformed id', () => 'not-a-uuid'],
  ])('%s gets NOT_FOUND and nobody is removed', async (_what, participantId) => {
    const { proposal, users, rows } = await proposalWith('CLIENT', 'FREELANCER');
    const result = await remove(users[0]!, proposal.id, participantId());
    expect(result.code).toBe('NOT_FOUND');
    expect(await participants(proposal.id)).toEqual(rows);
  });

  it('a participant of another proposal gets NOT_FOUND, even for a client of both', async () => {
    const mine = await proposalWith('CLIENT', 'FREELANCER');
    const theirs = await proposalWith('CLIENT', 'FREELANCER');
    // Mine's client is also a client of theirs: still, a participant is removed only through its own proposal.
    await addParticipant(t.api, theirs.users[0]!, theirs.proposal.id, mine.users[0]!, 'CLIENT');
    const theirRows = await participants(theirs.proposal.id);

    const result = await remove(mine.users[0]!, mine.proposal.id, theirs.rowOf(1).id);

    expect(result.code).toBe('NOT_FOUND');
    expect(await participants(theirs.proposal.id)).toEqual(theirRows);
    expect(await participants(mine.proposal.id)).toEqual(mine.rows);
  });

  it('the last client cannot be removed (CONFLICT), not even by themselves', async () => {
    const { proposal, users, rows, rowOf } = await proposalWith('CLIENT', 'FREELANCER');
    const result = await remove(users[0]!, proposal.id, rowOf(0).id);
    expect(result.code).toBe('CONFLICT');
    expect(result.errors?.[0]?.message).toMatch(/at least one client/i);
    expect(await participants(proposal.id)).toEqual(rows);
  });

  it('one of two clients can be removed, by the other or by themselves, and then the last one stays', async () => {
    const { proposal, users, rowOf } = await proposalWith('CLIENT', 'CLIENT', 'CLIENT');

    expect((await remove(users[0]!, proposal.id, rowOf(1).id)).errors).toBeUndefined();
    expect((await remove(users[2]!, proposal.id, rowOf(2).id)).errors).toBeUndefined();
    expect((await participants(proposal.id)).map((row) => [row.role, row.user.id])).toEqual([['CLIENT', users[0]!.id]]);

    const last = await remove(users[0]!, proposal.id, rowOf(0).id);
    expect(last.code).toBe('CONFLICT');
    expect(await participants(proposal.id)).toHaveLength(1);
  });
});

describe('concurrent removals', () => {
  it('of the two clients, each removing the other at once, leave exactly one client', async () => {
    for (let round = 0; round < 5; round++) {
      const { proposal, users, rowOf } = await proposalWith('CLIENT', 'CLIENT', 'FREELANCER');
      const results = await Promise.all([
        remove(users[0]!, proposal.id, rowOf(1).id),
        remove(users[1]!, proposal.id, rowOf(0).id),
      ]);

      const left = await participants(proposal.id);
      expect(
        left.filter((row) => row.role === 'CLIENT'),
        `round ${round}`,
      ).toHaveLength(1);
      expect(left.filter((row) => row.role === 'FREELANCER')).toHaveLength(1);
      const succeeded = results.filter((result) => result.data?.removeParticipant === true);
      expect(succeeded, `round ${round}: ${JSON.stringify(results.map((result) => result.errors))}`).toHaveLength(1);
      // The other one lost: the proposal would have had no client, or its actor was removed first.
      const lost = results.find((result) => result.errors)!;
      expect(['CONFLICT', 'NOT_FOUND']).toContain(lost.code);
    }
  });

  it('of two other clients by one client at once both succeed, without a deadlock', async () => {
    for (let round = 0; round < 5; round++) {
      const { proposal, users, rowOf } = await proposalWith('CLIENT', 'CLIENT', 'CLIENT');
      const results = await Promise.all([
        remove(users[0]!, proposal.id, rowOf(1).id),
        remove(users[0]!, proposal.id, rowOf(2).id),
      ]);

      expect(
        results.every((result) => result.errors === undefined),
        JSON.stringify(results.map((result) => result.errors)),
      ).toBe(true);
      expect((await participants(proposal.id)).map((row) => row.user.id)).toEqual([users[0]!.id]);
    }
  });

  it('of a client removing itself while another client removes it leave one client', async () => {
    for (let round = 0; round < 5; round++) {
      const { proposal, users, rowOf } = await proposalWith('CLIENT', 'CLIENT');
      const results = await Promise.all([
        remove(users[0]!, proposal.id, rowOf(0).id),
        remove(users[1]!, proposal.id, rowOf(1).id),
      ]);

      const left = await participants(proposal.id);
      expect(left, `round ${round}`).toHaveLength(1);
      expect(results.filter((result) => result.data?.removeParticipant === true)).toHaveLength(1);
      expect(results.find((result) => result.errors)?.code).toBe('CONFLICT');
    }
  });
});
