import { afterEach, describe, expect, it } from 'vitest';
import { CONTRACT_LIMITS, parseEvidenceBundle, verifyEvidenceBundle } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast, reviseBrief, sign, startSigning, verify } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { inboxOf } from '../support/notifications.js';
import { clientPool, nextEvent, subscribeLive } from '../support/subscriptions.js';

const t = useTestApp();
const pool = clientPool(() => t);

afterEach(() => pool.disposeAll());

const DECLINE = `mutation($input: DeclineVersionInput!) {
  declineVersion(input: $input) { id number status statusChangedAt declineReason declinedBy { id } canSign }
}`;

function decline(user: TestUser, versionId: string, reason: string) {
  return t.api.gql<{
    declineVersion: {
      id: string;
      number: number;
      status: string;
      statusChangedAt: string | null;
      declineReason: string | null;
      declinedBy: { id: string } | null;
      canSign: boolean;
    };
  }>(DECLINE, { input: { versionId, reason } }, { token: user.token });
}

async function frozenCast() {
  const cast = await readyCast(t);
  const v1 = await freezeOk(t, cast.client, cast.proposal.id);
  return { ...cast, v1 };
}

describe('declining a version', () => {
  it('is refused to anyone but a required signer who has not signed, and without a proper reason', async () => {
    const c = await frozenCast();
    expect((await decline(c.outsider, c.v1.id, 'No')).code).toBe('NOT_FOUND');
    expect((await decline(c.viewer, c.v1.id, 'No')).code).toBe('FORBIDDEN');
    for (const reason of ['', '   ', 'r'.repeat(CONTRACT_LIMITS.declineReasonMaxLength + 1)]) {
      const result = await decline(c.freelancer, c.v1.id, reason);
      expect(result.code).toBe('BAD_USER_INPUT');
      expect(result.errors?.[0]?.extensions?.field).toBe('reason');
    }
    expect((await sign(t, c.client, c.v1.id, c.v1.contentHash)).errors).toBeUndefined();
    expect((await decline(c.client, c.v1.id, 'Changed my mind')).code).toBe('CONFLICT');
    const { rows } = await t.db.query('select status from contract_versions where id = $1', [c.v1.id]);
    expect(rows[0].status).toBe('AWAITING_SIGNATURES');
  });

  it('makes the version DECLINED, tells everyone and publishes the event; it can never be signed', async () => {
    const c = await frozenCast();
    const sub = await subscribeLive(t, pool.connect({ token: c.viewer.token }), c.proposal.id);
    const declined = await decline(c.freelancer, c.v1.id, '  The budget is too low.  ');
    expect(declined.errors).toBeUndefined();
    expect(declined.data?.declineVersion).toMatchObject({
      status: 'DECLINED',
      declineReason: 'The budget is too low.',
      declinedBy: { id: c.freelancer.id },
      canSign: false,
    });
    expect(declined.data?.declineVersion.statusChangedAt).not.toBeNull();

    const event = await nextEvent(sub, (e) => e.kind === 'VERSION_DECLINED', 'VERSION_DECLINED');
    expect(event).toMatchObject({ actor: { id: c.freelancer.id }, version: { id: c.v1.id, status: 'DECLINED' } });

    for (const user of [c.client, c.viewer]) {
      const items = (await inboxOf(t, user)).items.filter((item) => item.kind === 'SIGNER_DECLINED');
      expect(items).toHaveLength(1);
      expect(items[0]!.link).toContain(c.v1.id);
      expect(items[0]!.text).toContain('The budget is too low.');
    }
    expect((await inboxOf(t, c.freelancer)).items.some((item) => item.kind === 'SIGNER_DECLINED')).toBe(false);

    const { rows: audit } = await t.db.query(
      `select actor_id, data from audit_events where version_id = $1 and kind = 'VERSION_DECLINED'`,
      [c.v1.id],
    );
    expect(audit).toEqual([{ actor_id: c.freelancer.id, data: { reason: 'The budget is too low.', number: 1 } }]);

    // Refused by the API, at start and at sign, and by the database itself.
    const started = await startSigning(t, c.client, c.v1.id);
    expect(started.code).toBe('CONFLICT');
    expect(started.errors?.[0]?.extensions?.status).toBe('DECLINED');
    expect((await sign(t, c.client, c.v1.id, c.v1.contentHash)).code).toBe('CONFLICT');
    expect((await decline(c.client, c.v1.id, 'Me too')).code).toBe('CONFLICT');
    await expect(
      t.db.query(
        `insert into signatures (id, version_id, signer_id, content_hash, signed_at, auth_method, consent_statement, record_hash)
         values (gen_random_uuid(), $1, $2, $3, now(), 'password', 'I agree.', $4)`,
        [c.v1.id, c.client.id, c.v1.contentHash, 'e'.repeat(64)],
      ),
    ).rejects.toMatchObject({ code: '23000' });
    const { rows: signatures } = await t.db.query('select count(*)::int as n from signatures where version_id = $1', [
      c.v1.id,
    ]);
    expect(signatures[0].n).toBe(0);
  });

  it('lets drafting go on: the next freeze takes the next number and the declined one stays declined', async () => {
    const c = await frozenCast();
    expect((await decline(c.client, c.v1.id, 'Scope is unclear')).errors).toBeUndefined();
    await reviseBrief(t, c.freelancer, c.proposal.id);
    const v2 = await freezeOk(t, c.freelancer, c.proposal.id);
    expect(v2.number).toBe(2);
    expect(v2.previousHash).toBe(c.v1.chainHash);
    const { rows } = await t.db.query(
      'select number, status from contract_versions where proposal_id = $1 order by number',
      [c.proposal.id],
    );
    expect(rows).toEqual([
      { number: 1, status: 'DECLINED' },
      { number: 2, status: 'AWAITING_SIGNATURES' },
    ]);
    expect((await sign(t, c.client, v2.id, v2.contentHash)).errors).toBeUndefined();
    expect((await sign(t, c.freelancer, v2.id, v2.contentHash)).errors).toBeUndefined();
    expect((await verify(t, c.viewer, c.proposal.id)).data?.verifyProposal).toMatchObject({
      ok: true,
      firstMismatch: null,
    });
  });

  it('is verified: the VERSION_DECLINED row changed behind the database fails, naming the row', async () => {
    const c = await frozenCast();
    expect((await decline(c.freelancer, c.v1.id, 'Not now')).errors).toBeUndefined();
    expect((await verify(t, c.viewer, c.proposal.id)).data?.verifyProposal.ok).toBe(true);
    const response = await fetch(`${t.app.url}/export/versions/${c.v1.id}.evidence.json`, {
      headers: { authorization: `Bearer ${c.client.token}` },
    });
    expect(response.status).toBe(200);
    expect((await verifyEvidenceBundle(parseEvidenceBundle(await response.text()))).mismatches).toEqual([]);

    await t.db.query('begin');
    try {
      await t.db.query('alter table audit_events disable trigger audit_events_immutable');
      await t.db.query(
        `update audit_events set data = jsonb_set(data, '{reason}', '"Fine by me"') where version_id = $1 and kind = 'VERSION_DECLINED'`,
        [c.v1.id],
      );
      await t.db.query('alter table audit_events enable trigger audit_events_immutable');
      await t.db.query('commit');
    } catch (error) {
      await t.db.query('rollback');
      throw error;
    }
    const { rows } = await t.db.query(
      `select sequence from audit_events where version_id = $1 and kind = 'VERSION_DECLINED'`,
      [c.v1.id],
    );
    const report = (await verify(t, c.viewer, c.proposal.id)).data?.verifyProposal;
    expect(report?.ok).toBe(false);
    expect(report?.firstMismatch).toMatchObject({
      kind: 'AUDIT_EVENT',
      id: String(rows[0].sequence),
      number: 1,
      field: 'hash',
    });
  });

  it('is verified: a declined version turned back to awaiting signatures fails on its audit trail', async () => {
    const c = await frozenCast();
    expect((await decline(c.freelancer, c.v1.id, 'Not now')).errors).toBeUndefined();
    await t.db.query('begin');
    try {
      await t.db.query('alter table contract_versions disable trigger contract_versions_immutable');
      await t.db.query(
        `update contract_versions set status = 'AWAITING_SIGNATURES', status_changed_at = null, declined_by_id = null, decline_reason = null where id = $1`,
        [c.v1.id],
      );
      await t.db.query('alter table contract_versions enable trigger contract_versions_immutable');
      await t.db.query('commit');
    } catch (error) {
      await t.db.query('rollback');
      throw error;
    }
    const report = (await verify(t, c.viewer, c.proposal.id)).data?.verifyProposal;
    expect(report?.ok).toBe(false);
    expect(report?.firstMismatch).toMatchObject({ kind: 'VERSION', id: c.v1.id, number: 1, field: 'audit' });
    expect(report?.firstMismatch?.actual).toContain('1 VERSION_DECLINED');
  });
});
