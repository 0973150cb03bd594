import { BriefUpdate } from './briefs/brief-update.entity.js';
import { Session } from './accounts/session.entity.js';
import { SignInThrottle } from './accounts/sign-in-throttle.entity.js';
import { User } from './accounts/user.entity.js';
import { Participant } from './proposals/participant.entity.js';
import { Proposal } from './proposals/proposal.entity.js';
import { ContractVersion, VersionSigner } from './contract/contract-version.entity.js';
import { Signature } from './contract/signature.entity.js';
import { AuditEvent } from './contract/audit-event.entity.js';
import { Passkey } from './passkeys/passkey.entity.js';
import { WebauthnChallenge } from './passkeys/webauthn-challenge.entity.js';
import { ReceiptRecord, ServerKeyRecord } from './trust/receipt.entity.js';
import { CommentMention, Thread, ThreadComment, VersionThread } from './comments/comment.entities.js';
import { SuggestionRecord } from './suggestions/suggestion.entity.js';
import { NotificationRecord } from './notifications/notification.entity.js';
import { EmailRecord } from './mail/email.entity.js';
import { AccountToken } from './accounts/account-token.entity.js';
import { SignReminder } from './contract/sign-reminder.entity.js';
import { WebhookDeliveryRecord, WebhookRecord } from './webhooks/webhook.entity.js';
import { NotificationPreference } from './notifications/notification-preference.entity.js';
import {
  MetricResultRecord,
  MilestoneSubmissionRecord,
  ReviewRecord,
  TrackedMilestoneRecord,
} from './engagement/engagement.entities.js';

/** Every entity, listed explicitly (no folder scanning at start-up). */
export const ENTITIES = [
  User,
  Session,
  SignInThrottle,
  Proposal,
  Participant,
  BriefUpdate,
  ContractVersion,
  VersionSigner,
  Signature,
  AuditEvent,
  Passkey,
  WebauthnChallenge,
  ReceiptRecord,
  ServerKeyRecord,
  Thread,
  ThreadComment,
  CommentMention,
  VersionThread,
  SuggestionRecord,
  NotificationRecord,
  EmailRecord,
  AccountToken,
  SignReminder,
  WebhookRecord,
  WebhookDeliveryRecord,
  NotificationPreference,
  TrackedMilestoneRecord,
  MilestoneSubmissionRecord,
  MetricResultRecord,
  ReviewRecord,
];
