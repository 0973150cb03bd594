import { Arg, Ctx, FieldResolver, Int, Mutation, Resolver, Root } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { requireViewer, type Context } from '../context.js';
import { ContractVersion } from '../contract/contract-version.entity.js';
import type { VersionView } from '../contract/contract.loaders.js';
import { Proposal } from '../proposals/proposal.entity.js';
import { ID } from '../id.scalar.js';
import { changeAndAnnounce } from '../webhooks/webhook-outbox.js';
import {
  contractInForceOf,
  type MetricResultView,
  type MilestoneView,
  type SubmissionView,
} from './engagement.loaders.js';
import {
  AcceptMilestoneInput,
  MetricResult,
  MilestoneSubmission,
  RequestChangesInput,
  SubmitMilestoneInput,
  TrackedMilestone,
  TrialTerms,
} from './engagement.types.js';
import {
  acceptMilestone,
  requestMilestoneChanges,
  startMilestone,
  submitMilestone,
  type MilestoneStep,
} from './milestone-actions.js';
import { utcDay } from './due-dates.js';
import { recordTrialResult } from './trial-milestone.js';

@Resolver(() => TrackedMilestone)
export class MilestonesResolver {
  /** Runs one milestone step under the proposal lock, with its webhooks, then announces it. */
  private async step<S extends MilestoneStep>(
    ctx: Context,
    run: (tx: EntityManager, userId: string) => Promise<S>,
    afterCommit?: (step: S) => Promise<void>,
  ): Promise<MilestoneView> {
    const viewer = requireViewer(ctx);
    const step = await changeAndAnnounce(
      ctx,
      (tx) => run(tx, viewer.user.id),
      (step) => [
        {
          kind: step.kind,
          proposalId: step.milestone.proposalId,
          versionId: step.milestone.versionId,
          actorId: step.actorId,
        },
      ],
    );
    ctx.events.notified(step.notices);
    await afterCommit?.(step);
    return step.milestone;
  }

  @Mutation(() => TrackedMilestone, { description: 'Starts work on a PLANNED milestone (FREELANCER).' })
  startMilestone(@Arg('milestoneId', () => ID) milestoneId: string, @Ctx() ctx: Context): Promise<MilestoneView> {
    return this.step(ctx, (tx, userId) => startMilestone(tx, { keys: ctx.keys, notify: ctx }, userId, milestoneId));
  }

  @Mutation(() => TrackedMilestone, {
    description: 'Submits a milestone IN_PROGRESS or CHANGES_REQUESTED for the client’s review (FREELANCER).',
  })
  submitMilestone(
    @Arg('input', () => SubmitMilestoneInput) input: SubmitMilestoneInput,
    @Ctx() ctx: Context,
  ): Promise<MilestoneView> {
    return this.step(ctx, (tx, userId) => submitMilestone(tx, { keys: ctx.keys, notify: ctx }, userId, input));
  }

  @Mutation(() => TrackedMilestone, {
    description:
      'Requests changes to a SUBMITTED milestone (CLIENT); uses one signed revision round, REVISION_BUDGET_EXHAUSTED once all are used.',
  })
  requestMilestoneChanges(
    @Arg('input', () => RequestChangesInput) input: RequestChangesInput,
    @Ctx() ctx: Context,
  ): Promise<MilestoneView> {
    return this.step(ctx, (tx, userId) => requestMilestoneChanges(tx, { keys: ctx.keys, notify: ctx }, userId, input));
  }

  @Mutation(() => TrackedMilestone, {
    description:
      'Accepts a SUBMITTED milestone (CLIENT), recording measured values of the success metrics; the trial milestone is scored against its rubric, and its score and note are written into the live brief’s trial.',
  })
  acceptMilestone(
    @Arg('input', () => AcceptMilestoneInput) input: AcceptMilestoneInput,
    @Ctx() ctx: Context,
  ): Promise<MilestoneView> {
    return this.step(
      ctx,
      (tx, userId) => acceptMilestone(tx, { keys: ctx.keys, notify: ctx }, userId, input),
      // After commit: the live edit's stored update waits for the proposal row the step locked.
      async ({ milestone, trialResult }) => {
        if (!trialResult) return;
        try {
          await recordTrialResult(ctx.live, milestone.proposalId, trialResult.score, trialResult.note);
        } catch (error) {
          // The acceptance and its score stand (and are sealed in the audit trail); only
          // its copy in the live brief, for the next freeze, is missing.
          ctx.log.error(
            { err: error, proposalId: milestone.proposalId },
            'trial result not written into the live brief',
          );
        }
      },
    );
  }

  @FieldResolver(() => Int, { description: 'Requests for changes made so far.' })
  async revisionsUsed(@Root() milestone: MilestoneView, @Ctx() ctx: Context): Promise<number> {
    const submissions = await ctx.loaders.submissionsByMilestone.load(milestone.id);
    return submissions.filter((submission) => submission.decision === 'CHANGES_REQUESTED').length;
  }

  @FieldResolver(() => Int, { description: 'Requests for changes still allowed by the signed terms.' })
  async revisionsLeft(@Root() milestone: MilestoneView, @Ctx() ctx: Context): Promise<number> {
    return Math.max(0, milestone.revisionRounds - (await this.revisionsUsed(milestone, ctx)));
  }

  @FieldResolver(() => [MilestoneSubmission], { description: 'Every submission, oldest first.' })
  submissions(@Root() milestone: MilestoneView, @Ctx() ctx: Context): Promise<SubmissionView[]> {
    return ctx.loaders.submissionsByMilestone.load(milestone.id);
  }

  @FieldResolver(() => [MetricResult], { description: 'The metric values recorded when it was accepted.' })
  metricResults(@Root() milestone: MilestoneView, @Ctx() ctx: Context): Promise<MetricResultView[]> {
    return ctx.loaders.metricResultsByMilestone.load(milestone.id);
  }

  @FieldResolver(() => TrialTerms, {
    nullable: true,
    description: 'For the trial milestone: its task, pay, time box and rubric as signed; null for other milestones.',
  })
  async trial(@Root() milestone: MilestoneView, @Ctx() ctx: Context): Promise<TrialTerms | null> {
    if (!milestone.isTrial) return null;
    const trial = await ctx.loaders.trialByVersion.load(milestone.versionId);
    if (!trial) return null;
    return {
      task: trial.task,
      paidAmount: trial.paidAmount,
      timeBoxDays: trial.timeBoxDays,
      rubric: trial.rubric.flatMap((row) =>
        row.id === null ? [] : [{ id: row.id, criterion: row.criterion, weight: row.weight }],
      ),
    };
  }

  @FieldResolver(() => Boolean, {
    description: 'The due date is before today (UTC) and the milestone is neither accepted nor removed.',
  })
  overdue(@Root() milestone: MilestoneView, @Ctx() ctx: Context): boolean {
    // Today as the due date sweep reads it: the UTC day of the same clock.
    return (
      milestone.dueDate !== null &&
      milestone.dueDate < utcDay(ctx.reach.now()) &&
      milestone.state !== 'ACCEPTED' &&
      milestone.state !== 'REMOVED'
    );
  }
}

// Proposal is only resolved for its participants, so its engagement needs no further check.
@Resolver(() => Proposal)
export class ProposalEngagementResolver {
  @FieldResolver(() => ContractVersion, {
    nullable: true,
    description: 'The newest SIGNED version: the contract in force; null before one is executed.',
  })
  async contractInForce(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<VersionView | null> {
    return contractInForceOf(await ctx.loaders.versionsByProposal.load(proposal.id));
  }

  @FieldResolver(() => [TrackedMilestone], {
    description: 'The milestones of the contract in force, by position; REMOVED ones last.',
  })
  milestones(@Root() proposal: Proposal, @Ctx() ctx: Context): Promise<MilestoneView[]> {
    return ctx.loaders.milestonesByProposal.load(proposal.id);
  }
}
