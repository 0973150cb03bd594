import { randomUUID } from 'node:crypto';
import { Check, Entity, Index, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../id.scalar.js';

/**
 * A person. An address belongs to an account only once proven (`emailVerifiedAt`): any
 * number of accounts may claim an address, at most one holds it proven. Signing up never
 * reveals whether an address is taken, and claims nothing (see README, Security).
 */
@ObjectType({ description: 'A person who can take part in proposals.', simpleResolvers: true })
@Entity({ tableName: 'users' })
@Check({ name: 'users_email_normalised', expression: '"email" = lower(btrim("email"))' })
@Index({
  name: 'users_verified_email_unique',
  expression:
    'create unique index "users_verified_email_unique" on "users" ("email") where "email_verified_at" is not null',
})
@Index({ name: 'users_email_index', properties: ['email'] })
export class User {
  [OptionalProps]?: 'createdAt' | 'passwordHash' | 'pending' | 'emailVerifiedAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Normalised (trimmed, lower case); unique among proven addresses only. */
  @Field(() => String)
  @Property({ type: 'string', length: 254 })
  email!: string;

  /** When the account proved it holds `email` (e.g. by accepting an invitation sent to it). */
  @Property({ type: 'timestamptz', nullable: true })
  emailVerifiedAt: Date | null = null;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  /** argon2id PHC string; null only for accounts made before invitations named addresses. */
  @Property({ type: 'string', nullable: true, lazy: true })
  passwordHash: string | null = null;

  @Field(() => Boolean, {
    description: 'True only where a pending invitation stands for its address (`Participant.user`).',
  })
  @Property({ type: 'boolean' })
  pending: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
