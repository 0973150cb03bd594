import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { type PasskeyEvidence, signatureHashOf, verifySignedFacts } from '@brieflock/schema';
import type { RelyingPartyConfig } from '../../config.js';
import { badInput, conflict } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { RequestMeta, Viewer } from '../accounts/sessions.js';
import { clientDataOf, consumeChallenge } from '../passkeys/challenges.js';
import { AuthenticationResponseSchema } from '../passkeys/passkey.inputs.js';
import { findActivePasskey, verifyPasskeyAssertion } from '../passkeys/verify-assertion.js';
import { appendAudit } from './audit.js';
import { trackExecutedVersion } from '../engagement/track-milestones.js';
import { issueReceipt } from '../trust/receipts.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { SignVersionSchema, type SignVersionInput } from './contract.inputs.js';
import {
  assertAwaitingSignatures,
  assertSignersTurn,
  currentSigningGroup,
  signableVersion,
} from './signable-version.js';
import { namesOf, notify, quoted, versionLink, type Notice, type NotifyDeps } from '../notifications/notify.js';

export interface SignedVersion {
  signatureId: string;
  versionId: string;
  proposalId: string;
  number: number;
  /** False when the signer had already signed: the earlier signature is returned. */
  created: boolean;
  /** True when this signature was the last one required: the version is SIGNED. */
  executed: boolean;
  /** The participants' notifications that the version is executed, to publish after commit. */
  notices: Notice[];
}

const AssertionSchema = z.object({ assertion: AuthenticationResponseSchema });

const spent = () => badInput('assertion', 'this signing request expired or was already used; start signing again');

/**
 * Signs a version by its content hash with a passkey assertion. Only the version's
 * required signers may sign, only the exact hash, only while it awaits signatures, and
 * only with a fresh assertion (user verified) of one of their own passkeys over the
 * challenge `startVersionSigning` issued for this version, hash and consent statement.
 * The challenge is spent before anything else, so an assertion never works twice.
 * Signing again (with a fresh assertion) returns the existing signature. The assertion
 * and the public key are stored with the signature, and checked first with the same
 * offline verifier anyone can run. The proposal row is locked first (as a freeze
 * does), so a freeze and a signature cannot interleave. Events are the caller's job;
 * `inTransaction` runs inside the transaction of a new signature, before it commits
 * (what must commit with it, such as enqueued webhook deliveries).
 */
export async function signVersion(
  em: EntityManager,
  keys: ServerKeys,
  rp: RelyingPartyConfig,
  viewer: Viewer,
  meta: RequestMeta,
  input: SignVersionInput,
  deps: NotifyDeps,
  inTransaction?: (tx: EntityManager, signed: SignedVersion) => Promise<void>,
): Promise<SignedVersion> {
  const { versionId, contentHash, consentStatement: shown, assertion } = parseInput(SignVersionSchema, input);
  const { assertion: response } = parseInput(AssertionSchema, { assertion: assertion ?? null });
  const stored = await consumeChallenge(em, clientDataOf(response.response.clientDataJSON).challenge, 'signing');
  const signerId = viewer.user.id;
  return em.transactional(async (tx) => {
    const { proposalId, version, statement, existingSignatureId, signerAddress } = await signableVersion(
      tx,
      viewer,
      versionId,
      {
        lock: true,
      },
    );

    // The hash is checked first: signing again with any other hash is refused, too.
    if (contentHash !== version.content_hash) {
      throw conflict(
        `The content hash you reviewed does not match version ${version.number}. Reload the version, review it and sign again.`,
        { field: 'contentHash' },
      );
    }
    if (!stored || stored.userId !== signerId || stored.versionId !== versionId) throw spent();
    if (!existingSignatureId) {
      assertAwaitingSignatures(version);
      await assertSignersTurn(tx, versionId, signerId);
    }
    // A client that says what it showed must have shown what is stored (a rename or an
    // older page would otherwise record a statement the signer never saw).
    if ((shown != null && shown !== statement) || stored.consentStatement !== statement) {
      throw conflict('The consent statement you were shown is out of date. Reload the version and sign again.', {
        field: 'consentStatement',
      });
    }
    const passkey = await findActivePasskey(tx, response.id, signerId);
    if (!passkey) throw badInput('assertion', 'this passkey is not one of yours, or it was removed');
    if (!(await verifyPasskeyAssertion(tx, rp, passkey, response, stored.challenge)))
      throw badInput('assertion', 'the passkey signature did not verify; sign again');
    if (existingSignatureId)
      return {
        signatureId: existingSignatureId,
        versionId,
        proposalId,
        number: version.number,
        created: false,
        executed: false,
        notices: [],
      };

    const evidence: PasskeyEvidence = {
      passkeyId: passkey.id,
      credentialId: passkey.credential_id,
      publicKey: passkey.public_key,
      algorithm: passkey.algorithm,
      authenticatorData: response.response.authenticatorData,
      clientDataJSON: response.response.clientDataJSON,
      signature: response.response.signature,
      nonce: stored.nonce!,
      rpId: rp.id,
    };
    // What is stored must pass the offline check anyone can run, not only the library's.
    const offline = await verifySignedFacts({ versionId, contentHash, consentStatement: statement, passkey: evidence });
    if (!offline.ok)
      throw badInput('assertion', `the passkey signature cannot be verified: ${offline.failures[0]!.message}`);

    const signedAt = new Date();
    const record = {
      versionId,
      signerId,
      contentHash,
      signedAt,
      ip: meta.ip?.slice(0, 64) ?? null,
      userAgent: meta.userAgent?.slice(0, 512) ?? null,
      authMethod: viewer.session.method,
      consentStatement: statement,
      passkey: evidence,
    };
    const signatureId = randomUUID();
    const recordHash = signatureHashOf(record);
    const seal = keys.seal({ record: 'signature', ref: signatureId, hash: recordHash });
    await tx.execute(
      `insert into "signatures" ("id", "version_id", "signer_id", "content_hash", "signed_at", "ip", "user_agent", "auth_method", "consent_statement", "record_hash", "server_key_id", "server_signature",
                                 "passkey_id", "credential_id", "public_key", "public_key_algorithm", "authenticator_data", "client_data_json", "assertion_signature", "challenge_nonce", "rp_id")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        signatureId,
        versionId,
        signerId,
        contentHash,
        signedAt,
        record.ip,
        record.userAgent,
        record.authMethod,
        record.consentStatement,
        recordHash,
        seal.keyId,
        seal.signature,
        evidence.passkeyId,
        evidence.credentialId,
        evidence.publicKey,
        evidence.algorithm,
        evidence.authenticatorData,
        evidence.clientDataJSON,
        evidence.signature,
        evidence.nonce,
        evidence.rpId,
      ],
    );
    await appendAudit(tx, keys, {
      proposalId,
      kind: 'VERSION_SIGNED',
      actorId: signerId,
      versionId,
      // The evidence names the address the signer had proven, and since when.
      data: {
        signatureId,
        contentHash,
        signerEmail: signerAddress.email,
        emailVerifiedAt: signerAddress.verifiedAt ? new Date(signerAddress.verifiedAt).toISOString() : null,
      },
      at: signedAt,
    });

    const [{ missing }] = (await tx.execute<{ missing: string }[]>(
      `select count(*) as missing from "version_signers" vs
        where vs."version_id" = ? and not exists (select 1 from "signatures" s where s."version_id" = vs."version_id" and s."signer_id" = vs."user_id")`,
      [versionId],
    )) as [{ missing: string }];
    const executed = Number(missing) === 0;
    if (executed) {
      await tx.execute(`update "contract_versions" set "status" = 'SIGNED', "status_changed_at" = ? where "id" = ?`, [
        signedAt,
        versionId,
      ]);
      await appendAudit(tx, keys, {
        proposalId,
        kind: 'VERSION_EXECUTED',
        actorId: signerId,
        versionId,
        data: { number: version.number },
        at: signedAt,
      });
      await trackExecutedVersion(tx, keys, proposalId, versionId, signedAt);
    }
    await issueReceipt(tx, keys, proposalId);
    let notices: Notice[] = [];
    if (executed) {
      const names = await namesOf(tx, signerId, proposalId);
      const participants = await tx.execute<{ user_id: string }[]>(
        `select "user_id" from "participants" where "proposal_id" = ? and "user_id" is not null`,
        [proposalId],
      );
      notices = await notify(tx, deps, {
        kind: 'VERSION_EXECUTED',
        proposalId,
        actorId: signerId,
        recipientIds: participants.map((row) => row.user_id),
        text: `Version ${version.number} of ${quoted(names.title)} is signed by everyone and in force`,
        link: versionLink(proposalId, versionId),
      });
    }
    if (!executed)
      notices = await notifyNextGroup(tx, deps, { proposalId, versionId, signerId, number: version.number });
    const signed = { signatureId, versionId, proposalId, number: version.number, created: true, executed, notices };
    await inTransaction?.(tx, signed);
    return signed;
  });
}

/**
 * When this signature completed the signer's group, the next group's turn has come:
 * its signers are asked to sign (in the signature's transaction).
 */
async function notifyNextGroup(
  tx: EntityManager,
  deps: NotifyDeps,
  {
    proposalId,
    versionId,
    signerId,
    number,
  }: { proposalId: string; versionId: string; signerId: string; number: number },
): Promise<Notice[]> {
  const [mine] = await tx.execute<{ signing_group: number | null }[]>(
    'select "signing_group" from "version_signers" where "version_id" = ? and "user_id" = ?',
    [versionId, signerId],
  );
  if (mine?.signing_group == null) return [];
  const group = await currentSigningGroup(tx, versionId);
  if (group === null || group === mine.signing_group) return [];
  const next = await tx.execute<{ user_id: string }[]>(
    `select vs."user_id" from "version_signers" vs
      where vs."version_id" = ? and vs."signing_group" = ?
        and not exists (select 1 from "signatures" s where s."version_id" = vs."version_id" and s."signer_id" = vs."user_id")`,
    [versionId, group],
  );
  const names = await namesOf(tx, signerId, proposalId);
  return notify(tx, deps, {
    kind: 'SIGNATURE_REQUESTED',
    proposalId,
    actorId: signerId,
    recipientIds: next.map((row) => row.user_id),
    text: `Your turn: version ${number} of ${quoted(names.title)} waits for your signature`,
    link: versionLink(proposalId, versionId),
  });
}
