import DataLoader from 'dataloader';
import type { TypedBriefContent } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { User } from '../modules/accounts/user.entity.js';
import { ContractVersion, VersionSigner } from '../modules/contract/contract-version.entity.js';
import { Signature } from '../modules/contract/signature.entity.js';
import { Participant } from '../modules/proposals/participant.entity.js';
import { Proposal } from '../modules/proposals/proposal.entity.js';

/** Batch loaders, one set per request, so list fields cost one query per level. */
export interface Loaders {
  userById: DataLoader<string, User | undefined>;
  proposalById: DataLoader<string, Proposal | undefined>;
  participantsByProposal: DataLoader<string, Participant[]>;
  versionsByProposal: DataLoader<string, ContractVersion[]>;
  signaturesByVersion: DataLoader<string, Signature[]>;
  signersByVersion: DataLoader<string, VersionSigner[]>;
  /** A version's frozen brief (a lazy column, loaded only when asked for). */
  contentByVersion: DataLoader<string, TypedBriefContent>;
}

/** Groups rows by a key, in the order of `keys`. */
function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}

export function createLoaders(em: EntityManager): Loaders {
  return {
    userById: new DataLoader(async (ids) => {
      const users = await em.find(User, { id: { $in: [...ids] } });
      const byId = new Map(users.map((user) => [user.id, user]));
      return ids.map((id) => byId.get(id));
    }),
    proposalById: new DataLoader(async (ids) => {
      const proposals = await em.find(Proposal, { id: { $in: [...ids] } });
      const byId = new Map(proposals.map((proposal) => [proposal.id, proposal]));
      return ids.map((id) => byId.get(id));
    }),
    participantsByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.find(Participant, { proposal: { $in: [...proposalIds] } }, { orderBy: { createdAt: 'asc', id: 'asc' } });
      return groupBy(proposalIds, rows, (row) => row.proposal.id);
    }),
    versionsByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.find(ContractVersion, { proposal: { $in: [...proposalIds] } }, { orderBy: { number: 'desc' } });
      return groupBy(proposalIds, rows, (row) => row.proposal.id);
    }),
    signaturesByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.find(Signature, { version: { $in: [...versionIds] } }, { orderBy: { signedAt: 'asc', id: 'asc' } });
      return groupBy(versionIds, rows, (row) => row.version.id);
    }),
    signersByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.find(VersionSigner, { version: { $in: [...versionIds] } }, { orderBy: { role: 'asc', id: 'asc' } });
      return groupBy(versionIds, rows, (row) => row.version.id);
    }),
    contentByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<{ id: string; content_json: TypedBriefContent | string }[]>(
        `select "id", "content_json" from "contract_versions" where "id" in (${versionIds.map(() => '?').join(', ')})`,
        [...versionIds],
      );
      const byId = new Map(rows.map((row) => [row.id, typeof row.content_json === 'string' ? (JSON.parse(row.content_json) as TypedBriefContent) : row.content_json]));
      return versionIds.map((id) => byId.get(id) ?? new Error(`contract version ${id} has no content`));
    }),
  };
}
