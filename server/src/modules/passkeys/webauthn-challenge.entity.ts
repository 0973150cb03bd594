import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { User } from '../accounts/user.entity.js';

export const CHALLENGE_PURPOSES = ['registration', 'sign-in', 'signing'] as const;
export type ChallengePurpose = (typeof CHALLENGE_PURPOSES)[number];

/**
 * An outstanding WebAuthn challenge. Only its SHA-256 is stored; finishing a ceremony
 * deletes the row, so each challenge is used at most once, and only before it expires.
 */
@Entity({ tableName: 'webauthn_challenges' })
export class WebauthnChallenge {
  @PrimaryKey({ type: 'string', length: 64 })
  challengeHash!: string;

  @Property({ type: 'string', length: 16 })
  purpose!: ChallengePurpose;

  /** Whose ceremony it is (registration, signing); null for a sign-in. */
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'cascade' })
  user: Ref<User> | null = null;

  /** The e-mail a sign-in was started for, if it named one. */
  @Property({ type: 'string', length: 254, nullable: true })
  email: string | null = null;

  /** Signing: the version, the nonce and the statement the challenge binds. */
  @Property({ type: 'uuid', nullable: true })
  versionId: string | null = null;

  @Property({ type: 'string', length: 64, nullable: true })
  nonce: string | null = null;

  @Property({ type: 'text', nullable: true })
  consentStatement: string | null = null;

  @Index()
  @Property({ type: 'timestamptz' })
  expiresAt!: Date;
}
