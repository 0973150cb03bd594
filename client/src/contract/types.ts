import type { BriefDiff, ParticipantRole, ProposalEventKind, VersionStatus } from '@brieflock/schema';
import { USER_FIELDS, type User } from '../types';

/** Shapes of the contract part of the API, as this client asks for them. */

export interface Signature {
  id: string;
  signer: User;
  contentHash: string;
  signedAt: string;
  authMethod: string;
}

export interface VersionSigner {
  user: User;
  role: ParticipantRole;
  signature: Signature | null;
}

/** A version as the timeline lists it: no content. */
export interface VersionSummary {
  id: string;
  number: number;
  status: VersionStatus;
  contentHash: string;
  chainHash: string;
  previousHash: string | null;
  frozenBy: User;
  frozenAt: string;
  note: string | null;
  statusChangedAt: string | null;
  proposalId: string;
  signers: VersionSigner[];
  canSign: boolean;
  markdownUrl: string;
  pdfUrl: string;
}

/** A version with what it froze and what signing it means. */
export interface ContractVersion extends VersionSummary {
  /** The frozen brief keyed by section; JSON, so nothing here is trusted to be well-formed. */
  contentJson: unknown;
  consentStatement: string;
}

export interface ProposalEvent {
  kind: ProposalEventKind;
  proposalId: string;
  version: Pick<VersionSummary, 'id' | 'number' | 'status'> | null;
  actor: User | null;
  sections: string[];
  at: string;
}

/**
 * A comparison of two versions: the server answers with `diffBriefs` of the shared
 * schema (the JSON fields carry its values as they are), plus the two versions.
 */
export interface VersionDiff extends BriefDiff {
  from: Pick<VersionSummary, 'id' | 'number' | 'status' | 'contentHash'>;
  to: Pick<VersionSummary, 'id' | 'number' | 'status' | 'contentHash'>;
}

const SIGNATURE_FIELDS = `id contentHash signedAt authMethod signer { ${USER_FIELDS} }`;

export const VERSION_SUMMARY_FIELDS = `
  id number status contentHash chainHash previousHash frozenAt note statusChangedAt proposalId
  canSign markdownUrl pdfUrl
  frozenBy { ${USER_FIELDS} }
  signers { role user { ${USER_FIELDS} } signature { ${SIGNATURE_FIELDS} } }`;

export const VERSION_FIELDS = `${VERSION_SUMMARY_FIELDS} contentJson consentStatement`;

export const EVENT_FIELDS = `kind proposalId sections at version { id number status } actor { ${USER_FIELDS} }`;
