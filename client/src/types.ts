import type { ParticipantRole } from '@brieflock/schema';

export interface User {
  id: string;
  email: string;
  name: string;
}

export interface Participant {
  id: string;
  role: ParticipantRole;
  pending: boolean;
  user: User;
}

export interface ProposalSummary {
  id: string;
  title: string;
  createdAt: string;
  myRole: ParticipantRole;
  participants: { id: string }[];
}

export interface Proposal {
  id: string;
  title: string;
  createdAt: string;
  myRole: ParticipantRole;
  participants: Participant[];
}

export const USER_FIELDS = 'id email name';
