import type { EntityManager } from '@mikro-orm/postgresql';
import { conflict } from '../../errors.js';
import { parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { issueReceipt } from '../trust/receipts.js';
import { namesOf, notify, quoted, versionLink, type Notice, type NotifyDeps } from '../notifications/notify.js';
import { appendAudit } from './audit.js';
import { DeclineVersionSchema, type DeclineVersionInput } from './contract.inputs.js';
import { assertAwaitingSignatures, signableVersion } from './signable-version.js';

export interface DeclinedVersion {
  versionId: string;
  proposalId: string;
  number: number;
  /** Every participant's notification that the version was declined, to publish after commit. */
  notices: Notice[];
}

/**
 * A required signer who has not signed declines a version awaiting signatures, with a
 * reason: the version becomes DECLINED (never to be signed), the audit trail records
 * it and every participant is notified. Drafting goes on; the next freeze takes the next
 * number. The proposal row is locked first, as a signature and a freeze lock it, so
 * neither interleaves with a decline. Events are the caller's job, after commit;
 * `inTransaction` runs before the decline commits (such as enqueued webhook deliveries).
 */
export async function declineVersion(
  em: EntityManager,
  keys: ServerKeys,
  viewer: Viewer,
  input: DeclineVersionInput,
  deps: NotifyDeps,
  inTransaction?: (tx: EntityManager, declined: DeclinedVersion) => Promise<void>,
): Promise<DeclinedVersion> {
  const { versionId, reason } = parseInput(DeclineVersionSchema, input);
  const signerId = viewer.user.id;
  return em.transactional(async (tx) => {
    const { proposalId, version, existingSignatureId } = await signableVersion(tx, viewer, versionId, {
      lock: true,
      proven: false,
    });
    assertAwaitingSignatures(version);
    if (existingSignatureId)
      throw conflict(`You already signed version ${version.number}; a signature cannot be taken back by declining.`, {
        reason: 'ALREADY_SIGNED',
      });
    const declinedAt = new Date();
    await tx.execute(
      `update "contract_versions" set "status" = 'DECLINED', "status_changed_at" = ?, "declined_by_id" = ?, "decline_reason" = ? where "id" = ?`,
      [declinedAt, signerId, reason, versionId],
    );
    await appendAudit(tx, keys, {
      proposalId,
      kind: 'VERSION_DECLINED',
      actorId: signerId,
      versionId,
      data: { reason, number: version.number },
      at: declinedAt,
    });
    await issueReceipt(tx, keys, proposalId);
    const names = await namesOf(tx, signerId, proposalId);
    const participants = await tx.execute<{ user_id: string }[]>(
      `select "user_id" from "participants" where "proposal_id" = ? and "user_id" is not null`,
      [proposalId],
    );
    const notices = await notify(tx, deps, {
      kind: 'SIGNER_DECLINED',
      proposalId,
      actorId: signerId,
      recipientIds: participants.map((row) => row.user_id),
      text: `${names.actor} declined version ${version.number} of ${quoted(names.title)}: ${reason.length > 200 ? `${reason.slice(0, 199)}…` : reason}`,
      link: versionLink(proposalId, versionId),
    });
    const declined = { versionId, proposalId, number: version.number, notices };
    await inTransaction?.(tx, declined);
    return declined;
  });
}
