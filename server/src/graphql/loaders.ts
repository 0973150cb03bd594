import type { EntityManager } from '@mikro-orm/postgresql';
import { createAccountsLoaders } from '../modules/accounts/accounts.loaders.js';
import type { Loaders } from '../modules/context.js';
import { createCommentsLoaders } from '../modules/comments/comments.loaders.js';
import { createContractLoaders } from '../modules/contract/contract.loaders.js';
import { createEngagementLoaders } from '../modules/engagement/engagement.loaders.js';
import { createProposalsLoaders } from '../modules/proposals/proposals.loaders.js';

/**
 * One request's batch loaders: every domain's, over one unit of work. The users that
 * proposals' and contracts' lists join in land in the accounts' cache, so resolving
 * them costs no further query.
 */
export function createLoaders(em: EntityManager): Loaders {
  const { joined, ...accounts } = createAccountsLoaders(em);
  return {
    ...accounts,
    ...createProposalsLoaders(em, joined),
    ...createContractLoaders(em, joined),
    ...createCommentsLoaders(em, joined),
    ...createEngagementLoaders(em),
  };
}
