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

@ObjectType({ description: "A user's role on one proposal." })
@Entity({ tableName: 'participants' })
@Unique({ properties: ['proposal', 'user'] })
export class Participant {
  [OptionalProps]?: 'createdAt';

  @Field(() => ID)
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Proposal, { ref: true, deleteRule: 'cascade' })
  proposal!: Ref<Proposal>;

  @Index()
  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  @Field(() => ParticipantRoleEnum)
  @Enum({ items: () => [...PARTICIPANT_ROLES], nativeEnumName: 'participant_role' })
  role!: ParticipantRole;

  @ManyToOne(() => User, { ref: true, nullable: true })
  invitedBy: Ref<User> | null = null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}
