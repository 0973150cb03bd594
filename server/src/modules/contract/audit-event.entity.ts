import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { User } from '../accounts/user.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ContractVersion } from './contract-version.entity.js';

/**
 * The append-only audit trail of a proposal's contract: freezes, supersessions,
 * signatures and executions, hash-chained per proposal. The database refuses changes.
 */
@Entity({ tableName: 'audit_events' })
@Index({ properties: ['proposal', 'id'] })
@Unique({ properties: ['proposal', 'sequence'] })
export class AuditEvent {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Proposal, { ref: true })
  proposal!: Ref<Proposal>;

  /** 1, 2, 3, … per proposal, without gaps. */
  @Property({ type: 'integer' })
  sequence!: number;

  @Property({ type: 'string', length: 40 })
  kind!: string;

  @ManyToOne(() => User, { ref: true, nullable: true })
  actor: Ref<User> | null = null;

  @ManyToOne(() => ContractVersion, { ref: true, nullable: true })
  version: Ref<ContractVersion> | null = null;

  @Property({ type: 'json', nullable: true })
  data: unknown = null;

  @Property({ type: 'timestamptz' })
  at!: Date;

  @Property({ type: 'string', length: 64, nullable: true })
  previousHash: string | null = null;

  @Property({ type: 'string', length: 64 })
  hash!: string;

  /** The server's key id and Ed25519 signature over this record (see schema/src/server-signature.ts). */
  @Property({ type: 'string', length: 32, nullable: true })
  serverKeyId: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  serverSignature: string | null = null;
}
