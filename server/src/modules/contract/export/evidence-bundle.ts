import type { EntityManager } from '@mikro-orm/postgresql';
import { EVIDENCE_FORMAT, EVIDENCE_FORMAT_VERSION, type EvidenceBundle } from '@brieflock/schema';
import type { ServerKeys } from '../../trust/server-keys.js';
import { currentReceipt } from '../../trust/receipts.js';
import { isSignerRole, versionProposalFor } from '../contract.policy.js';
import { checkedRecordsOf, loadContractRecords, rowsThrough } from '../verify-proposal.js';

/**
 * The evidence bundle of a version, for a participant of its proposal (NOT_FOUND
 * otherwise): the same records `verifyProposal` checks, with the version's content, the
 * server's public keys and a receipt for the audit chain as it is now. Other versions
 * travel as their records (hashes, links, seals) without their content. Viewers get the
 * signatures without IP address and user agent, as everywhere else.
 */
export async function loadEvidenceBundle(
  em: EntityManager,
  keys: ServerKeys,
  versionId: string,
  userId: string,
): Promise<EvidenceBundle> {
  const { proposalId, role } = await versionProposalFor(em, versionId, userId);
  const party = isSignerRole(role);
  const records = checkedRecordsOf(await loadContractRecords(rowsThrough(em), proposalId));
  const [proposal] = await em.execute<{ title: string }[]>('select "title" from "proposals" where "id" = ?', [
    proposalId,
  ]);
  const receipt = await currentReceipt(em, keys, proposalId);
  // Everyone the records name: who froze, who had to sign, who acted in the audit trail.
  const people = await em.execute<{ id: string; name: string }[]>(
    `select u."id", u."name" from "users" u where u."id" in (
       select v."frozen_by_id" from "contract_versions" v where v."proposal_id" = ?
       union select vs."user_id" from "version_signers" vs join "contract_versions" v on v."id" = vs."version_id" where v."proposal_id" = ?
       union select a."actor_id" from "audit_events" a where a."proposal_id" = ?)
     order by u."name", u."id"`,
    [proposalId, proposalId, proposalId],
  );
  return {
    format: EVIDENCE_FORMAT,
    formatVersion: EVIDENCE_FORMAT_VERSION,
    exportedAt: new Date().toISOString(),
    proposal: { id: proposalId, title: proposal?.title ?? '' },
    versionId,
    versions: records.versions.map((version) =>
      version.id === versionId ? version : { ...version, contentJson: undefined },
    ),
    signatures: records.signatures.map((signature) =>
      party ? signature : { ...signature, ip: null, userAgent: null, withheld: true },
    ),
    audit: records.audit,
    people: people.map(({ id, name }) => ({ id, name })),
    keys: keys.published(),
    receipt,
  };
}
