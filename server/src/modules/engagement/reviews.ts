import type { EntityManager } from '@mikro-orm/postgresql';
import { badInput, conflict, forbidden, notFound } from '../../errors.js';
import { isId, parseInput } from '../../validation.js';
import { appendAudit } from '../contract/audit.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { engagementLink, namesOf, notify, quoted, type Notice, type NotifyDeps } from '../notifications/notify.js';
import { assertParticipant, roleOn } from '../proposals/proposal.policy.js';
import {
  AnswerReviewSchema,
  type AnswerReviewInput,
  ReviewSchema,
  type ReviewInput,
  type ReviewRow,
} from './reviews.types.js';
import { contractInForce } from '../contract/contract-in-force.js';

export interface EngagementDeps extends NotifyDeps {
  keys: ServerKeys;
}

export const reviewNotFound = () => notFound('Review not found.');

/**
 * Locks the proposal row for an engagement step (FOR NO KEY UPDATE, as other steps on
 * the audit chain do) after checking the viewer is one of its CLIENTs: NOT_FOUND for
 * anyone outside the proposal, FORBIDDEN for its other participants.
 */
async function lockAsClient(
  tx: EntityManager,
  proposalId: string,
  userId: string,
  what: string,
): Promise<{ closedAt: Date | null }> {
  const role = await assertParticipant(tx, proposalId, userId);
  if (role !== 'CLIENT') throw forbidden(`Only a client of this proposal can ${what}.`);
  const [row] = await tx.execute<{ closed_at: Date | string | null }[]>(
    'select "closed_at" from "proposals" where "id" = ? for no key update',
    [proposalId],
  );
  return { closedAt: row!.closed_at === null ? null : new Date(row!.closed_at) };
}

export interface ClosedEngagement {
  proposalId: string;
  versionId: string;
  notices: Notice[];
}

/**
 * Closes the engagement (a CLIENT; a contract must be in force). Closing is done once:
 * a second close is a CONFLICT naming when it was closed, so the audit trail holds one
 * ENGAGEMENT_CLOSED row and nobody is told twice.
 */
export async function closeEngagement(
  tx: EntityManager,
  deps: EngagementDeps,
  actorId: string,
  proposalId: string,
): Promise<ClosedEngagement> {
  const { closedAt } = await lockAsClient(tx, proposalId, actorId, 'close the engagement');
  const id = proposalId.toLowerCase();
  const inForce = await contractInForce(tx, id);
  if (!inForce) throw conflict('No contract is in force yet: a version must be signed by everyone first.');
  if (closedAt) throw conflict('The engagement is already closed.', { closedAt: closedAt.toISOString() });
  const at = new Date();
  await tx.execute('update "proposals" set "closed_at" = ?, "closed_by_id" = ? where "id" = ?', [at, actorId, id]);
  await appendAudit(tx, deps.keys, {
    proposalId: id,
    kind: 'ENGAGEMENT_CLOSED',
    actorId,
    versionId: inForce.id,
    data: { number: inForce.number },
    at,
  });
  const names = await namesOf(tx, actorId, id);
  const participants = await tx.execute<{ user_id: string }[]>(
    `select "user_id" from "participants" where "proposal_id" = ? and "user_id" is not null`,
    [id],
  );
  const notices = await notify(tx, deps, {
    kind: 'ENGAGEMENT_CLOSED',
    proposalId: id,
    actorId,
    recipientIds: participants.map((row) => row.user_id),
    text: `${names.actor} closed the engagement ${quoted(names.title)}`,
    link: engagementLink(id),
  });
  return { proposalId: id, versionId: inForce.id, notices };
}

export interface WrittenReview {
  review: ReviewRow;
  notices: Notice[];
}

/**
 * A CLIENT reviews a FREELANCER who signed the contract in force, once per proposal,
 * author and freelancer: when the engagement is closed, or when every tracked milestone
 * (not removed; at least one) is accepted.
 */
export async function reviewFreelancer(
  tx: EntityManager,
  deps: EngagementDeps,
  actorId: string,
  input: ReviewInput,
): Promise<WrittenReview> {
  const parsed = parseInput(ReviewSchema, input);
  const { closedAt } = await lockAsClient(tx, parsed.proposalId, actorId, 'review its freelancers');
  const proposalId = parsed.proposalId.toLowerCase();
  const inForce = await contractInForce(tx, proposalId);
  if (!inForce) throw conflict('No contract is in force yet: there is no engagement to review.');
  const [signer] = isId(parsed.freelancerId)
    ? await tx.execute<{ user_id: string }[]>(
        `select "user_id" from "version_signers" where "version_id" = ? and "user_id" = ? and "role" = 'FREELANCER'`,
        [inForce.id, parsed.freelancerId.toLowerCase()],
      )
    : [];
  if (!signer) throw badInput('freelancerId', 'is not a freelancer who signed the contract in force');
  if (!closedAt) {
    const [counts] = await tx.execute<{ open: string; total: string }[]>(
      `select count(*) filter (where "state" <> 'ACCEPTED') as "open", count(*) as "total"
         from "tracked_milestones" where "proposal_id" = ? and "state" <> 'REMOVED'`,
      [proposalId],
    );
    if (Number(counts!.total) === 0 || Number(counts!.open) > 0)
      throw conflict('The engagement is still running: close it, or accept every milestone, before reviewing.');
  }
  const at = new Date();
  const [review] = await tx.execute<ReviewRow[]>(
    `insert into "reviews" ("id", "proposal_id", "author_id", "freelancer_id", "would_hire_again", "communication", "note", "created_at")
     values (gen_random_uuid(), ?, ?, ?, ?, ?, ?, ?)
     on conflict on constraint "reviews_once_unique" do nothing
     returning *`,
    [proposalId, actorId, signer.user_id, parsed.wouldHireAgain, parsed.communication, parsed.note, at],
  );
  if (!review) throw conflict('You have already reviewed this freelancer for this engagement.');
  await appendAudit(tx, deps.keys, {
    proposalId,
    kind: 'REVIEW_WRITTEN',
    actorId,
    versionId: inForce.id,
    data: {
      reviewId: review.id,
      freelancerId: signer.user_id,
      wouldHireAgain: parsed.wouldHireAgain,
      communication: parsed.communication,
    },
    at,
  });
  const names = await namesOf(tx, actorId, proposalId);
  const notices = await notify(tx, deps, {
    kind: 'REVIEW_WRITTEN',
    proposalId,
    actorId,
    recipientIds: [signer.user_id],
    text: `${names.actor} reviewed your work on ${quoted(names.title)}`,
    link: engagementLink(proposalId),
  });
  return { review, notices };
}

/**
 * The reviewed freelancer answers a review, once. Participants of its proposal who are
 * not that freelancer are FORBIDDEN; anyone else gets NOT_FOUND.
 */
export async function answerReview(
  tx: EntityManager,
  deps: EngagementDeps,
  actorId: string,
  input: AnswerReviewInput,
): Promise<WrittenReview> {
  const parsed = parseInput(AnswerReviewSchema, input);
  if (!isId(parsed.reviewId)) throw reviewNotFound();
  const [found] = await tx.execute<{ proposal_id: string }[]>('select "proposal_id" from "reviews" where "id" = ?', [
    parsed.reviewId.toLowerCase(),
  ]);
  if (!found || !(await roleOn(tx, found.proposal_id, actorId))) throw reviewNotFound();
  await tx.execute('select "id" from "proposals" where "id" = ? for no key update', [found.proposal_id]);
  const [current] = await tx.execute<ReviewRow[]>('select * from "reviews" where "id" = ?', [
    parsed.reviewId.toLowerCase(),
  ]);
  if (!current) throw reviewNotFound();
  if (current.freelancer_id !== actorId) throw forbidden('Only the freelancer reviewed can answer this review.');
  if (current.answer !== null) throw conflict('This review is already answered.');
  const at = new Date();
  const [review] = await tx.execute<ReviewRow[]>(
    'update "reviews" set "answer" = ?, "answered_at" = ? where "id" = ? returning *',
    [parsed.answer, at, current.id],
  );
  await appendAudit(tx, deps.keys, {
    proposalId: current.proposal_id,
    kind: 'REVIEW_ANSWERED',
    actorId,
    versionId: null,
    data: { reviewId: current.id },
    at,
  });
  const names = await namesOf(tx, actorId, current.proposal_id);
  const notices = await notify(tx, deps, {
    kind: 'REVIEW_ANSWERED',
    proposalId: current.proposal_id,
    actorId,
    recipientIds: [current.author_id],
    text: `${names.actor} answered your review on ${quoted(names.title)}`,
    link: engagementLink(current.proposal_id),
  });
  return { review: review!, notices };
}
