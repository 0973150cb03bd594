import * as Y from 'yjs';
import type { EntityManager } from '@mikro-orm/postgresql';
import { canEditWithRole } from '@brieflock/schema';
import { forbidden } from '../../errors.js';
import type { User } from '../accounts/user.entity.js';
import type { LiveBriefs } from '../briefs/live-briefs.js';
import { restoreBrief } from '../briefs/restore-brief.js';
import { appendAudit } from './audit.js';
import { versionProposalFor } from './contract.policy.js';
import type { ServerKeys } from '../trust/server-keys.js';

export interface RestoredDraft {
  proposalId: string;
  number: number;
}

/**
 * Turns the live draft back into a version's content (CLIENT or FREELANCER): one Yjs
 * transaction on the live document, which every connected editor receives as one change,
 * and a DRAFT_RESTORED row in the audit trail. The proposal row is locked for the whole
 * of it, so a freeze cannot slip between the restore and its audit row. The lock is
 * FOR NO KEY UPDATE: the live document's update rows reference the proposal, and storing
 * them (on another connection, awaited here) takes a key-share lock that FOR UPDATE
 * would block.
 */
export async function restoreVersion(
  em: EntityManager,
  live: LiveBriefs,
  keys: ServerKeys,
  actor: User,
  versionId: string,
): Promise<RestoredDraft> {
  return em.transactional(async (tx) => {
    const { proposalId, role } = await versionProposalFor(tx, versionId, actor.id);
    if (!canEditWithRole(role)) throw forbidden('Only clients and freelancers can restore a version; viewers read it.');
    await tx.execute('select "id" from "proposals" where "id" = ? for no key update', [proposalId]);
    const [version] = await tx.execute<{ number: number; content_hash: string; yjs_state: Buffer }[]>(
      'select "number", "content_hash", "yjs_state" from "contract_versions" where "id" = ?',
      [versionId.toLowerCase()],
    );
    const frozen = new Y.Doc();
    Y.applyUpdate(frozen, new Uint8Array(version!.yjs_state));
    try {
      await live.edit(proposalId, (doc) => restoreBrief(doc, frozen));
    } finally {
      frozen.destroy();
    }
    await appendAudit(tx, keys, {
      proposalId,
      kind: 'DRAFT_RESTORED',
      actorId: actor.id,
      versionId: versionId.toLowerCase(),
      data: { number: version!.number, contentHash: version!.content_hash },
      at: new Date(),
    });
    return { proposalId, number: version!.number };
  });
}
