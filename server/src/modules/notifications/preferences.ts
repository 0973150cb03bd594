import type { EntityManager } from '@mikro-orm/postgresql';
import type { NotificationKind } from '@brieflock/schema';

export type EmailChannel = 'immediate' | 'digest' | 'none';

/**
 * What comes by e-mail unless a person chose otherwise: what waits on them at once, the
 * rest in the digest. An invitation's own e-mail carries its link, so its in-app notice
 * is not e-mailed again.
 */
export const DEFAULT_CHANNELS: Record<NotificationKind, EmailChannel> = {
  INVITED: 'none',
  MENTIONED: 'immediate',
  SIGNATURE_REQUESTED: 'immediate',
  VERSION_EXECUTED: 'immediate',
  SIGNER_DECLINED: 'immediate',
  REPLIED: 'digest',
  SUGGESTION_DECIDED: 'digest',
  MILESTONE_SUBMITTED: 'immediate',
  MILESTONE_DECIDED: 'immediate',
  MILESTONE_DUE: 'digest',
};

/** How each of `userIds` takes notifications of `kind` by e-mail. */
export async function emailChannels(
  _em: EntityManager,
  userIds: string[],
  kind: NotificationKind,
): Promise<Map<string, EmailChannel>> {
  return new Map(userIds.map((id) => [id, DEFAULT_CHANNELS[kind]]));
}
