import DataLoader from 'dataloader';
import type { ParticipantRole, TypedBriefContent, VersionStatus } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Proposal } from '../modules/proposals/proposal.entity.js';

/*
 * Read models. List fields read plain rows into these small objects instead of entities:
 * hydrating hundreds of entities and registering them in the identity map cost several
 * times the query itself. Each has the fields GraphQL shows and references as `{ id }`,
 * the same shape as an entity's `Ref`, so a resolver accepts a read model and an entity
 * alike (mutations and single lookups still return entities).
 */

export interface IdRef {
  id: string;
}

/** A user as GraphQL shows it. */
export interface UserView {
  id: string;
  email: string;
  name: string;
  pending: boolean;
}

export interface ParticipantView {
  id: string;
  proposal: IdRef;
  user: IdRef;
  role: ParticipantRole;
}

/** A contract version without its frozen brief and Yjs state (loaded apart, when asked for). */
export interface VersionView {
  id: string;
  proposal: IdRef;
  number: number;
  status: VersionStatus;
  contentHash: string;
  previousHash: string | null;
  chainHash: string;
  note: string | null;
  frozenBy: IdRef;
  frozenAt: Date;
  statusChangedAt: Date | null;
}

export interface SignatureView {
  id: string;
  version: IdRef;
  signer: IdRef;
  contentHash: string;
  signedAt: Date;
  ip: string | null;
  userAgent: string | null;
  authMethod: string;
  consentStatement: string;
  recordHash: string;
}

/** A required signer of a version. */
export interface SignerView {
  version: IdRef;
  user: IdRef;
  role: ParticipantRole;
}

/** Batch loaders, one set per request, so list fields cost one query per level. */
export interface Loaders {
  userById: DataLoader<string, UserView | undefined>;
  /**
   * A user by id: at once when this request has read them already (through `userById` or
   * joined into a list), so a field that shows a user settles no promise; else batched.
   */
  user(id: string): UserView | Promise<UserView>;
  proposalById: DataLoader<string, Proposal | undefined>;
  participantsByProposal: DataLoader<string, ParticipantView[]>;
  versionsByProposal: DataLoader<string, VersionView[]>;
  signaturesByVersion: DataLoader<string, SignatureView[]>;
  signersByVersion: DataLoader<string, SignerView[]>;
  /** A version's frozen brief (a lazy column, loaded only when asked for). */
  contentByVersion: DataLoader<string, TypedBriefContent>;
}

/** Groups rows by a key, in the order of `keys`. */
function groupBy<K, R>(keys: readonly K[], rows: R[], keyOf: (row: R) => K): R[][] {
  const byKey = new Map<K, R[]>(keys.map((key) => [key, []]));
  for (const row of rows) byKey.get(keyOf(row))?.push(row);
  return keys.map((key) => byKey.get(key) ?? []);
}

const placeholders = (values: readonly unknown[]): string => values.map(() => '?').join(', ');

/** The driver returns timestamps as text; GraphQL serialises dates. */
const dateOf = (value: string | Date): Date => (value instanceof Date ? value : new Date(value));

/** The columns of a joined user, under `prefix`, as every list below selects them. */
const userColumns = (table: string, prefix: string) =>
  `${table}."email" as "${prefix}_email", ${table}."name" as "${prefix}_name", ${table}."pending" as "${prefix}_pending"`;

interface JoinedUserRow {
  [column: string]: unknown;
}

export function createLoaders(em: EntityManager): Loaders {
  /** Every user read in this request, by id. */
  const known = new Map<string, UserView>();
  const userById = new DataLoader<string, UserView | undefined>(async (ids) => {
    const rows = await em.execute<UserView[]>(
      `select "id", "email", "name", "pending" from "users" where "id" in (${placeholders(ids)})`,
      [...ids],
    );
    for (const row of rows)
      if (!known.has(row.id)) known.set(row.id, { id: row.id, email: row.email, name: row.name, pending: row.pending });
    return ids.map((id) => known.get(id));
  });

  /**
   * The lists below read each row's user in the same statement (a join), so resolving
   * those users costs no further query.
   */
  const knowUser = (row: JoinedUserRow, id: string, prefix: string): void => {
    if (known.has(id)) return;
    const user: UserView = {
      id,
      email: row[`${prefix}_email`] as string,
      name: row[`${prefix}_name`] as string,
      pending: row[`${prefix}_pending`] as boolean,
    };
    known.set(id, user);
    userById.prime(id, user);
  };

  return {
    userById,
    user: (id) =>
      known.get(id) ??
      userById.load(id).then((user) => {
        if (!user) throw new Error(`user ${id} does not exist`);
        return user;
      }),
    proposalById: new DataLoader(async (ids) => {
      const proposals = await em.find(Proposal, { id: { $in: [...ids] } });
      const byId = new Map(proposals.map((proposal) => [proposal.id, proposal]));
      return ids.map((id) => byId.get(id));
    }),
    participantsByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.execute<{ id: string; proposal_id: string; user_id: string; role: ParticipantRole }[]>(
        `select p."id", p."proposal_id", p."user_id", p."role", ${userColumns('u', 'user')}
           from "participants" p join "users" u on u."id" = p."user_id"
          where p."proposal_id" in (${placeholders(proposalIds)})
          order by p."created_at", p."id"`,
        [...proposalIds],
      );
      const participants = rows.map((row): ParticipantView => {
        knowUser(row, row.user_id, 'user');
        return { id: row.id, proposal: { id: row.proposal_id }, user: { id: row.user_id }, role: row.role };
      });
      return groupBy(proposalIds, participants, (participant) => participant.proposal.id);
    }),
    versionsByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.execute<
        {
          id: string;
          proposal_id: string;
          number: number;
          status: VersionStatus;
          content_hash: string;
          previous_hash: string | null;
          chain_hash: string;
          note: string | null;
          frozen_by_id: string;
          frozen_at: string;
          status_changed_at: string | null;
        }[]
      >(
        `select v."id", v."proposal_id", v."number", v."status", v."content_hash", v."previous_hash", v."chain_hash", v."note",
                v."frozen_by_id", v."frozen_at", v."status_changed_at", ${userColumns('u', 'frozen_by')}
           from "contract_versions" v join "users" u on u."id" = v."frozen_by_id"
          where v."proposal_id" in (${placeholders(proposalIds)})
          order by v."number" desc`,
        [...proposalIds],
      );
      const versions = rows.map((row): VersionView => {
        knowUser(row, row.frozen_by_id, 'frozen_by');
        return {
          id: row.id,
          proposal: { id: row.proposal_id },
          number: row.number,
          status: row.status,
          contentHash: row.content_hash,
          previousHash: row.previous_hash,
          chainHash: row.chain_hash,
          note: row.note,
          frozenBy: { id: row.frozen_by_id },
          frozenAt: dateOf(row.frozen_at),
          statusChangedAt: row.status_changed_at === null ? null : dateOf(row.status_changed_at),
        };
      });
      return groupBy(proposalIds, versions, (version) => version.proposal.id);
    }),
    signaturesByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<
        {
          id: string;
          version_id: string;
          signer_id: string;
          content_hash: string;
          signed_at: string;
          ip: string | null;
          user_agent: string | null;
          auth_method: string;
          consent_statement: string;
          record_hash: string;
        }[]
      >(
        `select s."id", s."version_id", s."signer_id", s."content_hash", s."signed_at", s."ip", s."user_agent", s."auth_method",
                s."consent_statement", s."record_hash", ${userColumns('u', 'signer')}
           from "signatures" s join "users" u on u."id" = s."signer_id"
          where s."version_id" in (${placeholders(versionIds)})
          order by s."signed_at", s."id"`,
        [...versionIds],
      );
      const signatures = rows.map((row): SignatureView => {
        knowUser(row, row.signer_id, 'signer');
        return {
          id: row.id,
          version: { id: row.version_id },
          signer: { id: row.signer_id },
          contentHash: row.content_hash,
          signedAt: dateOf(row.signed_at),
          ip: row.ip,
          userAgent: row.user_agent,
          authMethod: row.auth_method,
          consentStatement: row.consent_statement,
          recordHash: row.record_hash,
        };
      });
      return groupBy(versionIds, signatures, (signature) => signature.version.id);
    }),
    signersByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<{ version_id: string; user_id: string; role: ParticipantRole }[]>(
        `select vs."version_id", vs."user_id", vs."role", ${userColumns('u', 'user')}
           from "version_signers" vs join "users" u on u."id" = vs."user_id"
          where vs."version_id" in (${placeholders(versionIds)})
          order by vs."role", vs."id"`,
        [...versionIds],
      );
      const signers = rows.map((row): SignerView => {
        knowUser(row, row.user_id, 'user');
        return { version: { id: row.version_id }, user: { id: row.user_id }, role: row.role };
      });
      return groupBy(versionIds, signers, (signer) => signer.version.id);
    }),
    contentByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<{ id: string; content_json: TypedBriefContent | string }[]>(
        `select "id", "content_json" from "contract_versions" where "id" in (${placeholders(versionIds)})`,
        [...versionIds],
      );
      const byId = new Map(
        rows.map((row) => [
          row.id,
          typeof row.content_json === 'string' ? (JSON.parse(row.content_json) as TypedBriefContent) : row.content_json,
        ]),
      );
      return versionIds.map((id) => byId.get(id) ?? new Error(`contract version ${id} has no content`));
    }),
  };
}
