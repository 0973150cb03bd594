import DataLoader from 'dataloader';
import type { ParticipantRole } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { JoinedUsers } from '../accounts/accounts.loaders.js';
import { groupBy, type IdRef, placeholders } from '../read-model.js';
import { Proposal } from './proposal.entity.js';
import type { ParticipantRow } from './proposals.rows.js';

export interface ParticipantView {
  id: string;
  proposal: IdRef;
  /** Null while this is a pending invitation. */
  user: IdRef | null;
  invitedEmail: string | null;
  role: ParticipantRole;
}

export interface ProposalsLoaders {
  proposalById: DataLoader<string, Proposal | undefined>;
  participantsByProposal: DataLoader<string, ParticipantView[]>;
}

/** The proposals' batch loaders for one request; participants' users are read in the same statement. */
export function createProposalsLoaders(em: EntityManager, users: JoinedUsers): ProposalsLoaders {
  return {
    proposalById: new DataLoader(async (ids) => {
      const proposals = await em.find(Proposal, { id: { $in: [...ids] } });
      const byId = new Map(proposals.map((proposal) => [proposal.id, proposal]));
      return ids.map((id) => byId.get(id));
    }),
    participantsByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.execute<
        Pick<ParticipantRow, 'id' | 'proposal_id' | 'user_id' | 'invited_email' | 'role'>[]
      >(
        `select p."id", p."proposal_id", p."user_id", p."invited_email", p."role", ${users.columns('u', 'user')}
           from "participants" p left join "users" u on u."id" = p."user_id"
          where p."proposal_id" in (${placeholders(proposalIds)})
          order by p."created_at", p."id"`,
        [...proposalIds],
      );
      const participants = rows.map((row): ParticipantView => {
        if (row.user_id) users.remember(row, row.user_id, 'user');
        return {
          id: row.id,
          proposal: { id: row.proposal_id },
          user: row.user_id ? { id: row.user_id } : null,
          invitedEmail: row.invited_email,
          role: row.role,
        };
      });
      return groupBy(proposalIds, participants, (participant) => participant.proposal.id);
    }),
  };
}
