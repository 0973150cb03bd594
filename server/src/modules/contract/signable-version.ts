import type { EntityManager } from '@mikro-orm/postgresql';
import { consentStatement, ErrorCode } from '@brieflock/schema';
import { conflict, DomainError, forbidden } from '../../errors.js';
import type { Viewer } from '../accounts/sessions.js';
import type { ProposalRow } from '../proposals/proposals.rows.js';
import type { ContractVersionRow } from './contract.rows.js';
import { isSignerRole, versionProposalFor } from './contract.policy.js';

type VersionRow = Pick<ContractVersionRow, 'id' | 'number' | 'status' | 'content_hash'> & Pick<ProposalRow, 'title'>;

export interface SignableVersion {
  proposalId: string;
  version: VersionRow;
  /** The signer's address and when it was proven (null only for a signature that exists already). */
  signerAddress: { email: string; verifiedAt: Date | null };
  /** The statement this signer agrees to by signing (schema's `consentStatement`). */
  statement: string;
  /** The signer's earlier signature of this version, if any. */
  existingSignatureId: string | null;
}

/**
 * What signing a version needs, checked in the order the answers are promised: a
 * participant (NOT_FOUND otherwise), a signer role and a required signer (FORBIDDEN).
 * With `lock`, the proposal row is locked first, as a freeze does, so a freeze and a
 * signature cannot interleave. Status is the caller's to check (signing again returns
 * the existing signature whatever the status).
 */
export async function signableVersion(
  em: EntityManager,
  viewer: Viewer,
  versionId: string,
  {
    lock,
    proven = true,
  }: { lock: boolean /** The signer's address must be proven (false: declining). */; proven?: boolean },
): Promise<SignableVersion> {
  const signerId = viewer.user.id;
  const { proposalId, role } = await versionProposalFor(em, versionId, signerId);
  if (!isSignerRole(role))
    throw forbidden('Viewers cannot sign; only the clients and freelancers of the version sign it.');
  if (lock) await em.execute('select "id" from "proposals" where "id" = ? for update', [proposalId]);
  const [version] = await em.execute<VersionRow[]>(
    `select v."id", v."number", v."status", v."content_hash", p."title"
       from "contract_versions" v join "proposals" p on p."id" = v."proposal_id"
      where v."id" = ?`,
    [versionId],
  );
  const [required] = await em.execute<{ id: string }[]>(
    'select "id" from "version_signers" where "version_id" = ? and "user_id" = ?',
    [versionId, signerId],
  );
  if (!required)
    throw forbidden(
      `You were not a party to this proposal when version ${version!.number} was frozen, so you do not sign it.`,
    );
  const [existing] = await em.execute<{ id: string }[]>(
    'select "id" from "signatures" where "version_id" = ? and "signer_id" = ?',
    [versionId, signerId],
  );
  // A signature binds the person an address reaches: that address must be proven first.
  const [signer] = await em.execute<{ email: string; email_verified_at: Date | null }[]>(
    'select "email", "email_verified_at" from "users" where "id" = ?',
    [signerId],
  );
  if (proven && !existing && !signer?.email_verified_at)
    throw new DomainError(
      ErrorCode.FORBIDDEN,
      'Confirm your e-mail address before signing: follow the link e-mailed to you, or send a new one from your account page.',
      { reason: 'EMAIL_NOT_VERIFIED' },
    );
  return {
    proposalId,
    version: version!,
    statement: consentStatement({
      signerName: viewer.user.name,
      proposalTitle: version!.title,
      versionNumber: version!.number,
      contentHash: version!.content_hash,
    }),
    existingSignatureId: existing?.id ?? null,
    signerAddress: { email: signer!.email, verifiedAt: signer!.email_verified_at },
  };
}

/** CONFLICT unless the version still awaits signatures. */
export function assertAwaitingSignatures(version: VersionRow): void {
  if (version.status === 'SUPERSEDED') {
    throw conflict(`Version ${version.number} was superseded by a newer version and can no longer be signed.`, {
      status: version.status,
    });
  }
  if (version.status !== 'AWAITING_SIGNATURES') {
    throw conflict(`Version ${version.number} no longer awaits signatures.`, { status: version.status });
  }
}

/**
 * The group whose turn it is to sign: the lowest signing group with a signer who has not
 * signed; null when the version has no signing order (or everyone in it has signed).
 */
export async function currentSigningGroup(em: EntityManager, versionId: string): Promise<number | null> {
  const [row] = await em.execute<{ group: number | null }[]>(
    `select min(vs."signing_group") as "group" from "version_signers" vs
      where vs."version_id" = ?
        and not exists (select 1 from "signatures" s where s."version_id" = vs."version_id" and s."signer_id" = vs."user_id")`,
    [versionId],
  );
  return row?.group ?? null;
}

/** CONFLICT (reason OUT_OF_TURN) unless the signer's group is the one whose turn it is. */
export async function assertSignersTurn(em: EntityManager, versionId: string, signerId: string): Promise<void> {
  const [signer] = await em.execute<{ signing_group: number | null }[]>(
    'select "signing_group" from "version_signers" where "version_id" = ? and "user_id" = ?',
    [versionId, signerId],
  );
  if (signer?.signing_group == null) return;
  const group = await currentSigningGroup(em, versionId);
  if (group !== null && signer.signing_group !== group)
    throw conflict(
      `It is not your turn to sign yet: signing group ${group + 1} signs first. You will be notified when your turn comes.`,
      { reason: 'OUT_OF_TURN', group },
    );
}
