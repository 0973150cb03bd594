import { createHash, generateKeyPairSync, sign as signBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { signatureHashOf, signingChallengeOf } from '@brieflock/schema';
import type { SignatureRow } from '../../server/src/modules/contract/contract.rows.js';
import { passkeyEvidenceOf } from '../../server/src/modules/contract/verify-proposal.js';
import { useTestApp } from '../support/app.js';
import {
  freezeOk,
  freshAssertion,
  readyCast,
  reviseBrief,
  sign,
  signWith,
  startSigning,
  verify,
} from '../support/contract.js';
import { makeUser } from '../support/factories.js';
import { passkeyOf, registerPasskey } from '../support/passkeys.js';
import { pageOriginOf, SoftwareAuthenticator } from '../support/webauthn.js';

const t = useTestApp();

async function frozenCast() {
  const cast = await readyCast(t);
  const v1 = await freezeOk(t, cast.client, cast.proposal.id);
  return { ...cast, v1 };
}

const signatureCount = async (versionId: string): Promise<number> =>
  (await t.db.query('select count(*)::int as n from signatures where version_id = $1', [versionId])).rows[0].n;

const STATEMENT = 'query($id: ID!) { contractVersion(id: $id) { consentStatement } }';

describe('signing a version with a passkey', () => {
  it('signs over a challenge that binds the version, its hash and the consent statement, and stores the assertion', async () => {
    const { freelancer, proposal, v1 } = await frozenCast();
    const authenticator = await passkeyOf(t.api, freelancer);
    const started = await startSigning(t, freelancer, v1.id);
    const options = started.data!.startVersionSigning as unknown as {
      challenge: string;
      userVerification: string;
      allowCredentials: { id: string }[];
    };
    expect(options.userVerification).toBe('required');
    expect(options.allowCredentials.map((credential) => credential.id)).toEqual([authenticator.id]);

    const assertion = authenticator.assert(options);
    const signed = await signWith(t, freelancer, { versionId: v1.id, contentHash: v1.contentHash, assertion });
    expect(signed.errors).toBeUndefined();
    const [row] = (await t.db.query('select * from signatures where id = $1', [signed.data!.signVersion.id])).rows;
    const statement = (await t.api.gql(STATEMENT, { id: v1.id }, { token: freelancer.token })).data!.contractVersion
      .consentStatement;
    expect(options.challenge).toBe(
      signingChallengeOf({
        versionId: v1.id,
        contentHash: v1.contentHash,
        consentStatement: statement,
        nonce: row.challenge_nonce,
      }),
    );
    expect(row).toMatchObject({
      passkey_id: signed.data!.signVersion.passkeyId,
      credential_id: authenticator.id,
      public_key: authenticator.publicKey.export({ type: 'spki', format: 'der' }).toString('base64url'),
      public_key_algorithm: -7,
      authenticator_data: assertion.response.authenticatorData,
      client_data_json: assertion.response.clientDataJSON,
      assertion_signature: assertion.response.signature,
      rp_id: 'localhost',
      consent_statement: statement,
    });
    expect((await verify(t, freelancer, proposal.id)).data?.verifyProposal.ok).toBe(true);
  });

  it('refuses a replayed assertion, one made for another version, and one answering no challenge', async () => {
    const { client, freelancer, proposal, v1 } = await frozenCast();
    const assertion = await freshAssertion(t, client, v1.id);
    const input = { versionId: v1.id, contentHash: v1.contentHash, assertion };
    expect((await signWith(t, client, input)).errors).toBeUndefined();
    const replayed = await signWith(t, client, input);
    expect(replayed.code).toBe('BAD_USER_INPUT');
    expect(replayed.errors![0]!.extensions).toMatchObject({ field: 'assertion' });

    // The freelancer's assertion for version 1 does not sign version 2.
    const forV1 = await freshAssertion(t, freelancer, v1.id);
    await reviseBrief(t, client, proposal.id);
    const v2 = await freezeOk(t, client, proposal.id);
    const crossed = await signWith(t, freelancer, { versionId: v2.id, contentHash: v2.contentHash, assertion: forV1 });
    expect(crossed.code).toBe('BAD_USER_INPUT');

    const authenticator = await passkeyOf(t.api, freelancer);
    const invented = authenticator.assert({
      challenge: createHash('sha256').update('no such challenge').digest('base64url'),
    });
    expect(
      (await signWith(t, freelancer, { versionId: v2.id, contentHash: v2.contentHash, assertion: invented })).code,
    ).toBe('BAD_USER_INPUT');
    expect(
      (await signWith(t, freelancer, { versionId: v2.id, contentHash: v2.contentHash, assertion: { id: 1 } })).code,
    ).toBe('BAD_USER_INPUT');
    expect(await signatureCount(v2.id)).toBe(0);
  });

  it('refuses an unverified user, another account’s passkey and a removed passkey', async () => {
    const { client, freelancer, v1 } = await frozenCast();
    const authenticator = await passkeyOf(t.api, freelancer);
    authenticator.userVerified = false;
    const unverified = authenticator.assert((await startSigning(t, freelancer, v1.id)).data!.startVersionSigning);
    authenticator.userVerified = true;
    expect(
      (await signWith(t, freelancer, { versionId: v1.id, contentHash: v1.contentHash, assertion: unverified })).code,
    ).toBe('BAD_USER_INPUT');

    // The client's challenge answered with the freelancer's passkey.
    await passkeyOf(t.api, client);
    const challenge = (await startSigning(t, client, v1.id)).data!.startVersionSigning;
    const foreign = authenticator.assert(challenge);
    expect(
      (await signWith(t, client, { versionId: v1.id, contentHash: v1.contentHash, assertion: foreign })).code,
    ).toBe('BAD_USER_INPUT');

    const spare = await registerPasskey(t.api, client, 'Spare');
    const pending = spare.authenticator.assert((await startSigning(t, client, v1.id)).data!.startVersionSigning);
    await t.api.gql('mutation($id: ID!) { removePasskey(id: $id) }', { id: spare.passkey.id }, { token: client.token });
    expect(
      (await signWith(t, client, { versionId: v1.id, contentHash: v1.contentHash, assertion: pending })).code,
    ).toBe('BAD_USER_INPUT');
    expect(await signatureCount(v1.id)).toBe(0);
  });

  it('asks a signer without a passkey to create one first (CONFLICT, reason PASSKEY_REQUIRED)', async () => {
    const { client, v1 } = await frozenCast();
    const started = await startSigning(t, client, v1.id);
    expect(started.code).toBe('CONFLICT');
    expect(started.errors![0]!.extensions).toMatchObject({ reason: 'PASSKEY_REQUIRED' });
    const outsider = await makeUser(t.api);
    expect((await startSigning(t, outsider, v1.id)).code).toBe('NOT_FOUND');
  });
});

describe('a signature made without the signer’s authenticator', () => {
  /** Runs SQL as the database superuser with the signatures' guards off, as an operator could. */
  async function asSuperuser(sql: string, params: unknown[]) {
    await t.db.query('begin');
    try {
      await t.db.query('alter table signatures disable trigger user');
      await t.db.query(sql, params);
      await t.db.query('alter table signatures enable trigger user');
      await t.db.query('commit');
    } catch (error) {
      await t.db.query('rollback');
      throw error;
    }
  }

  it('is reported by verify: a made-up assertion, a key of the forger’s own, or none at all', async () => {
    const { client, freelancer, proposal, v1 } = await frozenCast();
    expect((await sign(t, client, v1.id, v1.contentHash)).errors).toBeUndefined();
    const [genuine] = (await t.db.query('select * from signatures where version_id = $1', [v1.id])).rows;
    const freelancerKey = await registerPasskey(t.api, freelancer);
    const [registered] = (await t.db.query('select * from passkeys where id = $1', [freelancerKey.passkey.id])).rows;
    expect((await verify(t, client, proposal.id)).data?.verifyProposal.ok).toBe(true);

    // The forger knows everything stored and recomputes every hash; only the signer's private key is missing.
    const forge = async (fields: Record<string, unknown>) => {
      // biome-ignore lint/suspicious/noExplicitAny: a raw row of the signatures table
      const row: Record<string, any> = {
        ...genuine,
        id: crypto.randomUUID(),
        signer_id: freelancer.id,
        passkey_id: registered.id,
        credential_id: registered.credential_id,
        public_key: registered.public_key,
        consent_statement: genuine.consent_statement.replace(client.name, freelancer.name),
        signed_at: new Date(),
        ...fields,
      };
      const passkey = passkeyEvidenceOf(row as SignatureRow);
      row.record_hash = signatureHashOf({
        versionId: row.version_id,
        signerId: row.signer_id,
        contentHash: row.content_hash,
        signedAt: row.signed_at,
        ip: row.ip,
        userAgent: row.user_agent,
        authMethod: row.auth_method,
        consentStatement: row.consent_statement,
        passkey,
      });
      const columns = Object.keys(row);
      await asSuperuser('delete from signatures where version_id = $1 and signer_id = $2', [v1.id, freelancer.id]);
      await asSuperuser(
        `insert into signatures (${columns.map((column) => `"${column}"`).join(', ')}) values (${columns.map((_, i) => `$${i + 1}`).join(', ')})`,
        columns.map((column) => row[column]),
      );
      const report = (await verify(t, client, proposal.id)).data!.verifyProposal;
      expect(report.ok).toBe(false);
      return report.mismatches.filter((mismatch) => mismatch.kind === 'SIGNATURE').map((mismatch) => mismatch.field);
    };

    // 1. The client's assertion copied onto the freelancer's key: the signature does not verify, the challenge differs.
    expect(await forge({})).toEqual(expect.arrayContaining(['assertion.signature', 'assertion.challenge']));

    // 2. A valid assertion under a key of the forger's own, over the right challenge.
    const own = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const nonce = 'Zm9yZ2Vk';
    const clientData = Buffer.from(
      JSON.stringify({
        type: 'webauthn.get',
        challenge: signingChallengeOf({
          versionId: v1.id,
          contentHash: v1.contentHash,
          consentStatement: genuine.consent_statement.replace(client.name, freelancer.name),
          nonce,
        }),
        origin: pageOriginOf(t.app.url),
      }),
    );
    const authData = Buffer.concat([
      createHash('sha256').update('localhost').digest(),
      Buffer.from([0x05, 0, 0, 0, 9]),
    ]);
    const forgedSignature = signBytes(
      'sha256',
      Buffer.concat([authData, createHash('sha256').update(clientData).digest()]),
      own.privateKey,
    );
    const ownKey = own.publicKey.export({ type: 'spki', format: 'der' }).toString('base64url');
    const withOwnKey = {
      public_key: ownKey,
      authenticator_data: authData.toString('base64url'),
      client_data_json: clientData.toString('base64url'),
      assertion_signature: forgedSignature.toString('base64url'),
      challenge_nonce: nonce,
    };
    // (The server's seal and the audit trail catch the row too; here the passkey's own checks are what matter.)
    expect(await forge(withOwnKey)).toEqual(expect.arrayContaining(['publicKey']));
    // …and with a passkey row of the forger's own for the signer, too: the passkey must be one the signer registered through the app.
    const stranger = await makeUser(t.api);
    const strangerKey = await registerPasskey(
      t.api,
      stranger,
      null,
      new SoftwareAuthenticator(pageOriginOf(t.app.url)),
    );
    expect(await forge({ ...withOwnKey, passkey_id: strangerKey.passkey.id })).toContain('passkeyId');

    // 3. No assertion at all.
    const none = Object.fromEntries(
      [
        'passkey_id',
        'credential_id',
        'public_key',
        'public_key_algorithm',
        'authenticator_data',
        'client_data_json',
        'assertion_signature',
        'challenge_nonce',
        'rp_id',
      ].map((column) => [column, null]),
    );
    expect(await forge(none)).toEqual(expect.arrayContaining(['passkey']));
  });
});
