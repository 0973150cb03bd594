import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';

/**
 * A WebAuthn credential of a user. Its key and owner never change, and removing it only
 * marks it removed: signatures made with it keep pointing at a row that still says whose
 * key it was.
 */
@ObjectType({ description: 'A passkey of the signed-in account.' })
@Entity({ tableName: 'passkeys' })
export class Passkey {
  [OptionalProps]?: 'createdAt' | 'lastUsedAt' | 'removedAt' | 'counter' | 'transports';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Index()
  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  /** The credential ID, base64url, as the authenticator names it. */
  @Property({ type: 'string', length: 1366, unique: true })
  credentialId!: string;

  /** SPKI DER, base64url: what WebCrypto imports to check a signature offline. */
  @Property({ type: 'text' })
  publicKey!: string;

  /** The COSE key as registered, for the WebAuthn library. */
  @Property({ type: 'blob' })
  cosePublicKey!: Buffer;

  /** COSE algorithm (-7 ES256, -8 EdDSA, -257 RS256). */
  @Property({ type: 'integer' })
  algorithm!: number;

  /** The authenticator's signature counter (0 when it keeps none). */
  @Property({ type: 'bigint', default: 0 })
  counter: bigint | number = 0;

  @Property({ type: 'json', default: "'[]'" })
  transports: string[] = [];

  /** `singleDevice` or `multiDevice` (synced). */
  @Property({ type: 'string', length: 16 })
  deviceType!: string;

  @Property({ type: 'boolean' })
  backedUp!: boolean;

  @Field(() => String)
  @Property({ type: 'string', length: 64 })
  name!: string;

  @Field(() => Date)
  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Field(() => Date, { nullable: true })
  @Property({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  removedAt: Date | null = null;
}
