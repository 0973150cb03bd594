import type { EntityManager } from '@mikro-orm/postgresql';
import type { MilestoneState, ParticipantRole } from '@brieflock/schema';
import { conflict, forbidden, notFound } from '../../errors.js';
import { isId } from '../../validation.js';
import { appendAudit } from '../contract/audit.js';
import type { Notice, NotifyDeps } from '../notifications/notify.js';
import { assertParticipant } from '../proposals/proposal.policy.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { MILESTONE_COLUMNS, milestoneViewOf, type MilestoneView } from './engagement.loaders.js';

/*
 * What every milestone step shares: the row lock and the role and state checks, the
 * re-read under the lock, and the audit row. The steps are in milestone-actions.ts
 * (start, submit, request changes) and accept-milestone.ts.
 */

export type MilestoneEventKind =
  | 'MILESTONE_STARTED'
  | 'MILESTONE_SUBMITTED'
  | 'MILESTONE_CHANGES_REQUESTED'
  | 'MILESTONE_ACCEPTED';

/** What a milestone step changed: the milestone, the event to announce, the notices to publish. */
export interface MilestoneStep {
  milestone: MilestoneView;
  kind: MilestoneEventKind;
  actorId: string;
  notices: Notice[];
}

export interface StepDeps {
  keys: ServerKeys;
  notify: NotifyDeps;
}

export const milestoneNotFound = () => notFound('Milestone not found.');

const ROLE_OF: Record<MilestoneEventKind, ParticipantRole> = {
  MILESTONE_STARTED: 'FREELANCER',
  MILESTONE_SUBMITTED: 'FREELANCER',
  MILESTONE_CHANGES_REQUESTED: 'CLIENT',
  MILESTONE_ACCEPTED: 'CLIENT',
};

const ACTION_OF: Record<MilestoneEventKind, string> = {
  MILESTONE_STARTED: 'start',
  MILESTONE_SUBMITTED: 'submit',
  MILESTONE_CHANGES_REQUESTED: 'request changes on',
  MILESTONE_ACCEPTED: 'accept',
};

/**
 * The milestone, read under its proposal's row lock, once the caller is known to hold the
 * role the step needs: NOT_FOUND for a non-participant (as for a milestone that does not
 * exist), FORBIDDEN for a participant in another role.
 */
export async function lockedMilestone(
  tx: EntityManager,
  milestoneId: string,
  userId: string,
  kind: MilestoneEventKind,
): Promise<MilestoneView> {
  if (!isId(milestoneId)) throw milestoneNotFound();
  const [owner] = await tx.execute<{ proposal_id: string }[]>(
    'select "proposal_id" from "tracked_milestones" where "id" = ?',
    [milestoneId],
  );
  if (!owner) throw milestoneNotFound();
  const role = await assertParticipant(tx, owner.proposal_id, userId).catch(() => {
    throw milestoneNotFound();
  });
  const needed = ROLE_OF[kind];
  if (role !== needed)
    throw forbidden(`Only a ${needed.toLowerCase()} of this proposal can ${ACTION_OF[kind]} a milestone.`);
  const [proposal] = await tx.execute<{ closed_at: Date | null }[]>(
    'select "closed_at" from "proposals" where "id" = ? for update',
    [owner.proposal_id],
  );
  // A closed engagement is over: its record stands as it was when the client closed it.
  if (proposal?.closed_at)
    throw conflict(`This engagement is closed; you can no longer ${ACTION_OF[kind]} its milestones.`, {
      reason: 'ENGAGEMENT_CLOSED',
    });
  return reread(tx, milestoneId);
}

export function assertState(
  milestone: MilestoneView,
  allowed: readonly MilestoneState[],
  kind: MilestoneEventKind,
): void {
  if (allowed.includes(milestone.state)) return;
  throw conflict(
    `This milestone is ${milestone.state.toLowerCase().replaceAll('_', ' ')}; you can only ${ACTION_OF[kind]} a milestone that is ${allowed
      .map((state) => state.toLowerCase().replaceAll('_', ' '))
      .join(' or ')}.`,
    { reason: 'MILESTONE_STATE', state: milestone.state },
  );
}

/** The milestone as it stands now (under the caller's lock). */
export async function reread(tx: EntityManager, milestoneId: string): Promise<MilestoneView> {
  const [row] = await tx.execute<Parameters<typeof milestoneViewOf>[0][]>(
    `select ${MILESTONE_COLUMNS} from "tracked_milestones" m where m."id" = ?`,
    [milestoneId],
  );
  if (!row) throw milestoneNotFound();
  return milestoneViewOf(row);
}

/** Appends a milestone step to the proposal's audit chain, against the version whose terms it runs on. */
export function auditStep(
  tx: EntityManager,
  deps: StepDeps,
  milestone: MilestoneView,
  kind: MilestoneEventKind,
  actorId: string,
  data: Record<string, unknown>,
  at: Date,
): Promise<void> {
  return appendAudit(tx, deps.keys, {
    proposalId: milestone.proposalId,
    kind,
    actorId,
    versionId: milestone.versionId,
    data: { milestoneId: milestone.id, ...data },
    at,
  });
}

export async function participantsWithRole(
  tx: EntityManager,
  proposalId: string,
  role: ParticipantRole,
): Promise<string[]> {
  const rows = await tx.execute<{ user_id: string }[]>(
    `select "user_id" from "participants" where "proposal_id" = ? and "role" = ? and "user_id" is not null`,
    [proposalId, role],
  );
  return rows.map((row) => row.user_id);
}

/** The open submission of a SUBMITTED milestone (its latest, undecided). */
export async function openSubmission(tx: EntityManager, milestoneId: string): Promise<{ id: string; number: number }> {
  const [row] = await tx.execute<{ id: string; number: number }[]>(
    `select "id", "number" from "milestone_submissions" where "milestone_id" = ? and "decision" is null order by "number" desc limit 1`,
    [milestoneId],
  );
  if (!row) throw conflict('This milestone has no submission awaiting a decision.', { reason: 'NO_SUBMISSION' });
  return row;
}
