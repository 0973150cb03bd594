import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import {
  PARTICIPANT_ROLES,
  VERSION_STATUSES,
  type ParticipantRole,
  type TypedBriefContent,
  type VersionStatus,
} from '@brieflock/schema';
import { Field, Int, ObjectType, registerEnumType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';

export const VersionStatusEnum = Object.fromEntries(VERSION_STATUSES.map((status) => [status, status])) as {
  [S in VersionStatus]: S;
};
registerEnumType(VersionStatusEnum, {
  name: 'VersionStatus',
  description:
    'AWAITING_SIGNATURES until every required signer signed (SIGNED), or until a newer version is frozen (SUPERSEDED).',
});

/**
 * A frozen, numbered, hash-chained version of a proposal's brief. Immutable: the
 * database refuses any change except the one status step out of AWAITING_SIGNATURES,
 * and refuses deletes.
 */
@ObjectType({
  description: 'An immutable, numbered contract version of the brief, chained to the one before it.',
  simpleResolvers: true,
})
@Entity({ tableName: 'contract_versions' })
@Unique({ properties: ['proposal', 'number'] })
/** What the reminder sweep reads: only the versions still open for signatures. */
@Index({
  name: 'contract_versions_awaiting_index',
  expression: `create index "contract_versions_awaiting_index" on "contract_versions" ("frozen_at") where "status" = 'AWAITING_SIGNATURES'`,
})
export class ContractVersion {
  [OptionalProps]?: 'statusChangedAt' | 'status';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { ref: true })
  proposal!: Ref<Proposal>;

  @Field(() => Int, { description: '1, 2, 3, … per proposal, without gaps.' })
  @Property({ type: 'integer' })
  number!: number;

  @Field(() => VersionStatusEnum)
  @Enum({ items: () => [...VERSION_STATUSES], nativeEnumName: 'version_status' })
  status: VersionStatus = 'AWAITING_SIGNATURES';

  @Field(() => String, { description: 'Lowercase hex SHA-256 of the RFC 8785 canonical JSON of contentJson.' })
  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  /** The frozen brief, keyed by section. Lazy: lists of versions do not carry every brief (GraphQL loads it in batches). */
  @Property({ type: 'json', lazy: true })
  contentJson!: TypedBriefContent;

  /** The live document's Yjs state at the moment of freezing. */
  @Property({ type: 'blob', lazy: true })
  yjsState!: Buffer;

  @Field(() => String, { nullable: true, description: "The previous version's chain hash; null for version 1." })
  @Property({ type: 'string', length: 64, nullable: true })
  previousHash: string | null = null;

  @Field(() => String, { description: 'SHA-256 over this version’s record and the previous chain hash.' })
  @Property({ type: 'string', length: 64, unique: true })
  chainHash!: string;

  @Field(() => String, { nullable: true })
  @Property({ type: 'text', nullable: true })
  note: string | null = null;

  @ManyToOne(() => User, { ref: true })
  frozenBy!: Ref<User>;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  frozenAt!: Date;

  /** When the status left AWAITING_SIGNATURES. */
  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  statusChangedAt: Date | null = null;

  /** The server's key id and Ed25519 signature over this record (see schema/src/server-signature.ts). */
  @Property({ type: 'string', length: 32, nullable: true })
  serverKeyId: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  serverSignature: string | null = null;

  /** Who declined it (status DECLINED), and why. */
  @ManyToOne(() => User, { ref: true, nullable: true })
  declinedBy: Ref<User> | null = null;

  @Property({ type: 'text', nullable: true })
  declineReason: string | null = null;

  /** The version in force this one amends: a change order. */
  @ManyToOne(() => ContractVersion, { ref: true, nullable: true })
  amends: Ref<ContractVersion> | null = null;
}

/** One person who must sign a version: every CLIENT and FREELANCER at the moment it was frozen. */
@Entity({ tableName: 'version_signers' })
@Unique({ properties: ['version', 'user'] })
export class VersionSigner {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ContractVersion, { ref: true })
  version!: Ref<ContractVersion>;

  @Index()
  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  @Enum({ items: () => [...PARTICIPANT_ROLES], nativeEnumName: 'participant_role' })
  role!: ParticipantRole;

  /** 0-based group of the version's signing order; null when the signers may sign in any order. */
  @Property({ type: 'integer', nullable: true })
  signingGroup: number | null = null;
}
