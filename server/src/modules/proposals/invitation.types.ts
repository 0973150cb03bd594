import { Field, ObjectType, registerEnumType } from 'type-graphql';
import type { ParticipantRole } from '@brieflock/schema';
import { ID } from '../id.scalar.js';
import { User } from '../accounts/user.entity.js';
import { ParticipantRoleEnum } from './participant.entity.js';
import type { InvitationState } from './invitations.js';

export const InvitationStatusEnum = { PENDING: 'PENDING', EXPIRED: 'EXPIRED', ACCEPTED: 'ACCEPTED' } as const;
registerEnumType(InvitationStatusEnum, {
  name: 'InvitationStatus',
  description: 'Whether an invitation link can still be accepted.',
});

@ObjectType({ description: 'A pending invitation of the signed-in account, accepted or declined in the app.' })
export class Invitation {
  @Field(() => ID) id!: string;
  @Field(() => ID) proposalId!: string;
  @Field(() => String) proposalTitle!: string;
  @Field(() => ParticipantRoleEnum) role!: ParticipantRole;
  @Field(() => User) invitedBy!: User;
  @Field(() => Date) createdAt!: Date;
}

@ObjectType({ description: "What an invitation link's page shows, without signing in." })
export class InvitationPreview {
  @Field(() => String) proposalTitle!: string;
  @Field(() => String) inviterName!: string;
  @Field(() => ParticipantRoleEnum) role!: ParticipantRole;
  @Field(() => Date) expiresAt!: Date;
  @Field(() => InvitationStatusEnum, { description: 'EXPIRED and ACCEPTED links can no longer be accepted.' })
  status!: InvitationState;
}
