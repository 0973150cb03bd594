import { randomUUID } from 'node:crypto';
import { Check, Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../id.scalar.js';

/**
 * A person. An e-mail invited to a proposal before it has an account is a user
 * without a password (`pending`); signing up with that e-mail claims it.
 */
@ObjectType({ description: 'A person who can take part in proposals.' })
@Entity({ tableName: 'users' })
@Check({ name: 'users_email_normalised', expression: '"email" = lower(btrim("email"))' })
export class User {
  [OptionalProps]?: 'createdAt' | 'passwordHash' | 'pending';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** Normalised (trimmed, lower case); unique. */
  @Field(() => String)
  @Property({ type: 'string', length: 254, unique: true })
  email!: string;

  @Field(() => String)
  @Property({ type: 'string', length: 120 })
  name!: string;

  /** argon2id PHC string; null while the user is only invited. */
  @Property({ type: 'string', nullable: true, lazy: true })
  passwordHash: string | null = null;

  @Field(() => Boolean, { description: 'True while this is an invited e-mail that has not signed up yet.' })
  @Property({ type: 'boolean' })
  pending: boolean = false;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
