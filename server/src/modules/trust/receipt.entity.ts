import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Proposal } from '../proposals/proposal.entity.js';

/**
 * A receipt the server issued: its signed statement that a proposal's audit chain had
 * `length` rows ending in `headHash`. Kept so a party can download it again; a party who
 * keeps a copy can later prove any deletion or rollback behind it.
 */
@Entity({ tableName: 'receipts' })
@Index({ properties: ['proposal', 'id'] })
export class ReceiptRecord {
  @PrimaryKey({ type: 'bigint', autoincrement: true })
  id!: string;

  @ManyToOne(() => Proposal, { ref: true })
  proposal!: Ref<Proposal>;

  @Property({ type: 'string', length: 64 })
  headHash!: string;

  @Property({ type: 'integer' })
  length!: number;

  @Property({ type: 'timestamptz' })
  issuedAt!: Date;

  @Property({ type: 'string', length: 32 })
  keyId!: string;

  @Property({ type: 'string', length: 128 })
  signature!: string;
}

/** A signing key this server has used, and since when (informational: trust comes from the configuration). */
@Entity({ tableName: 'server_keys' })
export class ServerKeyRecord {
  @PrimaryKey({ type: 'string', length: 32 })
  keyId!: string;

  @Property({ type: 'string', length: 64 })
  publicKey!: string;

  @Property({ type: 'timestamptz', defaultRaw: 'now()' })
  createdAt!: Date;
}
