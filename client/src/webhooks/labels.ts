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
