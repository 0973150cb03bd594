import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../modules/accounts/user.entity.js';
import { Participant } from '../modules/proposals/participant.entity.js';

/** Batch loaders, one set per request, so list fields cost one query per level. */
export interface Loaders {
  userById: DataLoader<string, User | undefined>;
  participantsByProposal: DataLoader<string, Participant[]>;
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    userById: new DataLoader(async (ids) => {
      const users = await em.find(User, { id: { $in: [...ids] } });
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id));
    }),
    participantsByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.find(
        Participant,
        { proposal: { $in: [...proposalIds] } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
      const byProposal = new Map<string, Participant[]>(proposalIds.map((id) => [id, []]));
      for (const row of rows) byProposal.get(row.proposal.id)?.push(row);
      return proposalIds.map((id) => byProposal.get(id) ?? []);
    }),
  };
}
