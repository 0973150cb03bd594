import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { type EvidenceBundle, parseEvidenceBundle, verifyEvidenceBundle } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import {
  editLiveBrief,
  freezeOk,
  freshAssertion,
  readyCast,
  reviseBrief,
  writeLiveBrief,
  sign,
  signWith,
  verify,
  type VersionView,
} from '../support/contract.js';
import {
  acceptMilestone,
  engagedCast,
  engagementOf,
  executeVersion,
  ok,
  requestChanges,
  startMilestone,
  submitMilestone,
} from '../support/engagement.js';
import { addParticipant, makeProposal, type TestUser } from '../support/factories.js';
import { CLI_TIMEOUT, runVerify } from '../support/verify-cli.js';
import { completeBrief } from '../support/brief.js';
import { dataStatements } from '../support/queries.js';

const t = useTestApp();

interface AmendsView {
  id: string;
  number: number;
  amends: { id: string; number: number; status: string } | null;
}

/** A version and the version it amends, as `user` reads them over GraphQL. */
async function amendsOf(user: TestUser, versionId: string): Promise<AmendsView> {
  const result = await t.api.gql<{ contractVersion: AmendsView }>(
    'query($id: ID!) { contractVersion(id: $id) { id number amends { id number status } } }',
    { id: versionId },
    { token: user.token },
  );
  if (!result.data?.contractVersion) throw new Error(`contractVersion failed: ${JSON.stringify(result.errors)}`);
  return result.data.contractVersion;
}

async function storedAmendsId(versionId: string): Promise<string | null> {
  const { rows } = await t.db.query<{ amends_id: string | null }>(
    'select "amends_id" from "contract_versions" where "id" = $1',
    [versionId],
  );
  return rows[0]!.amends_id;
}

async function signOk(user: TestUser, version: VersionView): Promise<void> {
  const signed = await sign(t, user, version.id, version.contentHash);
  if (!signed.data?.signVersion) throw new Error(`signVersion failed: ${JSON.stringify(signed.errors)}`);
}

async function reportOf(user: TestUser, proposalId: string) {
  const report = (await verify(t, user, proposalId)).data?.verifyProposal;
  if (!report) throw new Error('verifyProposal failed');
  return report;
}

/** Changes the terms of the live brief's milestones as `user` (by item id) and waits until stored. */
function editMilestones(user: TestUser, proposalId: string, edit: (milestones: Y.Array<Y.Map<unknown>>) => void) {
  return editLiveBrief(t, user, proposalId, (doc) => edit(doc.getArray<Y.Map<unknown>>('milestones')));
}

/** Alters a stored version's amends_id behind the database's immutability guard. */
async function alterAmends(versionId: string, amendsId: string | null): Promise<void> {
  await t.db.query('alter table contract_versions disable trigger contract_versions_immutable');
  try {
    await t.db.query('update "contract_versions" set "amends_id" = $1 where "id" = $2', [amendsId, versionId]);
  } finally {
    await t.db.query('alter table contract_versions enable trigger contract_versions_immutable');
  }
}

describe('freezing a change order', () => {
  it('marks a version frozen while a contract is in force as amending it', async () => {
    const { client, proposal, v1 } = await engagedCast(t);
    await reviseBrief(t, client, proposal.id);

    const v2 = await freezeOk(t, client, proposal.id);

    expect(await amendsOf(client, v2.id)).toEqual({
      id: v2.id,
      number: 2,
      amends: { id: v1.id, number: 1, status: 'SIGNED' },
    });
    expect(await storedAmendsId(v2.id)).toBe(v1.id);
  });

  it('marks nothing amended before any version is executed', async () => {
    const { client, freelancer, proposal } = await readyCast(t);
    const v1 = await freezeOk(t, client, proposal.id);
    await signOk(client, v1);
    await reviseBrief(t, client, proposal.id);

    // v1 is signed by one party only: superseded, never in force.
    const v2 = await freezeOk(t, freelancer, proposal.id);

    expect((await amendsOf(client, v1.id)).amends).toBeNull();
    expect((await amendsOf(client, v2.id)).amends).toBeNull();
    expect(await storedAmendsId(v2.id)).toBeNull();
  });

  it('keeps the earlier version in force until every party signed the change order', async () => {
    const { client, freelancer, proposal, v1 } = await engagedCast(t);
    await reviseBrief(t, client, proposal.id);
    const v2 = await freezeOk(t, client, proposal.id);

    expect((await engagementOf(t, client, proposal.id)).contractInForce).toMatchObject({ id: v1.id, number: 1 });
    await signOk(client, v2);
    expect((await engagementOf(t, freelancer, proposal.id)).contractInForce).toMatchObject({ id: v1.id, number: 1 });

    await signOk(freelancer, v2);

    expect((await engagementOf(t, client, proposal.id)).contractInForce).toMatchObject({
      id: v2.id,
      number: 2,
      status: 'SIGNED',
    });
  });

  it('reads what every version amends in a fixed number of statements however many change orders there are', async () => {
    const { client, freelancer, proposal } = await engagedCast(t);
    await reviseBrief(t, client, proposal.id);
    await freezeOk(t, client, proposal.id);
    const statementsOf = async () => {
      t.queries.length = 0;
      const result = await t.api.gql<{
        proposals: { versions: { number: number; amends: { number: number } | null }[] }[];
      }>('query { proposals { id versions { id number amends { id number status } } } }', {}, { token: client.token });
      expect(result.errors).toBeUndefined();
      const statements = dataStatements(t.queries).length;
      return { proposals: result.data!.proposals, statements };
    };
    const one = await statementsOf();
    expect(one.proposals[0]!.versions.map((v) => [v.number, v.amends?.number ?? null])).toEqual([
      [2, 1],
      [1, null],
    ]);

    // A second proposal with two change orders.
    const second = await makeProposal(t.api, client, 'Second engagement');
    expect((await addParticipant(t.api, client, second.id, freelancer, 'FREELANCER')).errors).toBeUndefined();
    await writeLiveBrief(t, client, second.id, completeBrief());
    await executeVersion(t, client, [client, freelancer], second.id);
    await reviseBrief(t, client, second.id);
    await executeVersion(t, client, [client, freelancer], second.id);
    await reviseBrief(t, client, second.id);
    await freezeOk(t, client, second.id);

    const two = await statementsOf();
    const secondVersions = two.proposals.find((p) => p.versions.length === 3)!.versions;
    expect(secondVersions.map((v) => [v.number, v.amends?.number ?? null])).toEqual([
      [3, 2],
      [2, 1],
      [1, null],
    ]);
    expect(two.statements).toBe(one.statements);
  });

  it('amends the contract in force even when a change order before it was superseded', async () => {
    const { client, proposal, v1 } = await engagedCast(t);
    await reviseBrief(t, client, proposal.id);
    const v2 = await freezeOk(t, client, proposal.id);
    await reviseBrief(t, client, proposal.id);

    const v3 = await freezeOk(t, client, proposal.id);

    expect((await amendsOf(client, v2.id)).amends).toMatchObject({ id: v1.id, status: 'SIGNED' });
    expect((await amendsOf(client, v3.id)).amends).toMatchObject({ id: v1.id, status: 'SIGNED' });
    expect((await reportOf(client, proposal.id)).ok).toBe(true);
  });
});

describe('an executed change order', () => {
  it('carries tracked milestones over: accepted stays accepted, removed is REMOVED, added is PLANNED', async () => {
    const { client, freelancer, proposal, v1 } = await engagedCast(t);
    const [first, second] = (await engagementOf(t, client, proposal.id)).milestones;
    ok(await startMilestone(t, freelancer, first!.id), 'startMilestone');
    ok(await submitMilestone(t, freelancer, { milestoneId: first!.id, note: 'Done' }), 'submitMilestone');
    ok(await acceptMilestone(t, client, { milestoneId: first!.id }), 'acceptMilestone');
    await editMilestones(client, proposal.id, (milestones) => {
      milestones.delete(1, 1);
      const added = new Y.Map<unknown>();
      milestones.push([added]);
      added.set('id', 'milestone-3');
      added.set('title', new Y.Text('Monitoring'));
      added.set('dueDate', '2099-06-01');
      added.set('acceptanceCriteria', new Y.Text('Drift alerts reach the channel'));
      added.set('revisionRounds', 1);
      added.set('payment', new Y.Text('20%'));
    });

    const v2 = await freezeOk(t, client, proposal.id);
    expect((await amendsOf(client, v2.id)).amends?.id).toBe(v1.id);
    // Signed by one party: nothing carries over yet.
    await signOk(client, v2);
    expect((await engagementOf(t, client, proposal.id)).milestones.map((m) => [m.itemId, m.state])).toEqual([
      ['milestone-1', 'ACCEPTED'],
      ['milestone-2', 'PLANNED'],
    ]);
    await signOk(freelancer, v2);

    const engagement = await engagementOf(t, client, proposal.id);
    expect(engagement.contractInForce).toMatchObject({ id: v2.id });
    expect(engagement.milestones.map((m) => [m.id, m.itemId, m.state])).toEqual([
      [first!.id, 'milestone-1', 'ACCEPTED'],
      [expect.any(String), 'milestone-3', 'PLANNED'],
      [second!.id, 'milestone-2', 'REMOVED'],
    ]);
    expect(engagement.milestones[0]!.submissions).toHaveLength(1);
    expect((await reportOf(client, proposal.id)).ok).toBe(true);
  });

  it('grants one more request for changes once it raises the revision rounds of an exhausted milestone', async () => {
    const { client, freelancer, proposal } = await engagedCast(t);
    const milestone = (await engagementOf(t, client, proposal.id)).milestones.find((m) => m.itemId === 'milestone-1')!;
    expect(milestone.revisionRounds).toBe(1);
    ok(await startMilestone(t, freelancer, milestone.id), 'startMilestone');
    ok(await submitMilestone(t, freelancer, { milestoneId: milestone.id, note: 'First cut' }), 'submitMilestone');
    ok(await requestChanges(t, client, { milestoneId: milestone.id, reason: 'Once' }), 'requestMilestoneChanges');
    ok(await submitMilestone(t, freelancer, { milestoneId: milestone.id, note: 'Second cut' }), 'submitMilestone');
    expect((await requestChanges(t, client, { milestoneId: milestone.id, reason: 'Twice' })).code).toBe(
      'REVISION_BUDGET_EXHAUSTED',
    );

    await editMilestones(client, proposal.id, (milestones) => milestones.get(0).set('revisionRounds', 2));
    const v2 = await freezeOk(t, client, proposal.id);
    // Frozen but not yet executed: the signed budget still holds.
    expect((await requestChanges(t, client, { milestoneId: milestone.id, reason: 'Twice' })).code).toBe(
      'REVISION_BUDGET_EXHAUSTED',
    );
    await signOk(client, v2);
    await signOk(freelancer, v2);

    const granted = ok(
      await requestChanges(t, client, { milestoneId: milestone.id, reason: 'Twice' }),
      'requestMilestoneChanges',
    );
    expect(granted).toMatchObject({
      state: 'CHANGES_REQUESTED',
      revisionRounds: 2,
      revisionsUsed: 2,
      revisionsLeft: 0,
    });
    ok(await submitMilestone(t, freelancer, { milestoneId: milestone.id, note: 'Third cut' }), 'submitMilestone');
    expect((await requestChanges(t, client, { milestoneId: milestone.id, reason: 'Thrice' })).code).toBe(
      'REVISION_BUDGET_EXHAUSTED',
    );
  });
});

describe('verifying a proposal with a change order', () => {
  it('passes, and fails naming the change order when its amends_id is altered behind the database', async () => {
    const { client, freelancer, viewer, proposal, v1 } = await engagedCast(t);
    await reviseBrief(t, client, proposal.id);
    const v2 = await executeVersion(t, client, [client, freelancer], proposal.id);
    expect((await reportOf(viewer, proposal.id)).ok).toBe(true);

    await alterAmends(v2.id, null);
    const dropped = await reportOf(viewer, proposal.id);
    expect(dropped.ok).toBe(false);
    expect(dropped.firstMismatch).toMatchObject({ kind: 'VERSION', id: v2.id, number: 2, field: 'chainHash' });

    await alterAmends(v2.id, v1.id);
    expect((await reportOf(viewer, proposal.id)).ok).toBe(true);
  });

  it(
    'pnpm verify passes a change order and fails naming it once its amends_id is altered',
    async () => {
      const { client, freelancer, proposal } = await engagedCast(t);
      await reviseBrief(t, client, proposal.id);
      const v2 = await executeVersion(t, client, [client, freelancer], proposal.id);

      const good = await runVerify(t.db.url, proposal.id);
      expect(good, good.stderr).toMatchObject({ code: 0 });

      await alterAmends(v2.id, null);
      const bad = await runVerify(t.db.url, proposal.id);
      expect(bad, bad.stderr).toMatchObject({ code: 1 });
      expect(bad.stdout).toContain(`MISMATCH: version ${v2.id} (version 2), chainHash`);
    },
    CLI_TIMEOUT,
  );

  it('reports a change order that amends a version that was not in force when it was frozen', async () => {
    const { client, viewer, proposal } = await engagedCast(t);
    await reviseBrief(t, client, proposal.id);
    const v2 = await freezeOk(t, client, proposal.id);
    await reviseBrief(t, client, proposal.id);
    const v3 = await freezeOk(t, client, proposal.id);

    // v2 was superseded, never signed: it cannot be what v3 amends.
    await alterAmends(v3.id, v2.id);
    const report = await reportOf(viewer, proposal.id);

    expect(report.ok).toBe(false);
    expect(report.firstMismatch).toMatchObject({ kind: 'VERSION', id: v3.id, number: 3, field: 'chainHash' });
    expect(report.mismatches).toContainEqual(
      expect.objectContaining({
        kind: 'VERSION',
        id: v3.id,
        number: 3,
        field: 'amends',
        expected: 'version 1',
        actual: 'version 2',
        message: 'the change order does not amend the version in force when it was frozen (version 1)',
      }),
    );
  });

  it('checks offline from the evidence bundle of the change order', async () => {
    const { client, freelancer, proposal, v1 } = await engagedCast(t);
    await reviseBrief(t, client, proposal.id);
    const v2 = await executeVersion(t, client, [client, freelancer], proposal.id);
    const response = await fetch(`${t.app.url}/export/versions/${v2.id}.evidence.json`, {
      headers: { authorization: `Bearer ${client.token}` },
    });
    expect(response.status).toBe(200);
    const bundle = parseEvidenceBundle(await response.text());
    expect(bundle.versions.map((version) => [version.number, version.amendsId ?? null])).toEqual([
      [1, null],
      [2, v1.id],
    ]);

    const report = await verifyEvidenceBundle(bundle);
    expect(report.mismatches).toEqual([]);
    expect(report.checks.filter((check) => check.field === 'amends')).toMatchObject([
      { ok: true, id: v2.id, message: 'amends version 1, in force when it was frozen' },
    ]);

    const altered = structuredClone(bundle) as EvidenceBundle;
    altered.versions[1]!.amendsId = null;
    const tampered = await verifyEvidenceBundle(altered);
    expect(tampered.ok).toBe(false);
    expect(tampered.mismatches[0]).toMatchObject({ kind: 'VERSION', id: v2.id, field: 'chainHash' });
  });
});

describe('the exported document of a change order', () => {
  it('names the version it amends, and the document of the version in force names none', async () => {
    const { client, proposal, v1 } = await engagedCast(t);
    await reviseBrief(t, client, proposal.id);
    const v2 = await freezeOk(t, client, proposal.id);
    const markdownOf = async (versionId: string) => {
      const response = await fetch(`${t.app.url}/export/versions/${versionId}.md`, {
        headers: { authorization: `Bearer ${client.token}` },
      });
      expect(response.status).toBe(200);
      return response.text();
    };

    expect(await markdownOf(v2.id)).toContain(`- **Amends:** version 1 (chain hash ${v1.chainHash})`);
    expect(await markdownOf(v1.id)).not.toContain('**Amends:**');
  });
});

describe('a change order executed while a milestone is submitted', () => {
  it('leaves one consistent state: submitted once, carried over, verifiable', async () => {
    for (let round = 0; round < 3; round += 1) {
      const { client, freelancer, proposal } = await engagedCast(t);
      const milestone = (await engagementOf(t, client, proposal.id)).milestones[0]!;
      ok(await startMilestone(t, freelancer, milestone.id), 'startMilestone');
      await reviseBrief(t, client, proposal.id);
      const v2 = await freezeOk(t, client, proposal.id);
      await signOk(client, v2);
      // The last signature's assertion is ready, so the two requests reach the server together.
      const assertion = await freshAssertion(t, freelancer, v2.id);

      const [signed, submitted] = await Promise.all([
        signWith(t, freelancer, { versionId: v2.id, contentHash: v2.contentHash, assertion }),
        submitMilestone(t, freelancer, { milestoneId: milestone.id, note: `Race ${round}` }),
      ]);

      expect(signed.errors).toBeUndefined();
      expect(ok(submitted, 'submitMilestone').state).toBe('SUBMITTED');
      const engagement = await engagementOf(t, client, proposal.id);
      expect(engagement.contractInForce).toMatchObject({ id: v2.id });
      const after = engagement.milestones.find((m) => m.id === milestone.id)!;
      expect(after.state).toBe('SUBMITTED');
      expect(after.submissions.map((s) => s.note)).toEqual([`Race ${round}`]);
      const { rows } = await t.db.query<{ version_id: string }>(
        'select "version_id" from "tracked_milestones" where "id" = $1',
        [milestone.id],
      );
      expect(rows[0]!.version_id).toBe(v2.id);
      const report = await reportOf(client, proposal.id);
      expect(report.mismatches).toEqual([]);
    }
  });
});
