import type { MigrationObject } from '@mikro-orm/core';
import { Migration20261125000000Init } from './Migration20261125000000Init.js';
import { Migration20261125100000BriefUpdates } from './Migration20261125100000BriefUpdates.js';
import { Migration20261125200000ContractVersions } from './Migration20261125200000ContractVersions.js';
import { Migration20261125210000SignerInsertGuard } from './Migration20261125210000SignerInsertGuard.js';
import { Migration20261201400000ServerSeals } from './Migration20261201400000ServerSeals.js';
import { Migration20261201500000Passkeys } from './Migration20261201500000Passkeys.js';
import { Migration20261201600000SignInThrottles } from './Migration20261201600000SignInThrottles.js';
import { Migration20261201600100Invitations } from './Migration20261201600100Invitations.js';
import { Migration20261201600200AddressProof } from './Migration20261201600200AddressProof.js';
import { Migration20261202030000CommentThreads } from './Migration20261202030000CommentThreads.js';
import { Migration20261202040000Suggestions } from './Migration20261202040000Suggestions.js';
import { Migration20261202050000ProposalArchive } from './Migration20261202050000ProposalArchive.js';
import { Migration20261202060000VersionThreadSnapshots } from './Migration20261202060000VersionThreadSnapshots.js';
import { Migration20261202070000Notifications } from './Migration20261202070000Notifications.js';
import { Migration20261202080000Mail } from './Migration20261202080000Mail.js';
import { Migration20261202082000NotificationPreferences } from './Migration20261202082000NotificationPreferences.js';
import { Migration20261202083000Webhooks } from './Migration20261202083000Webhooks.js';
import { Migration20261202090000AwaitingVersionsIndex } from './Migration20261202090000AwaitingVersionsIndex.js';
import { Migration20261203070000Engagement } from './Migration20261203070000Engagement.js';
import { Migration20261203071000SigningDecline } from './Migration20261203071000SigningDecline.js';

/**
 * Committed migrations in order. Listed explicitly so that the built server, the
 * CLI and vitest load the same classes without scanning folders.
 */
export const MIGRATIONS: MigrationObject[] = [
  { name: 'Migration20261125000000Init', class: Migration20261125000000Init },
  { name: 'Migration20261125100000BriefUpdates', class: Migration20261125100000BriefUpdates },
  { name: 'Migration20261125200000ContractVersions', class: Migration20261125200000ContractVersions },
  { name: 'Migration20261125210000SignerInsertGuard', class: Migration20261125210000SignerInsertGuard },
  { name: 'Migration20261201400000ServerSeals', class: Migration20261201400000ServerSeals },
  { name: 'Migration20261201500000Passkeys', class: Migration20261201500000Passkeys },
  { name: 'Migration20261201600000SignInThrottles', class: Migration20261201600000SignInThrottles },
  { name: 'Migration20261201600100Invitations', class: Migration20261201600100Invitations },
  { name: 'Migration20261201600200AddressProof', class: Migration20261201600200AddressProof },
  { name: 'Migration20261202030000CommentThreads', class: Migration20261202030000CommentThreads },
  { name: 'Migration20261202040000Suggestions', class: Migration20261202040000Suggestions },
  { name: 'Migration20261202050000ProposalArchive', class: Migration20261202050000ProposalArchive },
  { name: 'Migration20261202060000VersionThreadSnapshots', class: Migration20261202060000VersionThreadSnapshots },
  { name: 'Migration20261202070000Notifications', class: Migration20261202070000Notifications },
  { name: 'Migration20261202080000Mail', class: Migration20261202080000Mail },
  { name: 'Migration20261202082000NotificationPreferences', class: Migration20261202082000NotificationPreferences },
  { name: 'Migration20261202083000Webhooks', class: Migration20261202083000Webhooks },
  { name: 'Migration20261202090000AwaitingVersionsIndex', class: Migration20261202090000AwaitingVersionsIndex },
  { name: 'Migration20261203070000Engagement', class: Migration20261203070000Engagement },
  { name: 'Migration20261203071000SigningDecline', class: Migration20261203071000SigningDecline },
];
