import { randomBytes } from 'node:crypto';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantRole } from '@brieflock/schema';
import { settleJobs } from '../../../../test/support/mail.js';
import { useTestApp } from '../../../../test/support/app.js';
import { addParticipant, makeProposal, makeUser, type TestUser } from '../../../../test/support/factories.js';
import { completeBrief } from '../../../../test/support/brief.js';
import { freezeOk, reviseBrief, sign, writeLiveBrief } from '../../../../test/support/contract.js';

const LIST = '{ proposals { id title myRole participants { id role pending user { id name email } } } }';
const ONE =
  'query($id: ID!) { proposal(id: $id) { id title myRole participants { id role pending user { id name email } } } }';

/** The statements `proposals` takes: session, proposals, participants with their users. */
const LIST_BUDGET = 3;
/** The statements `proposal(id)` takes: session, the proposal with the access check, participants with their users. */
const ONE_BUDGET = 3;
const VERSIONS = `query($id: ID!) { proposal(id: $id) { id participants { role user { name } }
  versions { number status contentHash frozenBy { name } consentStatement canSign
    signatures { signedAt signer { name } } signers { role user { name } signature { id } } } } }`;
/**
 * session, the proposal with the access check, participants, versions, signatures and
 * required signers, each with its users; the consent statement's proposal title is the
 * proposal already read.
 */
const VERSIONS_BUDGET = 6;
/** What a client's version timeline shows, signatures with their signers' details. */
const TIMELINE = `query($id: ID!) { proposal(id: $id) { id title myRole participants { id role pending user { id name email } }
  versions { id number status contentHash chainHash frozenAt note frozenBy { id name email }
    signatures { id contentHash signedAt authMethod signer { id name email } } } } }`;
/** session, the proposal with the access check, participants, versions, signatures (each with its users). */
const TIMELINE_BUDGET = 5;

const t = useTestApp();
let member: TestUser;
let others: TestUser[];
beforeAll(async () => {
  [member, ...others] = await Promise.all([makeUser(t.api), makeUser(t.api), makeUser(t.api), makeUser(t.api)]);
});

/** Data statements in the ORM's log; transaction control (begin, commit, …) is not counted. */
function dataStatements(log: string[]): string[] {
  return log
    .map((line) =>
      stripVTControlCharacters(line)
        .replace(/^\[query\]\s*/, '')
        .trim(),
    )
    .filter((sql) => /^(select|insert|update|delete|with)\b/i.test(sql));
}

/** Runs one request as `user` and returns its answer with the statements it cost. */
async function measure(query: string, user: TestUser, variables: Record<string, unknown> = {}) {
  // Background e-mail work would be counted with the request.
  await settleJobs(t);
  t.queries.length = 0;
  const result = await t.api.gql(query, variables, { token: user.token });
  expect(result.errors).toBeUndefined();
  const statements = dataStatements(t.queries);
  // Guards against a vacuous count (e.g. if the log format changed and nothing matched).
  expect(statements.length).toBeGreaterThan(0);
  return { data: result.data, statements };
}

/** Adds a user (who accepts) or invites an address as `role`, failing the test on any error. */
async function add(
  owner: TestUser,
  proposalId: string,
  invitee: TestUser | string,
  role: ParticipantRole,
): Promise<void> {
  const result = await addParticipant(t.api, owner, proposalId, invitee, role);
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
  if (owner === a) await add(a, proposal.id, member, index % 2 === 0 ? 'FREELANCER' : 'VIEWER');
  else await add(member, proposal.id, a, 'VIEWER');
  await add(owner, proposal.id, index % 2 === 0 ? b : c, 'FREELANCER');
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
      // The pending invitee is listed to clients only.
      const client = proposal.myRole === 'CLIENT';
      expect(proposal.participants).toHaveLength(client ? 4 : 3);
      expect(proposal.participants.filter((p: { pending: boolean }) => p.pending)).toHaveLength(client ? 1 : 0);
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
      await add(member, proposal.id, others[0]!, 'FREELANCER');
      await add(member, proposal.id, others[1]!, 'VIEWER');
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

  /**
   * A proposal whose `signers` (the member first) are its clients and freelancers, with
   * `versions` versions, each signed by every signer.
   */
  async function signedVersions(signers: TestUser[], versions: number): Promise<string> {
    const proposal = await makeProposal(t.api, member, `Versions ${versions} × ${signers.length}`);
    for (const signer of signers.slice(1)) await add(member, proposal.id, signer, 'FREELANCER');
    await writeLiveBrief(t, member, proposal.id, completeBrief());
    for (let i = 0; i < versions; i += 1) {
      if (i > 0) await reviseBrief(t, member, proposal.id);
      const version = await freezeOk(t, member, proposal.id);
      for (const signer of signers)
        expect((await sign(t, signer, version.id, version.contentHash)).errors).toBeUndefined();
    }
    return proposal.id;
  }

  it(`proposal(id) { versions { signatures signers } } takes ${VERSIONS_BUDGET} statements for 1 version signed once and for 5 signed thrice`, async () => {
    const small = await measure(VERSIONS, member, { id: await signedVersions([member], 1) });
    const large = await measure(VERSIONS, member, { id: await signedVersions([member, ...others], 5) });
    expect(small.data?.proposal.versions).toHaveLength(1);
    expect(small.data?.proposal.versions[0].signatures).toHaveLength(1);
    expect(large.data?.proposal.versions.map((v: { number: number }) => v.number)).toEqual([5, 4, 3, 2, 1]);
    for (const version of large.data?.proposal.versions ?? []) {
      expect(version.status).toBe('SIGNED');
      expect(version.frozenBy.name).toBe(member.name);
      expect(version.canSign).toBe(false);
      expect(version.consentStatement).toContain(`version ${version.number} of "Versions 5 × 4"`);
      expect(version.signatures).toHaveLength(4);
      expect(version.signatures.map((s: { signer: { name: string } }) => s.signer.name).sort()).toEqual(
        [member, ...others].map((u) => u.name).sort(),
      );
      expect(version.signers).toHaveLength(4);
      expect(version.signers.every((signer: { signature: unknown }) => signer.signature !== null)).toBe(true);
    }
    expect(large.statements.length, large.statements.join('\n')).toBe(small.statements.length);
    expect(large.statements.length, large.statements.join('\n')).toBeLessThanOrEqual(VERSIONS_BUDGET);
  });

  it(`the version timeline takes ${TIMELINE_BUDGET} statements however many versions and signatures it shows`, async () => {
    const signers = [member, ...others];
    const small = await measure(TIMELINE, member, { id: await signedVersions([member], 1) });
    const large = await measure(TIMELINE, member, { id: await signedVersions(signers, 4) });
    expect(small.data?.proposal.versions).toHaveLength(1);
    expect(large.data?.proposal.participants).toHaveLength(4);
    expect(large.data?.proposal.versions).toHaveLength(4);
    const emails = new Map(signers.map((user) => [user.id, user.email]));
    for (const version of large.data?.proposal.versions ?? []) {
      expect(version.signatures).toHaveLength(4);
      for (const signature of version.signatures) {
        expect(signature.contentHash).toBe(version.contentHash);
        expect(signature.signer.email).toBe(emails.get(signature.signer.id));
        expect(new Date(signature.signedAt).getTime()).toBeGreaterThanOrEqual(new Date(version.frozenAt).getTime());
      }
    }
    expect(large.statements.length, large.statements.join('\n')).toBe(small.statements.length);
    expect(large.statements.length, large.statements.join('\n')).toBeLessThanOrEqual(TIMELINE_BUDGET);
  });
});
