import { randomUUID } from 'node:crypto';
import { Entity, Enum, Index, ManyToOne, OptionalProps, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { PARTICIPANT_ROLES, type ParticipantRole } from '@brieflock/schema';
import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';
import { Proposal } from './proposal.entity.js';

export const ParticipantRoleEnum = Object.fromEntries(PARTICIPANT_ROLES.map((role) => [role, role])) as {
  [R in ParticipantRole]: R;
};
registerEnumType(ParticipantRoleEnum, {
  name: 'ParticipantRole',
  description: 'CLIENT and FREELANCER edit and sign; VIEWER reads.',
});

/**
 * A user's role on one proposal, or an invitation to take it. An invitation names only an
 * e-mail address (`invitedEmail`) and no account (`user` is null) until someone accepts it,
 * so every access check, which matches `user`, leaves it out.
 */
@ObjectType({
  description: "A user's role on one proposal, or a pending invitation to take it.",
  simpleResolvers: true,
})
@Entity({ tableName: 'participants' })
@Unique({ properties: ['proposal', 'user'] })
@Unique({ properties: ['proposal', 'invitedEmail'] })
export class Participant {
  [OptionalProps]?: 'createdAt' | 'invitedEmail' | 'acceptedAt' | 'invitationTokenHash' | 'invitationExpiresAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  /** The account taking part; null while this is a pending invitation. */
  @Index()
  @ManyToOne(() => User, { ref: true, nullable: true, deleteRule: 'no action' })
  user: Ref<User> | null = null;

  /** The address invited (normalised); null for a proposal's creator. */
  @Property({ type: 'string', length: 254, nullable: true })
  invitedEmail: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null = null;

  /** SHA-256 of the invitation link's token; the token itself is never stored. */
  @Property({ type: 'string', length: 64, nullable: true, unique: true })
  invitationTokenHash: string | null = null;

  @Property({ type: 'timestamptz', nullable: true })
  invitationExpiresAt: Date | null = null;

  @Field(() => ParticipantRoleEnum)
  @Enum({ items: () => [...PARTICIPANT_ROLES], nativeEnumName: 'participant_role' })
  role!: ParticipantRole;

  @ManyToOne(() => User, { ref: true, nullable: true })
  invitedBy: Ref<User> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
