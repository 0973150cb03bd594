import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, OptionalProps, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { User } from './user.entity.js';

export type AccountTokenPurpose = 'verify-email' | 'password-reset' | 'unsubscribe';

/**
 * A link token sent by e-mail. Each serves one purpose only; only the SHA-256 of the token
 * is stored, and a used (or voided) token never works again. Unsubscribe links are never
 * marked used: following one again is allowed (see notifications/unsubscribe.ts).
 */
@Entity({ tableName: 'account_tokens' })
@Index({ name: 'account_tokens_user_purpose_index', properties: ['user', 'purpose'] })
export class AccountToken {
  [OptionalProps]?: 'createdAt' | 'usedAt' | 'email' | 'scope';

  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => User, { ref: true, deleteRule: 'cascade' })
  user!: Ref<User>;

  @Property({ type: 'string', length: 24 })
  purpose!: AccountTokenPurpose;

  @Property({ type: 'string', length: 64, unique: true })
  tokenHash!: string;

  /** The address a verification link proves (the account's address when it was sent). */
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  /** What an unsubscribe link turns off: a notification kind, or `digest`. */
  @Property({ type: 'string', length: 32, nullable: true })
  scope: string | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  expiresAt!: Date;

  @Property({ type: 'timestamptz', nullable: true })
  usedAt: Date | null = null;
}
