import { LockMode, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { conflict, forbidden } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { User } from '../accounts/user.entity.js';
import { CreateProposalSchema } from './proposal.inputs.js';
import { Proposal } from './proposal.entity.js';
import { assertParticipant, proposalNotFound } from './proposal.policy.js';

const onlyClients = (what: string) => forbidden(`Only a client of this proposal can ${what} it.`);

/**
 * The proposal, locked, when `actor` is one of its clients: NOT_FOUND for outsiders,
 * FORBIDDEN for freelancers and viewers.
 */
async function lockAsClient(tx: EntityManager, proposalId: string, actor: User, what: string): Promise<Proposal> {
  const role = await assertParticipant(tx, proposalId, actor.id);
  if (role !== 'CLIENT') throw onlyClients(what);
  const proposal = await tx.findOne(Proposal, proposalId, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!proposal) throw proposalNotFound();
  return proposal;
}

const RenameSchema = z.object({ proposalId: z.string(), title: CreateProposalSchema.shape.title });

/** A proposal after a change, and whether anything changed (only then do participants hear of it). */
export interface ProposalChange {
  proposal: Proposal;
  changed: boolean;
}

/**
 * Gives a proposal a new title (CLIENT only). Frozen versions keep the title they were
 * frozen under. The title it already has changes nothing.
 */
export async function renameProposal(
  em: EntityManager,
  actor: User,
  input: { proposalId: string; title: string },
): Promise<ProposalChange> {
  const { proposalId, title } = parseInput(RenameSchema, input);
  return em.transactional(async (tx) => {
    const proposal = await lockAsClient(tx, proposalId, actor, 'rename');
    if (proposal.title === title) return { proposal, changed: false };
    proposal.title = title;
    await tx.flush();
    return { proposal, changed: true };
  });
}

/**
 * Archives a proposal or restores it from the archive (CLIENT only): an archived one
 * leaves every participant's default list and stays readable. Asking for the state it
 * is already in changes nothing.
 */
export async function setProposalArchived(
  em: EntityManager,
  actor: User,
  proposalId: string,
  archived: boolean,
): Promise<ProposalChange> {
  return em.transactional(async (tx) => {
    const proposal = await lockAsClient(tx, proposalId, actor, archived ? 'archive' : 'restore');
    if (archived === (proposal.archivedAt !== null)) return { proposal, changed: false };
    proposal.archivedAt = archived ? new Date() : null;
    await tx.flush();
    return { proposal, changed: true };
  });
}

/**
 * Deletes a draft that was never frozen (CLIENT only), with its brief, participants,
 * comments and suggestions. A proposal with any contract version is refused (CONFLICT):
 * frozen and signed records are kept for good, and so is a receipt once issued. The
 * caller closes the proposal's sockets after the commit.
 */
export async function deleteProposal(em: EntityManager, actor: User, proposalId: string): Promise<string> {
  return em.transactional(async (tx) => {
    const proposal = await lockAsClient(tx, proposalId, actor, 'delete');
    const [kept] = await tx.execute<{ versions: number; receipts: number }[]>(
      `select (select count(*) from "contract_versions" where "proposal_id" = ?)::int as "versions",
              (select count(*) from "receipts" where "proposal_id" = ?)::int as "receipts"`,
      [proposal.id, proposal.id],
    );
    if ((kept?.versions ?? 0) > 0)
      throw conflict('This proposal has frozen versions, which are kept for good. Archive it instead.');
    if ((kept?.receipts ?? 0) > 0)
      throw conflict('A receipt was issued for this proposal, so its records are kept. Archive it instead.');
    await tx.execute('delete from "proposals" where "id" = ?', [proposal.id]);
    return proposal.id;
  });
}
