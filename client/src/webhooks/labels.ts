import type { ProposalEventKind } from '@brieflock/schema';

/** What each event a webhook can hear is, as a person reads it in the settings. */
export const EVENT_LABELS: Record<ProposalEventKind, string> = {
  DRAFT_CHANGED: 'The draft changed (after edits pause)',
  VERSION_FROZEN: 'A version is frozen',
  VERSION_SIGNED: 'Someone signs a version',
  VERSION_EXECUTED: 'A version is signed by everyone',
  PARTICIPANT_ADDED: 'A participant is invited',
  PARTICIPANT_REMOVED: 'A participant is removed',
  PARTICIPANT_UPDATED: "A participant's role changes",
  THREAD_STARTED: 'A comment thread is started',
  COMMENT_ADDED: 'A reply is added to a thread',
  COMMENT_EDITED: 'A comment is edited',
  COMMENT_DELETED: 'A comment is deleted',
  THREAD_RESOLVED: 'A thread is resolved',
  THREAD_REOPENED: 'A thread is reopened',
  SUGGESTION_ADDED: 'A suggestion is made',
  SUGGESTION_DECIDED: 'A suggestion is accepted, rejected or withdrawn',
  PROPOSAL_UPDATED: 'The proposal is renamed, archived or restored',
  VERSION_DECLINED: 'A signer declines a version',
  MILESTONE_STARTED: 'A milestone is started',
  MILESTONE_SUBMITTED: 'A milestone is submitted',
  MILESTONE_CHANGES_REQUESTED: 'Changes are requested on a milestone',
  MILESTONE_ACCEPTED: 'A milestone is accepted',
  ENGAGEMENT_CLOSED: 'The engagement is closed',
  REVIEW_WRITTEN: 'A client reviews a freelancer',
  REVIEW_ANSWERED: 'A freelancer answers a review',
};

/** A delivery attempt's status, in words. */
export const DELIVERY_STATUS_LABELS: Record<string, string> = {
  PENDING: 'Pending',
  SUCCEEDED: 'Delivered',
  FAILED: 'Failed',
  REFUSED: 'Refused (address not allowed)',
  CANCELLED: 'Cancelled',
};

export const deliveryStatusLabel = (status: string): string => DELIVERY_STATUS_LABELS[status] ?? status;
