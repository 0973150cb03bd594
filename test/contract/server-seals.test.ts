import { createPublicKey, generateKeyPairSync, sign as nodeSign } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  auditHashOf,
  auditRef,
  base64urlEncode,
  consentStatement,
  keyIdOf,
  type Receipt,
  sealPayload,
  signatureHashOf,
  verifyEd25519,
  verifyReceiptSignature,
} from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { TEST_SIGNING_KEY } from '../support/constants.js';
import { freezeOk, readyCast, sign, verify, type VersionView } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { CLI_TIMEOUT, runVerify as runVerifyCli } from '../support/verify-cli.js';

const t = useTestApp();
let scratch: string | undefined;
afterAll(async () => {
  if (scratch) await rm(scratch, { recursive: true, force: true });
});

async function signOk(user: TestUser, version: VersionView) {
  const result = await sign(t, user, version.id, version.contentHash);
  if (!result.data?.signVersion) throw new Error(JSON.stringify(result.errors));
  return result.data.signVersion;
}

async function receiptOf(user: TestUser, proposalId: string): Promise<Receipt> {
  const result = await t.api.gql<{ proposal: { receipt: Receipt; receipts: Receipt[] } }>(
    'query($id: ID!) { proposal(id: $id) { receipt { proposalId headHash length issuedAt keyId signature } receipts { length } } }',
    { id: proposalId },
    { token: user.token },
  );
  if (!result.data?.proposal) throw new Error(JSON.stringify(result.errors));
  return result.data.proposal.receipt;
}

async function publishedKeys() {
  const response = await fetch(`${t.app.url}/.well-known/brieflock-keys`);
  expect(response.status).toBe(200);
  return (await response.json()) as {
    keys: { keyId: string; alg: string; publicKey: string; createdAt: string; retiredAt: string | null }[];
  };
}

/** Runs SQL as the database superuser with every trigger off, in one transaction. */
async function withTriggersOff(statements: [string, unknown[]][]) {
  await t.db.query('begin');
  try {
    await t.db.query('set local session_replication_role = replica');
    for (const [sql, params] of statements) await t.db.query(sql, params);
    await t.db.query('commit');
  } catch (error) {
    await t.db.query('rollback');
    throw error;
  }
}

const runVerify = (...args: string[]) => runVerifyCli(t.db.url, ...args);

async function receiptFile(receipt: Receipt): Promise<string> {
  scratch ??= await mkdtemp(path.join(tmpdir(), 'brieflock-receipt-'));
  const file = path.join(scratch, `${receipt.proposalId}-${receipt.length}.json`);
  await writeFile(file, JSON.stringify(receipt));
  return file;
}

describe('the server key', () => {
  it('is published at /.well-known/brieflock-keys and seals every version, signature and audit row', async () => {
    const { keys } = await publishedKeys();
    expect(keys).toHaveLength(1);
    const [key] = keys;
    expect(key).toMatchObject({ alg: 'Ed25519', retiredAt: null });
    expect(key!.keyId).toBe(keyIdOf(key!.publicKey));
    expect(key!.createdAt).toMatch(/^\d{4}-/);
    expect(JSON.stringify(keys)).not.toContain(TEST_SIGNING_KEY);

    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const signature = await signOk(cast.client, version);
    const [row] = (await t.db.query('select * from contract_versions where id = $1', [version.id])).rows;
    expect(row.server_key_id).toBe(key!.keyId);
    expect(
      await verifyEd25519(
        key!.publicKey,
        sealPayload({ record: 'version', ref: version.id, hash: version.chainHash, keyId: key!.keyId }),
        row.server_signature,
      ),
    ).toBe(true);
    const [signed] = (await t.db.query('select * from signatures where id = $1', [signature.id])).rows;
    expect(
      await verifyEd25519(
        key!.publicKey,
        sealPayload({ record: 'signature', ref: signature.id, hash: signed.record_hash, keyId: key!.keyId }),
        signed.server_signature,
      ),
    ).toBe(true);
    const audit = (
      await t.db.query('select * from audit_events where proposal_id = $1 order by sequence', [cast.proposal.id])
    ).rows;
    expect(audit.map((item) => item.sequence)).toEqual([1, 2]);
    for (const item of audit)
      expect(
        await verifyEd25519(
          key!.publicKey,
          sealPayload({
            record: 'audit',
            ref: auditRef(cast.proposal.id, item.sequence),
            hash: item.hash,
            keyId: key!.keyId,
          }),
          item.server_signature,
        ),
      ).toBe(true);
  });
});

describe('receipts', () => {
  it('name the audit chain head after each freeze and signature, signed by the server key, for every participant', async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const afterFreeze = await receiptOf(cast.freelancer, cast.proposal.id);
    await signOk(cast.client, version);
    await signOk(cast.freelancer, version);
    const receipt = await receiptOf(cast.viewer, cast.proposal.id);
    const [head] = (
      await t.db.query(
        'select hash, sequence from audit_events where proposal_id = $1 order by sequence desc limit 1',
        [cast.proposal.id],
      )
    ).rows;
    expect(afterFreeze.length).toBe(1);
    // Executing the version also tracked its two milestones.
    expect(receipt).toMatchObject({ proposalId: cast.proposal.id, headHash: head.hash, length: 6 });
    const { keys } = await publishedKeys();
    const trusted = new Map(keys.map((key) => [key.keyId, key.publicKey]));
    expect(await verifyReceiptSignature(trusted, receipt)).toBe('ok');
    expect(await verifyReceiptSignature(trusted, { ...receipt, length: 5 })).toBe('bad-signature');
    // One receipt per freeze and per signature (the last one also executed the version).
    const stored = (
      await t.db.query('select length from receipts where proposal_id = $1 order by id', [cast.proposal.id])
    ).rows;
    expect(stored.map((item) => item.length)).toEqual([1, 2, 6]);
    expect(await receiptOf(cast.client, cast.proposal.id)).toEqual(receipt);

    // The exports print it on the certificate.
    const markdown = await fetch(`${t.app.url}/export/versions/${version.id}.md`, {
      headers: { authorization: `Bearer ${cast.client.token}` },
    }).then((response) => response.text());
    expect(markdown).toContain('## Receipt');
    expect(markdown).toContain(receipt.headHash);
    expect(markdown).toContain(receipt.signature);
  });
});

describe('a superuser with database access', () => {
  it('cannot forge a signature with matching hashes and audit rows: verifyProposal and pnpm verify report it', {
    timeout: CLI_TIMEOUT,
  }, async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    await signOk(cast.client, version);
    // What the attacker did, triggers on: a signature in the freelancer's name with a
    // correct record hash, then the audit rows a real signature writes, hashes and all.
    const signedAt = new Date();
    const record = {
      versionId: version.id,
      signerId: cast.freelancer.id,
      contentHash: version.contentHash,
      signedAt,
      ip: '203.0.113.7',
      userAgent: 'Mozilla/5.0',
      authMethod: 'password',
      consentStatement: consentStatement({
        signerName: 'Finn Freelancer',
        proposalTitle: cast.proposal.title,
        versionNumber: 1,
        contentHash: version.contentHash,
      }),
    };
    // A seal from a key of the attacker's own, to show that only the server's counts.
    const { privateKey } = generateKeyPairSync('ed25519');
    const attackerKeyId = keyIdOf(createPublicKey(privateKey).export({ format: 'jwk' }).x!);
    const forgedSeal = (record: 'signature' | 'audit', ref: string, hash: string) =>
      base64urlEncode(
        nodeSign(null, Buffer.from(sealPayload({ record, ref, hash, keyId: attackerKeyId })), privateKey),
      );
    const [inserted] = (
      await t.db.query(
        `insert into signatures (id, version_id, signer_id, content_hash, signed_at, ip, user_agent, auth_method, consent_statement, record_hash, server_key_id, server_signature)
         values (gen_random_uuid(), $1, $2, $3, $4, $5, $6, $7, $8, $9, null, null) returning id`,
        [
          version.id,
          cast.freelancer.id,
          version.contentHash,
          signedAt,
          record.ip,
          record.userAgent,
          record.authMethod,
          record.consentStatement,
          signatureHashOf(record),
        ],
      )
    ).rows;
    const last = (
      await t.db.query(
        'select hash, sequence from audit_events where proposal_id = $1 order by sequence desc limit 1',
        [cast.proposal.id],
      )
    ).rows[0];
    let previousHash: string = last.hash;
    let sequence: number = last.sequence;
    for (const [kind, data] of [
      ['VERSION_SIGNED', { signatureId: inserted.id, contentHash: version.contentHash }],
      ['VERSION_EXECUTED', { number: 1 }],
    ] as const) {
      sequence += 1;
      const hash = auditHashOf({
        proposalId: cast.proposal.id,
        kind,
        actorId: cast.freelancer.id,
        versionId: version.id,
        data,
        at: signedAt,
        previousHash,
      });
      await t.db.query(
        `insert into audit_events (proposal_id, sequence, kind, actor_id, version_id, data, at, previous_hash, hash, server_key_id, server_signature)
         values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
        [
          cast.proposal.id,
          sequence,
          kind,
          cast.freelancer.id,
          version.id,
          JSON.stringify(data),
          signedAt,
          previousHash,
          hash,
          attackerKeyId,
          forgedSeal('audit', auditRef(cast.proposal.id, sequence), hash),
        ],
      );
      previousHash = hash;
    }
    await t.db.query(`update contract_versions set status = 'SIGNED', status_changed_at = $2 where id = $1`, [
      version.id,
      signedAt,
    ]);

    const report = (await verify(t, cast.viewer, cast.proposal.id)).data?.verifyProposal;
    expect(report?.ok).toBe(false);
    expect(report?.firstMismatch).toMatchObject({
      kind: 'SIGNATURE',
      id: inserted.id,
      field: 'serverSignature',
      actual: 'missing',
    });
    expect(report?.mismatches).toContainEqual(
      expect.objectContaining({
        kind: 'AUDIT_EVENT',
        id: String(sequence),
        field: 'serverSignature',
        actual: 'unknown-key',
      }),
    );

    const cli = await runVerify(cast.proposal.id);
    expect(cli, cli.stderr).toMatchObject({ code: 1 });
    expect(cli.stdout).toContain(`MISMATCH: signature ${inserted.id} (version 1), serverSignature`);
  });

  it('deleting the newest version with its rows, or the last audit row, is reported given a receipt', {
    timeout: CLI_TIMEOUT,
  }, async () => {
    // Proposal A: v1 signed by both, v2 frozen and signed by the client; the newest
    // version and everything it wrote is deleted.
    const a = await readyCast(t);
    const v1 = await freezeOk(t, a.client, a.proposal.id);
    await signOk(a.client, v1);
    await signOk(a.freelancer, v1);
    const { editLiveBrief } = await import('../support/contract.js');
    await editLiveBrief(t, a.freelancer, a.proposal.id, (doc) => doc.getMap('ownership').set('ipOwner', 'SHARED'));
    const v2 = await freezeOk(t, a.client, a.proposal.id);
    await signOk(a.client, v2);
    const receiptA = await receiptOf(a.freelancer, a.proposal.id);
    await withTriggersOff([
      ['delete from audit_events where version_id = $1', [v2.id]],
      ['delete from signatures where version_id = $1', [v2.id]],
      ['delete from version_signers where version_id = $1', [v2.id]],
      ['delete from contract_versions where id = $1', [v2.id]],
    ]);

    // Proposal B: the last audit row (a freeze's) is deleted together with its version.
    const b = await readyCast(t);
    const only = await freezeOk(t, b.client, b.proposal.id);
    const receiptB = await receiptOf(b.client, b.proposal.id);
    await withTriggersOff([
      ['delete from audit_events where proposal_id = $1 and sequence = 1', [b.proposal.id]],
      ['delete from version_signers where version_id = $1', [only.id]],
      ['delete from contract_versions where id = $1', [only.id]],
    ]);

    // Without a receipt the shortened chains are consistent: nothing anchors their heads.
    for (const cast of [a, b])
      expect((await verify(t, cast.viewer, cast.proposal.id)).data?.verifyProposal.ok).toBe(true);

    const cliA = await runVerify(a.proposal.id, '--receipt', await receiptFile(receiptA), '--json');
    const cliB = await runVerify(b.proposal.id, '--receipt', await receiptFile(receiptB));
    expect(cliA, cliA.stderr).toMatchObject({ code: 1 });
    const reportA = JSON.parse(cliA.stdout);
    expect(reportA.firstMismatch).toMatchObject({
      kind: 'RECEIPT',
      field: 'length',
      // Version 1's execution tracked two milestones.
      expected: 'at least 8 audit rows',
      actual: '6',
    });
    expect(reportA.firstMismatch.message).toMatch(/deleted behind the receipt/);
    expect(cliB, cliB.stderr).toMatchObject({ code: 1 });
    expect(cliB.stdout).toMatch(/MISMATCH: receipt 1, length: audit rows were deleted behind the receipt/);
  });

  it('rolling the chain back and writing another head is reported given a receipt', {
    timeout: CLI_TIMEOUT,
  }, async () => {
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    await signOk(cast.client, version);
    const receipt = await receiptOf(cast.client, cast.proposal.id);
    expect(receipt.length).toBe(2);
    // The signature and its row are replaced by a row of another kind, re-hashed.
    const [row] = (
      await t.db.query('select * from audit_events where proposal_id = $1 and sequence = 2', [cast.proposal.id])
    ).rows;
    const data = { ...row.data, contentHash: 'f'.repeat(64) };
    const hash = auditHashOf({
      proposalId: cast.proposal.id,
      kind: row.kind,
      actorId: row.actor_id,
      versionId: row.version_id,
      data,
      at: row.at,
      previousHash: row.previous_hash,
    });
    await withTriggersOff([
      ['update audit_events set data = $2, hash = $3 where id = $1', [row.id, JSON.stringify(data), hash]],
    ]);
    const report = (await verify(t, cast.viewer, cast.proposal.id)).data?.verifyProposal;
    expect(report?.ok).toBe(false);
    const cli = await runVerify(cast.proposal.id, '--receipt', await receiptFile(receipt), '--json');
    expect(cli.code).toBe(1);
    expect(JSON.parse(cli.stdout).mismatches).toContainEqual(
      expect.objectContaining({ kind: 'RECEIPT', field: 'headHash', expected: receipt.headHash, actual: hash }),
    );
  });

  it('pnpm verify exits 2 for a receipt it cannot read', { timeout: CLI_TIMEOUT }, async () => {
    const cast = await readyCast(t);
    const cli = await runVerify(cast.proposal.id, '--receipt', path.join(tmpdir(), 'no-such-receipt.json'));
    expect(cli.code).toBe(2);
    expect(cli.stderr).toMatch(/cannot read the receipt/);
  });
});
