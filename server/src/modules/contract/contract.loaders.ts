import DataLoader from 'dataloader';
import type { ParticipantRole, TypedBriefContent, VersionStatus } from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { JoinedUsers } from '../accounts/accounts.loaders.js';
import { dateOf, groupBy, type IdRef, placeholders } from '../read-model.js';
import type { ContractVersionRow, SignatureRow, VersionSignerRow } from './contract.rows.js';

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
  declinedBy: IdRef | null;
  declineReason: string | null;
  /** The version in force this one amends (a change order); null otherwise. */
  amendsId: string | null;
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
  passkeyId: string | null;
}

/** A required signer of a version. */
export interface SignerView {
  version: IdRef;
  user: IdRef;
  role: ParticipantRole;
  /** 0-based group of the version's signing order; null: any order. */
  signingGroup: number | null;
  /** The SIGN_REMINDER_DAYS index of the last scheduled reminder sent; null: none yet. */
  lastReminderOrdinal: number | null;
  /** When the signer was last reminded, by schedule or by hand. */
  lastRemindedAt: Date | null;
}

export interface ContractLoaders {
  versionsByProposal: DataLoader<string, VersionView[]>;
  signaturesByVersion: DataLoader<string, SignatureView[]>;
  signersByVersion: DataLoader<string, SignerView[]>;
  /** A version's frozen brief (a lazy column, loaded only when asked for). */
  contentByVersion: DataLoader<string, TypedBriefContent>;
  /** A user's role in a version's proposal, keyed `versionId|userId`; null when not a participant. */
  roleByVersion: DataLoader<string, ParticipantRole | null>;
}

type VersionListRow = Omit<ContractVersionRow, 'content_json' | 'yjs_state'>;

/** The contract's batch loaders for one request; the users each list shows are read in the same statement. */
export function createContractLoaders(em: EntityManager, users: JoinedUsers): ContractLoaders {
  return {
    versionsByProposal: new DataLoader(async (proposalIds) => {
      const rows = await em.execute<VersionListRow[]>(
        `select v."id", v."proposal_id", v."number", v."status", v."content_hash", v."previous_hash", v."chain_hash", v."note",
                v."frozen_by_id", v."frozen_at", v."status_changed_at", v."declined_by_id", v."decline_reason", v."amends_id", ${users.columns('u', 'frozen_by')}
           from "contract_versions" v join "users" u on u."id" = v."frozen_by_id"
          where v."proposal_id" in (${placeholders(proposalIds)})
          order by v."number" desc`,
        [...proposalIds],
      );
      const versions = rows.map((row): VersionView => {
        users.remember(row, row.frozen_by_id, 'frozen_by');
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
          declinedBy: row.declined_by_id === null ? null : { id: row.declined_by_id },
          declineReason: row.decline_reason,
          amendsId: row.amends_id,
        };
      });
      return groupBy(proposalIds, versions, (version) => version.proposal.id);
    }),
    signaturesByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<SignatureRow[]>(
        `select s."id", s."version_id", s."signer_id", s."content_hash", s."signed_at", s."ip", s."user_agent", s."auth_method",
                s."consent_statement", s."record_hash", s."passkey_id", ${users.columns('u', 'signer')}
           from "signatures" s join "users" u on u."id" = s."signer_id"
          where s."version_id" in (${placeholders(versionIds)})
          order by s."signed_at", s."id"`,
        [...versionIds],
      );
      const signatures = rows.map((row): SignatureView => {
        users.remember(row, row.signer_id, 'signer');
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
          passkeyId: row.passkey_id,
        };
      });
      return groupBy(versionIds, signatures, (signature) => signature.version.id);
    }),
    signersByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<
        (Pick<VersionSignerRow, 'version_id' | 'user_id' | 'role' | 'signing_group'> & {
          last_ordinal: number | null;
          last_reminded_at: Date | null;
        })[]
      >(
        `select vs."version_id", vs."user_id", vs."role", vs."signing_group", ${users.columns('u', 'user')}, r."last_ordinal", r."last_reminded_at"
           from "version_signers" vs join "users" u on u."id" = vs."user_id"
           left join lateral (select max("ordinal") as "last_ordinal", max("sent_at") as "last_reminded_at"
                                from "sign_reminders" where "version_id" = vs."version_id" and "user_id" = vs."user_id") r on true
          where vs."version_id" in (${placeholders(versionIds)})
          order by vs."role", vs."id"`,
        [...versionIds],
      );
      const signers = rows.map((row): SignerView => {
        users.remember(row, row.user_id, 'user');
        return {
          version: { id: row.version_id },
          user: { id: row.user_id },
          role: row.role,
          signingGroup: row.signing_group,
          lastReminderOrdinal: row.last_ordinal,
          lastRemindedAt: row.last_reminded_at ? new Date(row.last_reminded_at) : null,
        };
      });
      return groupBy(versionIds, signers, (signer) => signer.version.id);
    }),
    contentByVersion: new DataLoader(async (versionIds) => {
      const rows = await em.execute<Pick<ContractVersionRow, 'id' | 'content_json'>[]>(
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
    roleByVersion: new DataLoader(async (keys) => {
      const pairs = keys.map((key) => key.split('|') as [string, string]);
      const rows = await em.execute<{ version_id: string; user_id: string; role: ParticipantRole }[]>(
        `select v."id" as version_id, p."user_id", p."role" from "contract_versions" v
           join "participants" p on p."proposal_id" = v."proposal_id"
          where (v."id", p."user_id") in (${pairs.map(() => '(?, ?)').join(', ')})`,
        pairs.flat(),
      );
      const roles = new Map(rows.map((row) => [`${row.version_id}|${row.user_id}`, row.role]));
      return keys.map((key) => roles.get(key) ?? null);
    }),
  };
}
