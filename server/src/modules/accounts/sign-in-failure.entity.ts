import { Entity, PrimaryKey, Property } from '@mikro-orm/core';

/** Failed sign-ins per normalised e-mail, for throttling password guessing. */
@Entity({ tableName: 'sign_in_failures' })
export class SignInFailure {
  @PrimaryKey({ type: 'string', length: 254 })
  email!: string;

  @Property({ type: 'integer' })
  failures!: number;

  @Property({ type: 'timestamptz' })
  windowStartedAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null = null;
}
