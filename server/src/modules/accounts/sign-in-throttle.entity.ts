import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/**
 * Failed sign-ins counted under one key: an address tried from one client
 * (`pair:<ip> <email>`), one client across addresses (`ip:<ip>`), or one address from
 * everywhere (`email:<email>`). Kept in PostgreSQL so every instance throttles alike.
 */
@Entity({ tableName: 'sign_in_throttles' })
export class SignInThrottle {
  @PrimaryKey({ type: 'string', length: 400 })
  key!: string;

  @Property({ type: 'integer' })
  failures!: number;

  @Property({ type: 'timestamptz' })
  lastFailureAt!: Date;

  /** Attempts under this key are refused until then. */
  @Property({ type: 'timestamptz', nullable: true })
  blockedUntil: Date | null = null;
}
