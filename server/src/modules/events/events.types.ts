import { Field, ObjectType, registerEnumType } from 'type-graphql';
import { ID } from '../id.scalar.js';
import { PROPOSAL_EVENT_KINDS, type ProposalEventKind } from '@brieflock/schema';
import { User } from '../accounts/user.entity.js';
import { ContractVersion } from '../contract/contract-version.entity.js';
import { Participant } from '../proposals/participant.entity.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { CommentThread } from '../comments/comments.types.js';
import { Suggestion } from '../suggestions/suggestions.types.js';

export const ProposalEventKindEnum = Object.fromEntries(PROPOSAL_EVENT_KINDS.map((kind) => [kind, kind])) as {
  [K in ProposalEventKind]: K;
};
registerEnumType(ProposalEventKindEnum, { name: 'ProposalEventKind' });

@ObjectType({ description: 'Something that happened on a proposal, delivered live.' })
export class ProposalEvent {
  @Field(() => ProposalEventKindEnum) kind!: ProposalEventKind;
  @Field(() => ID) proposalId!: string;
  @Field(() => Proposal, {
    nullable: true,
    description: 'PROPOSAL_UPDATED: the proposal as it is now (its title, whether it is archived).',
  })
  proposal!: Proposal | null;
  @Field(() => [String], {
    description: "PROPOSAL_UPDATED: which of the proposal's fields changed: `title`, `archived` or both.",
  })
  changedFields!: string[];
  @Field(() => ContractVersion, { nullable: true }) version!: ContractVersion | null;
  @Field(() => User, { nullable: true }) actor!: User | null;
  @Field(() => Participant, {
    nullable: true,
    description: 'PARTICIPANT_ADDED and PARTICIPANT_UPDATED: the participant as they are now.',
  })
  participant!: Participant | null;
  @Field(() => ID, {
    nullable: true,
    description:
      'PARTICIPANT_ADDED, PARTICIPANT_UPDATED and PARTICIPANT_REMOVED: which participant (also once removed).',
  })
  participantId!: string | null;
  @Field(() => CommentThread, {
    nullable: true,
    description: 'THREAD_* and COMMENT_*: the thread as it is now (null once its last comment was deleted).',
  })
  thread!: unknown;
  @Field(() => Suggestion, {
    nullable: true,
    description: 'SUGGESTION_ADDED and SUGGESTION_DECIDED: the suggestion as it is now.',
  })
  suggestion!: unknown;
  @Field(() => [String], { description: 'DRAFT_CHANGED: the section keys that changed.' }) sections!: string[];
  @Field(() => Date) at!: Date;
}
