/**
 * What an in-app notification is about. Every kind is part of the public schema; the
 * engagement kinds (milestones, declined signatures) are declared ahead of the features
 * that will send them. ENGAGEMENT_CLOSED, REVIEW_WRITTEN and
 * REVIEW_ANSWERED tell the parties the engagement ended and of its review. WEBHOOK_DISABLED tells a webhook's creator that its endpoint
 * kept failing and was turned off.
 */
export const NOTIFICATION_KINDS = [
  'INVITED',
  'MENTIONED',
  'REPLIED',
  'SUGGESTION_DECIDED',
  'SIGNATURE_REQUESTED',
  'VERSION_EXECUTED',
  'SIGNER_DECLINED',
  'MILESTONE_SUBMITTED',
  'MILESTONE_DECIDED',
  'MILESTONE_DUE',
  'ENGAGEMENT_CLOSED',
  'REVIEW_WRITTEN',
  'REVIEW_ANSWERED',
  'WEBHOOK_DISABLED',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

/** Notifications one page holds at most (and by default). */
export const NOTIFICATION_PAGE_MAX = 50;
export const NOTIFICATION_PAGE_DEFAULT = 20;
