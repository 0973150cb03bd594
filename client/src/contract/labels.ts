// Imported by the proposal page's first bundle: nothing here may pull in the section
// layout, which the build groups with the Yjs code of the lazy editor.
import type { VersionStatus } from '@brieflock/schema';
import type { UserFieldsFragment as User } from '../gql/graphql';
import type { ProposalEvent } from './events';

export const STATUS_LABELS: Record<VersionStatus, string> = {
  AWAITING_SIGNATURES: 'Awaiting signatures',
  SIGNED: 'Signed',
  SUPERSEDED: 'Superseded',
  DECLINED: 'Declined',
};

/** A person as others see them: their name, else (invited, no name yet) their e-mail. */
export const displayName = (user: Pick<User, 'name' | 'email'>) => user.name.trim() || user.email;

/** "You" for the signed-in person, their name for anyone else. */
export const actorName = (user: User | null, selfId: string) =>
  !user ? 'Someone' : user.id === selfId ? 'You' : displayName(user);

/** The toast for an event; null for the ones that only update the page quietly. */
export function eventMessage(event: ProposalEvent, selfId: string): string | null {
  const who = actorName(event.actor, selfId);
  const number = event.version?.number;
  switch (event.kind) {
    case 'VERSION_FROZEN':
      return number ? `${who} froze version ${number}` : `${who} froze a new version`;
    case 'VERSION_SIGNED':
      return number ? `${who} signed version ${number}` : `${who} signed a version`;
    case 'VERSION_EXECUTED':
      return number ? `Version ${number} is signed by everyone` : 'A version is signed by everyone';
    case 'PARTICIPANT_ADDED':
      return event.actor ? `${who} added a participant` : 'A participant was added';
    case 'THREAD_STARTED':
      return `${who} commented on the brief`;
    case 'COMMENT_ADDED':
      return `${who} replied to a comment`;
    case 'THREAD_RESOLVED':
      return `${who} resolved a comment thread`;
    case 'THREAD_REOPENED':
      return `${who} reopened a comment thread`;
    case 'PARTICIPANT_UPDATED':
      return event.actor ? `${who} changed a participant's role` : "A participant's role changed";
    case 'PARTICIPANT_REMOVED':
      return event.actor ? `${who} removed a participant` : 'A participant was removed';
    case 'PROPOSAL_UPDATED':
      return proposalUpdateMessage(event, who);
    case 'VERSION_DECLINED':
      return number ? `${who} declined version ${number}` : `${who} declined a version`;
    case 'MILESTONE_STARTED':
      return `${who} started a milestone`;
    case 'MILESTONE_SUBMITTED':
      return `${who} submitted a milestone`;
    case 'MILESTONE_CHANGES_REQUESTED':
      return `${who} requested changes on a milestone`;
    case 'MILESTONE_ACCEPTED':
      return `${who} accepted a milestone`;
    case 'ENGAGEMENT_CLOSED':
      return `${who} closed the engagement`;
    case 'REVIEW_WRITTEN':
      return `${who} wrote a review`;
    case 'REVIEW_ANSWERED':
      return `${who} answered a review`;
    case 'DRAFT_CHANGED':
    case 'SUGGESTION_ADDED':
    case 'SUGGESTION_DECIDED':
    case 'COMMENT_EDITED':
    case 'COMMENT_DELETED':
      return null;
  }
}

/** What a PROPOSAL_UPDATED says: an archive or restore first, else the new title. */
function proposalUpdateMessage(event: Pick<ProposalEvent, 'changedFields' | 'proposal'>, who: string): string {
  const { proposal } = event;
  if (!proposal) return `${who} changed the proposal`;
  if (event.changedFields.includes('archived'))
    return proposal.archived ? `${who} archived this proposal` : `${who} restored this proposal from the archive`;
  return `${who} renamed the proposal to “${proposal.title}”`;
}

/** The first characters of a hash, enough to tell versions apart at a glance. */
export const shortHash = (hash: string) => hash.slice(0, 12);
