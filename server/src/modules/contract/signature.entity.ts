import { randomUUID } from 'node:crypto';
import { Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ObjectType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';
import { ContractVersion } from './contract-version.entity.js';

/** A signer's sign-off of one version, by its content hash. Immutable once written. */
@ObjectType({ description: "A required signer's sign-off of one version's exact content.", simpleResolvers: true })
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

  @Field(() => ID, {
    nullable: true,
    description: 'The passkey the signer signed with; null only for signatures made before passkeys.',
  })
  @Property({ type: 'uuid', nullable: true })
  passkeyId: string | null = null;

  /** The passkey's credential ID (base64url). */
  @Property({ type: 'string', length: 1366, nullable: true })
  credentialId: string | null = null;

  /** The passkey's public key when it signed: SPKI DER, base64url. */
  @Property({ type: 'text', nullable: true })
  publicKey: string | null = null;

  /** COSE algorithm of `publicKey`. */
  @Property({ type: 'integer', nullable: true })
  publicKeyAlgorithm: number | null = null;

  /** The WebAuthn assertion, base64url: authenticator data, client data JSON, signature. */
  @Property({ type: 'text', nullable: true })
  authenticatorData: string | null = null;

  @Property({ type: 'text', nullable: true, fieldName: 'client_data_json' })
  clientDataJson: string | null = null;

  @Property({ type: 'text', nullable: true })
  assertionSignature: string | null = null;

  /** The random part of the signing challenge (schema's `signingChallengeOf`). */
  @Property({ type: 'string', length: 64, nullable: true })
  challengeNonce: string | null = null;

  /** The relying party ID the assertion names. */
  @Property({ type: 'string', length: 253, nullable: true })
  rpId: string | null = null;

  @Field(() => String, { description: 'SHA-256 over every field of this signature.' })
  @Property({ type: 'string', length: 64 })
  recordHash!: string;

  /** The server's key id and Ed25519 signature over this record (see schema/src/server-signature.ts). */
  @Property({ type: 'string', length: 32, nullable: true })
  serverKeyId: string | null = null;

  @Property({ type: 'string', length: 128, nullable: true })
  serverSignature: string | null = null;
}
