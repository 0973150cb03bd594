import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';
import { ContractVersion } from './contract-version.entity.js';

/** A signer's sign-off of one version, by its content hash. Immutable once written. */
@ObjectType({ description: "A required signer's sign-off of one version's exact content." })
@Entity({ tableName: 'signatures' })
@Unique({ properties: ['version', 'signer'] })
export class Signature {
  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => ContractVersion, { ref: true })
  version!: Ref<ContractVersion>;

  @Index()
  @ManyToOne(() => User, { ref: true })
  signer!: Ref<User>;

  @Field(() => String, { description: 'The content hash the signer reviewed; always the version’s.' })
  @Property({ type: 'string', length: 64 })
  contentHash!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  signedAt!: Date;

  /** GraphQL: CLIENT and FREELANCER only (SignatureResolver). */
  @Property({ type: 'string', length: 64, nullable: true })
  ip: string | null = null;

  /** GraphQL: CLIENT and FREELANCER only (SignatureResolver). */
  @Property({ type: 'string', length: 512, nullable: true })
  userAgent: string | null = null;

  @Field(() => String, { description: 'How the signer authenticated, e.g. password.' })
  @Property({ type: 'string', length: 32 })
  authMethod!: string;

  @Field(() => String, { description: 'The consent statement the signer was shown and agreed to.' })
  @Property({ type: 'text' })
  consentStatement!: string;

  @Field(() => String, { description: 'SHA-256 over every field of this signature.' })
  @Property({ type: 'string', length: 64 })
  recordHash!: string;
}
