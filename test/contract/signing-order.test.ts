import { describe, expect, it } from 'vitest';
import { parseEvidenceBundle, verifyEvidenceBundle } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import {
  freeze,
  readyCast,
  sign,
  startSigning,
  verify,
  type VersionView,
  VERSION_FIELDS,
} from '../support/contract.js';
import { addParticipant, makeUser, type TestUser } from '../support/factories.js';
import { inboxOf } from '../support/notifications.js';

const t = useTestApp();

/** A ready cast with a second freelancer, so an order can have two groups and a pair. */
async function orderCast() {
  const cast = await readyCast(t);
  const second = await makeUser(t.api, { name: 'Sam Second' });
  const added = await addParticipant(t.api, cast.client, cast.proposal.id, second, 'FREELANCER');
  if (added.errors) throw new Error(JSON.stringify(added.errors));
  return { ...cast, second };
}

function freezeWithOrder(user: TestUser, proposalId: string, signingOrder: string[][] | null) {
  return t.api.gql<{ freezeProposal: VersionView & { signingOrder: { id: string }[][] | null } }>(
    `mutation($input: FreezeProposalInput!) { freezeProposal(input: $input) { ${VERSION_FIELDS} signingOrder { id } } }`,
    { input: { proposalId, signingOrder } },
    { token: user.token },
  );
}

const requested = async (user: TestUser, versionId: string) =>
  (await inboxOf(t, user)).items.filter((item) => item.kind === 'SIGNATURE_REQUESTED' && item.link?.includes(versionId))
    .length;

describe('a signing order set at freeze', () => {
  it('is refused unless a client sets a complete order of required signers', async () => {
    const c = await orderCast();
    const cases: [TestUser, string[][], string][] = [
      [c.freelancer, [[c.client.id], [c.freelancer.id, c.second.id]], 'FORBIDDEN'],
      [c.client, [[c.client.id], [], [c.freelancer.id, c.second.id]], 'BAD_USER_INPUT'],
      [c.client, [[c.client.id], [c.freelancer.id]], 'BAD_USER_INPUT'],
      [
        c.client,
        [
          [c.client.id, c.outsider.id],
          [c.freelancer.id, c.second.id],
        ],
        'BAD_USER_INPUT',
      ],
      [
        c.client,
        [
          [c.client.id, c.viewer.id],
          [c.freelancer.id, c.second.id],
        ],
        'BAD_USER_INPUT',
      ],
      [c.client, [[c.client.id], [c.client.id, c.freelancer.id, c.second.id]], 'BAD_USER_INPUT'],
      [c.client, [], 'BAD_USER_INPUT'],
    ];
    for (const [user, order, code] of cases) {
      const result = await freezeWithOrder(user, c.proposal.id, order);
      expect(result.code, JSON.stringify(order)).toBe(code);
      if (code === 'BAD_USER_INPUT') expect(result.errors?.[0]?.extensions?.field).toBe('signingOrder');
    }
    const { rows } = await t.db.query('select count(*)::int as n from contract_versions where proposal_id = $1', [
      c.proposal.id,
    ]);
    expect(rows[0].n).toBe(0);
  });

  it('lets only the current group sign, asks the next group once the one before is done, and verifies', async () => {
    const c = await orderCast();
    const frozen = await freezeWithOrder(c.client, c.proposal.id, [[c.freelancer.id, c.second.id], [c.client.id]]);
    const v1 = frozen.data!.freezeProposal;
    expect(v1.signingOrder?.map((group) => group.map((user) => user.id).sort())).toEqual([
      [c.freelancer.id, c.second.id].sort(),
      [c.client.id],
    ]);
    const { rows } = await t.db.query(
      `select data from audit_events where version_id = $1 and kind = 'VERSION_FROZEN'`,
      [v1.id],
    );
    expect(rows[0].data.signingOrder).toEqual([[c.freelancer.id, c.second.id], [c.client.id]]);

    // Only the first group is asked at freeze.
    expect(await requested(c.freelancer, v1.id)).toBe(1);
    expect(await requested(c.second, v1.id)).toBe(1);

    // Out of turn: refused at start and at sign.
    const early = await startSigning(t, c.client, v1.id);
    expect(early.code).toBe('CONFLICT');
    expect(early.errors?.[0]?.extensions).toMatchObject({ reason: 'OUT_OF_TURN', group: 0 });
    const earlySign = await sign(t, c.client, v1.id, v1.contentHash);
    expect(earlySign.code).toBe('CONFLICT');

    expect((await sign(t, c.freelancer, v1.id, v1.contentHash)).errors).toBeUndefined();
    // The group is not complete yet: the client is still not asked, nor may sign.
    expect(await requested(c.client, v1.id)).toBe(0);
    expect((await startSigning(t, c.client, v1.id)).errors?.[0]?.extensions?.reason).toBe('OUT_OF_TURN');

    expect((await sign(t, c.second, v1.id, v1.contentHash)).errors).toBeUndefined();
    expect(await requested(c.client, v1.id)).toBe(1);

    expect((await sign(t, c.client, v1.id, v1.contentHash)).errors).toBeUndefined();
    const { rows: status } = await t.db.query('select status from contract_versions where id = $1', [v1.id]);
    expect(status[0].status).toBe('SIGNED');
    expect((await verify(t, c.viewer, c.proposal.id)).data?.verifyProposal.ok).toBe(true);

    // The evidence bundle carries the order, and checks offline.
    const response = await fetch(`${t.app.url}/export/versions/${v1.id}.evidence.json`, {
      headers: { authorization: `Bearer ${c.client.token}` },
    });
    expect(response.status).toBe(200);
    const bundle = parseEvidenceBundle(await response.text());
    const report = await verifyEvidenceBundle(bundle);
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('is covered by the chain hash: a signing group changed behind the database fails verification', async () => {
    const c = await orderCast();
    const frozen = await freezeWithOrder(c.client, c.proposal.id, [[c.client.id], [c.freelancer.id, c.second.id]]);
    const v1 = frozen.data!.freezeProposal;
    expect((await verify(t, c.viewer, c.proposal.id)).data?.verifyProposal.ok).toBe(true);

    await t.db.query('begin');
    try {
      await t.db.query('alter table version_signers disable trigger version_signers_immutable');
      await t.db.query('update version_signers set signing_group = 0 where version_id = $1 and user_id = $2', [
        v1.id,
        c.second.id,
      ]);
      await t.db.query('alter table version_signers enable trigger version_signers_immutable');
      await t.db.query('commit');
    } catch (error) {
      await t.db.query('rollback');
      throw error;
    }
    const report = (await verify(t, c.viewer, c.proposal.id)).data?.verifyProposal;
    expect(report?.ok).toBe(false);
    expect(report?.firstMismatch).toMatchObject({ kind: 'VERSION', id: v1.id, number: 1, field: 'chainHash' });
  });

  it('a freeze without an order signs in any order', async () => {
    const c = await orderCast();
    const v1 = (await freeze(t, c.client, c.proposal.id)).data!.freezeProposal;
    expect((await sign(t, c.client, v1.id, v1.contentHash)).errors).toBeUndefined();
    const read = await t.api.gql<{ contractVersion: { signingOrder: unknown } }>(
      'query($id: ID!) { contractVersion(id: $id) { signingOrder { id } } }',
      { id: v1.id },
      { token: c.client.token },
    );
    expect(read.data?.contractVersion.signingOrder).toBeNull();
  });
});
