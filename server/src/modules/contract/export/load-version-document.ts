import type { EntityManager } from '@mikro-orm/postgresql';
import type { TypedBriefContent } from '@brieflock/schema';
import type { UserRow } from '../../accounts/accounts.rows.js';
import type { ProposalRow } from '../../proposals/proposals.rows.js';
import type { ContractVersionRow, SignatureRow, VersionSignerRow } from '../contract.rows.js';
import { isSignerRole, versionNotFound, versionProposalFor } from '../contract.policy.js';
import type { VersionDocument } from './version-document.js';

/** A version with its proposal's title and who froze it. */
type VersionRow = Pick<
  ContractVersionRow,
  | 'id'
  | 'number'
  | 'status'
  | 'note'
  | 'content_hash'
  | 'chain_hash'
  | 'previous_hash'
  | 'frozen_at'
  | 'content_json'
  | 'proposal_id'
> &
  Pick<ProposalRow, 'title'> & {
    frozen_by_name: string;
    frozen_by_email: string;
    amends_number: number | null;
    amends_chain_hash: string | null;
  };

/** A required signer, and their signature's columns (all null until they sign: a left join). */
type SignerRow = Pick<UserRow, 'name' | 'email'> &
  Pick<VersionSignerRow, 'role'> & {
    [K in 'signed_at' | 'ip' | 'user_agent' | 'auth_method' | 'consent_statement' | 'record_hash']:
      | SignatureRow[K]
      | null;
  };

/** Everything an export of a version shows, for a participant of its proposal; NOT_FOUND otherwise. */
export async function loadVersionDocument(
  em: EntityManager,
  versionId: string,
  userId: string,
): Promise<VersionDocument> {
  const { role } = await versionProposalFor(em, versionId, userId);
  // Where and with what a signer signed is for the parties only; viewers see who and when.
  const party = isSignerRole(role);
  const [row] = await em.execute<VersionRow[]>(
    `select v."id", v."number", v."status", v."note", v."content_hash", v."chain_hash", v."previous_hash", v."frozen_at", v."content_json",
            p."id" as proposal_id, p."title", u."name" as frozen_by_name, u."email" as frozen_by_email,
            a."number" as amends_number, a."chain_hash" as amends_chain_hash
       from "contract_versions" v join "proposals" p on p."id" = v."proposal_id" join "users" u on u."id" = v."frozen_by_id"
       left join "contract_versions" a on a."id" = v."amends_id"
      where v."id" = ?`,
    [versionId],
  );
  if (!row) throw versionNotFound();
  const signers = await em.execute<SignerRow[]>(
    `select u."name", u."email", vs."role", s."signed_at", s."ip", s."user_agent", s."auth_method", s."consent_statement", s."record_hash"
       from "version_signers" vs join "users" u on u."id" = vs."user_id"
       left join "signatures" s on s."version_id" = vs."version_id" and s."signer_id" = vs."user_id"
      where vs."version_id" = ? order by vs."role", u."name", u."id"`,
    [versionId],
  );
  return {
    proposal: { id: row.proposal_id, title: row.title },
    version: {
      id: row.id,
      number: row.number,
      status: row.status,
      note: row.note,
      contentHash: row.content_hash,
      chainHash: row.chain_hash,
      previousHash: row.previous_hash,
      amends:
        row.amends_number === null || row.amends_chain_hash === null
          ? null
          : { number: row.amends_number, chainHash: row.amends_chain_hash },
      frozenAt: new Date(row.frozen_at),
      frozenBy: { name: row.frozen_by_name, email: row.frozen_by_email },
      content:
        typeof row.content_json === 'string' ? (JSON.parse(row.content_json) as TypedBriefContent) : row.content_json,
    },
    signers: signers.map((signer) => ({
      name: signer.name,
      email: signer.email,
      role: signer.role,
      signature:
        signer.signed_at === null
          ? null
          : {
              signedAt: new Date(signer.signed_at),
              ip: party ? signer.ip : null,
              userAgent: party ? signer.user_agent : null,
              partyDetailsWithheld: !party,
              authMethod: signer.auth_method ?? '',
              consentStatement: signer.consent_statement ?? '',
              recordHash: signer.record_hash ?? '',
            },
    })),
    verifyHint: {
      command: `pnpm verify ${row.proposal_id}`,
      graphql: `query { verifyProposal(id: "${row.proposal_id}") { ok firstMismatch { kind id field message } } }`,
    },
  };
}
