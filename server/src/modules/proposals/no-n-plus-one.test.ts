import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantRole } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../../../../test/support/factories.js';
import { completeBrief } from '../../../../test/support/brief.js';
import { freezeOk, sign, writeLiveBrief } from '../../../../test/support/contract.js';

const LIST = '{ proposals { id title myRole participants { id role pending user { id name email } } } }';
const ONE = 'query($id: ID!) { proposal(id: $id) { id title myRole participants { id role pending user { id name email } } } }';

/** The most statements `proposals` may take: session, proposals, participants, users. */
const LIST_BUDGET = 4;
/** The most statements `proposal(id)` may take: session, role check, proposal, participants, users. */
const ONE_BUDGET = 5;
const VERSIONS = `query($id: ID!) { proposal(id: $id) { id participants { role user { name } }
  versions { number status contentHash frozenBy { name } consentStatement canSign
    signatures { signedAt signer { name } } signers { role user { name } signature { id } } } } }`;
/** session, role check, proposal, participants, versions, signatures, signers, users, proposal title (consent). */
const VERSIONS_BUDGET = 9;

const t = useTestApp();
let member: TestUser;
let others: TestUser[];
beforeAll(async () => {
  [member, ...others] = await Promise.all([makeUser(t.api), makeUser(t.api), makeUser(t.api), makeUser(t.api)]);
});

/** Data statements in the ORM's log; transaction control (begin, commit, …) is not counted. */
function dataStatements(log: string[]): string[] {
  return log
    .map((line) => line.replace(/\x1b\[[0-9;]*m/g, '').replace(/^\[query\]\s*/, '').trim())
    .filter((sql) => /^(select|insert|update|delete|with)\b/i.test(sql));
}

/** Runs one request as `user` and returns its answer with the statements it cost. */
async function measure(query: string, user: TestUser, variables: Record<string, unknown> = {}) {
  t.queries.length = 0;
  const result = await t.api.gql(query, variables, { token: user.token });
  expect(result.errors).toBeUndefined();
  const statements = dataStatements(t.queries);
  // Guards against a vacuous count (e.g. if the log format changed and nothing matched).
  expect(statements.length).toBeGreaterThan(0);
  return { data: result.data, statements };
}

/** Adds `email` as `role`, failing the test on any error. */
async function add(owner: TestUser, proposalId: string, email: string, role: ParticipantRole): Promise<void> {
  const result = await addParticipant(t.api, owner, proposalId, email, role);
  expect(result.errors).toBeUndefined();
}

const invitee = () => `invitee-${randomBytes(4).toString('hex')}@example.test`;

/**
 * A proposal `member` takes part in, with four participants: some proposals are the
 * member's own, in others the member was invited; each has a pending invitee.
 */
async function makeBusyProposal(index: number): Promise<string> {
  const [a, b, c] = others as [TestUser, TestUser, TestUser];
  const owner = index % 3 === 0 ? a : member;
  const proposal = await makeProposal(t.api, owner, `Busy ${index}`);
  if (owner === a) await add(a, proposal.id, member.email, index % 2 === 0 ? 'FREELANCER' : 'VIEWER');
  else await add(member, proposal.id, a.email, 'VIEWER');
  await add(owner, proposal.id, (index % 2 === 0 ? b : c).email, 'FREELANCER');
  await add(owner, proposal.id, invitee(), 'VIEWER');
  return proposal.id;
}

describe('query counts', () => {
  it(`proposals takes the same number of statements, at most ${LIST_BUDGET}, for 2 proposals and for 12`, async () => {
    for (let i = 0; i < 2; i += 1) await makeBusyProposal(i);
    const small = await measure(LIST, member);
    expect(small.data?.proposals).toHaveLength(2);

    for (let i = 2; i < 12; i += 1) await makeBusyProposal(i);
    const large = await measure(LIST, member);
    expect(large.data?.proposals).toHaveLength(12);

    // The answer is complete, so the count is not low because something was skipped.
    for (const proposal of large.data?.proposals ?? []) {
      expect(proposal.participants).toHaveLength(4);
      expect(proposal.participants.filter((p: { pending: boolean }) => p.pending)).toHaveLength(1);
      const mine = proposal.participants.find((p: { user: { id: string } }) => p.user.id === member.id);
      expect(proposal.myRole).toBe(mine.role);
      for (const participant of proposal.participants) expect(participant.user.email).toMatch(/@example\.test$/);
    }

    expect(large.statements.length, large.statements.join('\n')).toBe(small.statements.length);
    expect(large.statements.length, large.statements.join('\n')).toBeLessThanOrEqual(LIST_BUDGET);
  });

  it(`proposal(id) takes the same number of statements, at most ${ONE_BUDGET}, for 3 participants and for 12`, async () => {
    const few = await makeProposal(t.api, member, 'Few');
    const many = await makeProposal(t.api, member, 'Many');
    for (const proposal of [few, many]) {
      await add(member, proposal.id, others[0]!.email, 'FREELANCER');
      await add(member, proposal.id, others[1]!.email, 'VIEWER');
    }
    for (let i = 0; i < 9; i += 1) await add(member, many.id, invitee(), 'VIEWER');

    const small = await measure(ONE, member, { id: few.id });
    const large = await measure(ONE, member, { id: many.id });
    expect(small.data?.proposal.participants).toHaveLength(3);
    expect(large.data?.proposal.participants).toHaveLength(12);
    expect(large.data?.proposal.myRole).toBe('CLIENT');
    expect(large.statements.length, large.statements.join('\n')).toBe(small.statements.length);
    expect(large.statements.length, large.statements.join('\n')).toBeLessThanOrEqual(ONE_BUDGET);
  });

  it(`proposal(id) { versions { signatures signers } } takes at most ${VERSIONS_BUDGET} statements for 1 signed version and for 6`, async () => {
    const partner = others[1]!;
    const signedVersions = async (count: number) => {
      const proposal = await makeProposal(t.api, member, `Versions ${count}`);
      await add(member, proposal.id, partner.email, 'FREELANCER');
      await writeLiveBrief(t, member, proposal.id, completeBrief());
      for (let i = 0; i < count; i += 1) {
        const version = await freezeOk(t, member, proposal.id);
        for (const signer of [member, partner]) expect((await sign(t, signer, version.id, version.contentHash)).errors).toBeUndefined();
      }
      return proposal.id;
    };
    const small = await measure(VERSIONS, member, { id: await signedVersions(1) });
    const large = await measure(VERSIONS, member, { id: await signedVersions(6) });
    expect(small.data?.proposal.versions).toHaveLength(1);
    expect(large.data?.proposal.versions.map((v: { number: number }) => v.number)).toEqual([6, 5, 4, 3, 2, 1]);
    for (const version of large.data?.proposal.versions ?? []) {
      expect(version.status).toBe('SIGNED');
      expect(version.signatures).toHaveLength(2);
      expect(version.signers.every((signer: { signature: unknown }) => signer.signature !== null)).toBe(true);
    }
    // Users are batched per tick, so the two runs may split one users query differently;
    // a per-version query would add at least six statements and break the budget.
    expect(small.statements.length, small.statements.join('\n')).toBeLessThanOrEqual(VERSIONS_BUDGET);
    expect(large.statements.length, large.statements.join('\n')).toBeLessThanOrEqual(VERSIONS_BUDGET);
  });
});
