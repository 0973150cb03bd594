import { BriefUpdate } from '../modules/briefs/brief-update.entity.js';
import { Session } from '../modules/accounts/session.entity.js';
import { SignInFailure } from '../modules/accounts/sign-in-failure.entity.js';
import { User } from '../modules/accounts/user.entity.js';
import { Participant } from '../modules/proposals/participant.entity.js';
import { Proposal } from '../modules/proposals/proposal.entity.js';
import { ContractVersion, VersionSigner } from '../modules/contract/contract-version.entity.js';
import { Signature } from '../modules/contract/signature.entity.js';
import { AuditEvent } from '../modules/contract/audit-event.entity.js';

/** Every entity, listed explicitly (no folder scanning at start-up). */
export const ENTITIES = [
  User,
  Session,
  SignInFailure,
  Proposal,
  Participant,
  BriefUpdate,
  ContractVersion,
  VersionSigner,
  Signature,
  AuditEvent,
];
