import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { consentStatement, signatureHashOf } from '@brieflock/schema';
import { conflict, forbidden } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { RequestMeta, Viewer } from '../accounts/sessions.js';
import { appendAudit } from './audit.js';
import { issueReceipt } from '../trust/receipts.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { SignVersionSchema, type SignVersionInput } from './contract.inputs.js';
import type { ProposalRow } from '../proposals/proposals.rows.js';
import type { ContractVersionRow } from './contract.rows.js';
import { isSignerRole, versionProposalFor } from './contract.policy.js';

export interface SignedVersion {
  signatureId: string;
  versionId: string;
  proposalId: string;
  number: number;
  /** False when the signer had already signed: the earlier signature is returned. */
  created: boolean;
  /** True when this signature was the last one required: the version is SIGNED. */
  executed: boolean;
}

type VersionRow = Pick<ContractVersionRow, 'id' | 'number' | 'status' | 'content_hash'> & Pick<ProposalRow, 'title'>;

/**
 * Signs a version by its content hash. Only the version's required signers may sign,
 * only the exact hash, only while it awaits signatures; signing again returns the
 * existing signature. The proposal row is locked first (as a freeze does), so a freeze
 * and a signature cannot interleave. Events are the caller's job, after commit.
 */
export async function signVersion(
  em: EntityManager,
  keys: ServerKeys,
  viewer: Viewer,
  meta: RequestMeta,
  input: SignVersionInput,
): Promise<SignedVersion> {
  const { versionId, contentHash, consentStatement: shown } = parseInput(SignVersionSchema, input);
  const signerId = viewer.user.id;
  return em.transactional(async (tx) => {
    const { proposalId, role } = await versionProposalFor(tx, versionId, signerId);
    if (!isSignerRole(role))
      throw forbidden('Viewers cannot sign; only the clients and freelancers of the version sign it.');
    await tx.execute('select "id" from "proposals" where "id" = ? for update', [proposalId]);
    const [version] = await tx.execute<VersionRow[]>(
      `select v."id", v."number", v."status", v."content_hash", p."title"
         from "contract_versions" v join "proposals" p on p."id" = v."proposal_id"
        where v."id" = ?`,
      [versionId],
    );
    const [required] = await tx.execute<{ id: string }[]>(
      'select "id" from "version_signers" where "version_id" = ? and "user_id" = ?',
      [versionId, signerId],
    );
    if (!required)
      throw forbidden(
        `You were not a party to this proposal when version ${version!.number} was frozen, so you do not sign it.`,
      );

    // The hash is checked first: signing again with any other hash is refused, too.
    if (contentHash !== version!.content_hash) {
      throw conflict(
        `The content hash you reviewed does not match version ${version!.number}. Reload the version, review it and sign again.`,
        {
          field: 'contentHash',
        },
      );
    }
    const [existing] = await tx.execute<{ id: string }[]>(
      'select "id" from "signatures" where "version_id" = ? and "signer_id" = ?',
      [versionId, signerId],
    );
    if (existing)
      return {
        signatureId: existing.id,
        versionId,
        proposalId,
        number: version!.number,
        created: false,
        executed: false,
      };

    if (version!.status === 'SUPERSEDED') {
      throw conflict(`Version ${version!.number} was superseded by a newer version and can no longer be signed.`, {
        status: version!.status,
      });
    }
    if (version!.status !== 'AWAITING_SIGNATURES') {
      throw conflict(`Version ${version!.number} no longer awaits signatures.`, { status: version!.status });
    }

    const statement = consentStatement({
      signerName: viewer.user.name,
      proposalTitle: version!.title,
      versionNumber: version!.number,
      contentHash,
    });
    // A client that says what it showed must have shown what is stored (a rename or an
    // older page would otherwise record a statement the signer never saw).
    if (shown != null && shown !== statement) {
      throw conflict('The consent statement you were shown is out of date. Reload the version and sign again.', {
        field: 'consentStatement',
      });
    }
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
    };
    const signatureId = randomUUID();
    const recordHash = signatureHashOf(record);
    const seal = keys.seal({ record: 'signature', ref: signatureId, hash: recordHash });
    await tx.execute(
      `insert into "signatures" ("id", "version_id", "signer_id", "content_hash", "signed_at", "ip", "user_agent", "auth_method", "consent_statement", "record_hash", "server_key_id", "server_signature")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      ],
    );
    await appendAudit(tx, keys, {
      proposalId,
      kind: 'VERSION_SIGNED',
      actorId: signerId,
      versionId,
      data: { signatureId, contentHash },
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
        data: { number: version!.number },
        at: signedAt,
      });
    }
    await issueReceipt(tx, keys, proposalId);
    return { signatureId, versionId, proposalId, number: version!.number, created: true, executed };
  });
}
