import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { contentHashOf } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import {
  editLiveBrief,
  freezeOk,
  readyCast,
  reviseBrief,
  sign,
  verify,
  type VersionView,
} from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { runVerify as runVerifyCli } from '../support/verify-cli.js';

const t = useTestApp();

async function signOk(user: TestUser, version: VersionView) {
  const result = await sign(t, user, version.id, version.contentHash);
  if (!result.data?.signVersion) throw new Error(JSON.stringify(result.errors));
  return result.data.signVersion;
}

/** Version 1 SIGNED by both, version 2 (other content) AWAITING_SIGNATURES. */
async function history() {
  const cast = await readyCast(t);
  const v1 = await freezeOk(t, cast.client, cast.proposal.id);
  await signOk(cast.client, v1);
  const signature = await signOk(cast.freelancer, v1);
  await editLiveBrief(t, cast.freelancer, cast.proposal.id, (doc) => doc.getMap('ownership').set('ipOwner', 'SHARED'));
  const v2 = await freezeOk(t, cast.client, cast.proposal.id);
  return { ...cast, v1, v2, signature };
}

/** Every contract row of a proposal, every column, as stored. */
async function snapshot(proposalId: string) {
  const of = (sql: string) => t.db.query(sql, [proposalId]).then((result) => result.rows);
  return {
    versions: await of('select * from contract_versions where proposal_id = $1 order by number'),
    signers: await of(
      'select vs.* from version_signers vs join contract_versions v on v.id = vs.version_id where v.proposal_id = $1 order by vs.id',
    ),
    signatures: await of(
      'select s.* from signatures s join contract_versions v on v.id = s.version_id where v.proposal_id = $1 order by s.id',
    ),
    audit: await of('select * from audit_events where proposal_id = $1 order by id'),
  };
}

describe('the database refuses changes to the contract, even from a superuser', () => {
  // v1 SIGNED, v2 SUPERSEDED, v3 AWAITING_SIGNATURES signed by the client only.
  let c: Awaited<ReturnType<typeof history>> & { v3: VersionView };
  beforeAll(async () => {
    const h = await history();
    await reviseBrief(t, h.freelancer, h.proposal.id);
    const v3 = await freezeOk(t, h.freelancer, h.proposal.id);
    await signOk(h.client, v3);
    c = { ...h, v3 };
    expect(v3.contentHash).not.toBe(h.v1.contentHash);
  });

  const insertSignature = (versionId: () => string, signerId: () => string, hash: () => string) =>
    [
      `insert into signatures (id, version_id, signer_id, content_hash, signed_at, ip, user_agent, auth_method, consent_statement, record_hash)
       values (gen_random_uuid(), $1, $2, $3, now(), null, null, 'password', 'I agree.', $4)`,
      () => [versionId(), signerId(), hash(), 'e'.repeat(64)],
    ] as const;

  const cases: [string, string, () => unknown[]][] = [
    [
      'UPDATE of a version’s content_json',
      `update contract_versions set content_json = jsonb_set(content_json, '{ownership,license}', '"MIT"') where id = $1`,
      () => [c.v3.id],
    ],
    [
      'UPDATE of a signed version’s content_json',
      `update contract_versions set content_json = '{}' where id = $1`,
      () => [c.v1.id],
    ],
    [
      'UPDATE of a version’s content_hash',
      'update contract_versions set content_hash = $2 where id = $1',
      () => [c.v3.id, 'a'.repeat(64)],
    ],
    ['UPDATE of a version’s number', 'update contract_versions set number = 99 where id = $1', () => [c.v3.id]],
    ['UPDATE of a version’s note', `update contract_versions set note = 'changed' where id = $1`, () => [c.v1.id]],
    [
      'UPDATE of a version’s Yjs state',
      `update contract_versions set yjs_state = '\\x00'::bytea where id = $1`,
      () => [c.v3.id],
    ],
    [
      'UPDATE of a version’s previous_hash',
      'update contract_versions set previous_hash = null where id = $1',
      () => [c.v2.id],
    ],
    [
      'UPDATE superseding a version that also changes its note',
      `update contract_versions set status = 'SUPERSEDED', note = 'x' where id = $1`,
      () => [c.v3.id],
    ],
    [
      'UPDATE of a SIGNED version back to AWAITING_SIGNATURES',
      `update contract_versions set status = 'AWAITING_SIGNATURES', status_changed_at = null where id = $1`,
      () => [c.v1.id],
    ],
    [
      'UPDATE of a SIGNED version to SUPERSEDED',
      `update contract_versions set status = 'SUPERSEDED' where id = $1`,
      () => [c.v1.id],
    ],
    [
      'UPDATE of a SUPERSEDED version back to AWAITING_SIGNATURES',
      `update contract_versions set status = 'AWAITING_SIGNATURES' where id = $1`,
      () => [c.v2.id],
    ],
    [
      'UPDATE of a SUPERSEDED version to SIGNED',
      `update contract_versions set status = 'SIGNED' where id = $1`,
      () => [c.v2.id],
    ],
    [
      'UPDATE to SIGNED while a signature is missing',
      `update contract_versions set status = 'SIGNED', status_changed_at = now() where id = $1`,
      () => [c.v3.id],
    ],
    ['DELETE of a version', 'delete from contract_versions where id = $1', () => [c.v2.id]],
    ['TRUNCATE of contract_versions', 'truncate contract_versions cascade', () => []],
    ['TRUNCATE of proposals, cascading', 'truncate proposals cascade', () => []],
    ['UPDATE of a signature’s ip', `update signatures set ip = '10.0.0.1' where id = $1`, () => [c.signature.id]],
    ['DELETE of a signature', 'delete from signatures where id = $1', () => [c.signature.id]],
    ['TRUNCATE of signatures', 'truncate signatures', () => []],
    [
      'UPDATE of a version signer',
      'update version_signers set user_id = $2 where user_id = $1',
      () => [c.freelancer.id, c.viewer.id],
    ],
    ['DELETE of a version signer', 'delete from version_signers where version_id = $1', () => [c.v3.id]],
    ['TRUNCATE of version_signers', 'truncate version_signers', () => []],
    ['UPDATE of audit rows', `update audit_events set data = '{}' where proposal_id = $1`, () => [c.proposal.id]],
    ['DELETE of audit rows', 'delete from audit_events where proposal_id = $1', () => [c.proposal.id]],
    ['TRUNCATE of audit_events', 'truncate audit_events', () => []],
    [
      'INSERT of a signature on a superseded version',
      ...insertSignature(
        () => c.v2.id,
        () => c.freelancer.id,
        () => c.v2.contentHash,
      ),
    ],
    [
      'INSERT of a signature with another content hash',
      ...insertSignature(
        () => c.v3.id,
        () => c.freelancer.id,
        () => c.v1.contentHash,
      ),
    ],
    [
      'INSERT of a signature by someone who is not a required signer',
      ...insertSignature(
        () => c.v3.id,
        () => c.viewer.id,
        () => c.v3.contentHash,
      ),
    ],
    [
      'INSERT of a required signer after the freeze',
      `insert into version_signers (id, version_id, user_id, role) values (gen_random_uuid(), $1, $2, 'FREELANCER')`,
      () => [c.v3.id, c.viewer.id],
    ],
  ];

  it.each(cases)('%s fails and changes nothing', async (_what, sql, params) => {
    const before = await snapshot(c.proposal.id);
    await expect(t.db.query(sql, params())).rejects.toMatchObject({ code: '23000' });
    expect(await snapshot(c.proposal.id)).toEqual(before);
  });

  it('but lets the last required signer sign, and a version step once out of AWAITING_SIGNATURES', async () => {
    const before = await snapshot(c.proposal.id);
    const [sql, params] = insertSignature(
      () => c.v3.id,
      () => c.freelancer.id,
      () => c.v3.contentHash,
    );
    for (const steps of [
      [
        [sql, params()],
        [`update contract_versions set status = 'SIGNED', status_changed_at = now() where id = $1`, [c.v3.id]],
      ],
      [[`update contract_versions set status = 'SUPERSEDED', status_changed_at = now() where id = $1`, [c.v3.id]]],
    ] as [string, unknown[]][][]) {
      await t.db.query('begin');
      try {
        for (const [statement, values] of steps) expect((await t.db.query(statement, values)).rowCount).toBe(1);
      } finally {
        await t.db.query('rollback');
      }
    }
    expect(await snapshot(c.proposal.id)).toEqual(before);
  });
});

/** Runs `sql` with the table's guard trigger off, as someone with direct database access could. */
async function tamper(table: string, sql: string, params: unknown[]) {
  await t.db.query('begin');
  try {
    await t.db.query(`alter table ${table} disable trigger ${table}_immutable`);
    expect((await t.db.query(sql, params)).rowCount).toBe(1);
    await t.db.query(`alter table ${table} enable trigger ${table}_immutable`);
    await t.db.query('commit');
  } catch (error) {
    await t.db.query('rollback');
    throw error;
  }
}

describe('verification catches changes made behind the database’s back', () => {
  type History = Awaited<ReturnType<typeof history>>;
  const tampers: [string, (h: History) => Promise<unknown>, (h: History) => Record<string, unknown>][] = [
    [
      'version 2’s content',
      (h) =>
        tamper(
          'contract_versions',
          `update contract_versions set content_json = jsonb_set(content_json, '{ownership,ipOwner}', '"FREELANCER"') where id = $1`,
          [h.v2.id],
        ),
      (h) => ({ kind: 'VERSION', id: h.v2.id, number: 2, field: 'contentJson' }),
    ],
    [
      'version 2’s note',
      (h) => tamper('contract_versions', `update contract_versions set note = 'added later' where id = $1`, [h.v2.id]),
      (h) => ({ kind: 'VERSION', id: h.v2.id, number: 2, field: 'chainHash' }),
    ],
    [
      'version 1’s content rewritten together with its content hash',
      async (h) => {
        const content = { ...h.v1.contentJson, ownership: { ...h.v1.contentJson.ownership, ipOwner: 'FREELANCER' } };
        await tamper(
          'contract_versions',
          'update contract_versions set content_json = $2, content_hash = $3 where id = $1',
          [h.v1.id, JSON.stringify(content), contentHashOf(content)],
        );
      },
      (h) => ({ kind: 'VERSION', id: h.v1.id, number: 1, field: 'yjsState' }),
    ],
    [
      'version 2’s link to version 1',
      (h) =>
        tamper('contract_versions', 'update contract_versions set previous_hash = $2 where id = $1', [
          h.v2.id,
          'b'.repeat(64),
        ]),
      (h) => ({ kind: 'VERSION', id: h.v2.id, number: 2, field: 'previousHash' }),
    ],
    [
      'a required signer of version 2 removed',
      (h) =>
        tamper('version_signers', 'delete from version_signers where version_id = $1 and user_id = $2', [
          h.v2.id,
          h.freelancer.id,
        ]),
      (h) => ({ kind: 'VERSION', id: h.v2.id, number: 2, field: 'chainHash' }),
    ],
    [
      'a signature’s ip',
      (h) => tamper('signatures', `update signatures set ip = '198.51.100.9' where id = $1`, [h.signature.id]),
      (h) => ({ kind: 'SIGNATURE', id: h.signature.id, number: 1, field: 'recordHash' }),
    ],
    [
      'an audit row’s data',
      (h) =>
        tamper(
          'audit_events',
          `update audit_events set data = jsonb_set(data, '{number}', '7') where proposal_id = $1 and kind = 'VERSION_FROZEN' and version_id = $2`,
          [h.proposal.id, h.v2.id],
        ),
      () => ({ kind: 'AUDIT_EVENT', number: 2, field: 'hash' }),
    ],
  ];

  it.each(tampers)('%s is reported as the first mismatch', async (_what, change, expected) => {
    const h = await history();
    const clean = await verify(t, h.viewer, h.proposal.id);
    expect(clean.data?.verifyProposal).toMatchObject({
      ok: true,
      versionsChecked: 2,
      signaturesChecked: 2,
      firstMismatch: null,
    });

    await change(h);

    const report = (await verify(t, h.viewer, h.proposal.id)).data?.verifyProposal;
    expect(report?.ok).toBe(false);
    expect(report?.firstMismatch).toMatchObject(expected(h));
    expect(report?.mismatches[0]).toEqual(report?.firstMismatch);
  });

  it('verification is for participants only', async () => {
    const h = await history();
    expect((await verify(t, h.outsider, h.proposal.id)).code).toBe('NOT_FOUND');
    expect((await verify(t, h.client, randomUUID())).code).toBe('NOT_FOUND');
    const anonymous = await t.api.gql('query($id: ID!) { verifyProposal(id: $id) { ok } }', { id: h.proposal.id });
    expect(anonymous.code).toBe('UNAUTHENTICATED');
    expect((await verify(t, h.viewer, h.proposal.id)).data?.verifyProposal.ok).toBe(true);
  });
});

describe('the verify command', () => {
  const runVerify = (...args: string[]) => runVerifyCli(t.db.url, ...args);

  it('exits 0 with OK for an untouched proposal, 1 naming the tampered record, 2 for an unknown proposal', {
    timeout: 60_000,
  }, async () => {
    const [untouched, tampered] = [await history(), await history()];
    await tamper(
      'contract_versions',
      `update contract_versions set content_json = jsonb_set(content_json, '{ownership,ipOwner}', '"CLIENT"') where id = $1`,
      [tampered.v2.id],
    );

    const [ok, bad, unknown] = await Promise.all([
      runVerify(untouched.proposal.id),
      runVerify(tampered.proposal.id),
      runVerify(randomUUID()),
    ]);

    expect(ok, ok.stderr).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(/^OK\b/m);
    expect(ok.stdout).toContain('2 versions, 2 signatures');
    expect(bad, bad.stderr).toMatchObject({ code: 1 });
    expect(bad.stdout).not.toMatch(/^OK\b/m);
    expect(bad.stdout).toContain(`MISMATCH: version ${tampered.v2.id} (version 2), contentJson`);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/no proposal/);
  });
});
