import type { EntityManager } from '@mikro-orm/postgresql';
import { parseInput } from '../../validation.js';
import type { User } from '../accounts/user.entity.js';
import { CreateProposalSchema, type CreateProposalInput } from './proposal.inputs.js';
import { Participant } from './participant.entity.js';
import { Proposal } from './proposal.entity.js';

/** Creates a proposal; its creator joins as CLIENT in the same transaction. */
export async function createProposal(em: EntityManager, creator: User, input: CreateProposalInput): Promise<Proposal> {
  const { title } = parseInput(CreateProposalSchema, input);
  return em.transactional(async (tx) => {
    const proposal = tx.create(Proposal, { title, createdBy: creator });
    tx.create(Participant, { proposal, user: creator, role: 'CLIENT' });
    await tx.flush();
    return proposal;
  });
}
