import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast, type VersionView } from '../support/contract.js';

const t = useTestApp();

describe('the database lets a version awaiting signatures be declined, once, and nothing after', () => {
  let c: Awaited<ReturnType<typeof readyCast>> & { v1: VersionView };
  beforeAll(async () => {
    const cast = await readyCast(t);
    c = { ...cast, v1: await freezeOk(t, cast.client, cast.proposal.id) };
  });

  const decline = `update contract_versions set status = 'DECLINED', status_changed_at = now(),
    declined_by_id = $2, decline_reason = $3 where id = $1`;
  const insertSignature = `insert into signatures (id, version_id, signer_id, content_hash, signed_at, ip, user_agent,
    auth_method, consent_statement, record_hash)
    values (gen_random_uuid(), $1, $2, $3, now(), null, null, 'password', 'I agree.', $4)`;

  /** Runs statements in a transaction that is always rolled back. */
  async function inRollback(run: () => Promise<void>) {
    await t.db.query('begin');
    try {
      await run();
    } finally {
      await t.db.query('rollback');
    }
  }

  it('refuses a decline without who declined or why', async () => {
    await expect(t.db.query(decline, [c.v1.id, c.freelancer.id, null])).rejects.toMatchObject({ code: '23000' });
    await expect(t.db.query(decline, [c.v1.id, null, 'Too expensive'])).rejects.toMatchObject({ code: '23000' });
  });

  it('refuses setting who declined on any other step', async () => {
    await expect(
      t.db.query(
        `update contract_versions set status = 'SUPERSEDED', status_changed_at = now(), decline_reason = 'x' where id = $1`,
        [c.v1.id],
      ),
    ).rejects.toMatchObject({ code: '23000' });
  });

  it('accepts the decline, then refuses signatures, a second step and a changed reason', async () => {
    await inRollback(async () => {
      expect((await t.db.query(decline, [c.v1.id, c.freelancer.id, 'Too expensive'])).rowCount).toBe(1);
      for (const [sql, params] of [
        [insertSignature, [c.v1.id, c.client.id, c.v1.contentHash, 'e'.repeat(64)]],
        [`update contract_versions set status = 'AWAITING_SIGNATURES' where id = $1`, [c.v1.id]],
        [`update contract_versions set status = 'SIGNED', status_changed_at = now() where id = $1`, [c.v1.id]],
        [`update contract_versions set status = 'SUPERSEDED', status_changed_at = now() where id = $1`, [c.v1.id]],
        [`update contract_versions set decline_reason = 'Other' where id = $1`, [c.v1.id]],
      ] as [string, unknown[]][]) {
        await t.db.query('savepoint attempt');
        await expect(t.db.query(sql, params)).rejects.toMatchObject({ code: '23000' });
        await t.db.query('rollback to savepoint attempt');
      }
      const row = await t.db.query(
        'select status, declined_by_id, decline_reason from contract_versions where id = $1',
        [c.v1.id],
      );
      expect(row.rows[0]).toEqual({
        status: 'DECLINED',
        declined_by_id: c.freelancer.id,
        decline_reason: 'Too expensive',
      });
    });
  });
});
