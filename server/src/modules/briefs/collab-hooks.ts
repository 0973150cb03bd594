import type { IncomingMessage } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { canEditWithRole, colorForUser } from '@brieflock/schema';
import type { CollabHooks, CollabPeer, CollabRefusal, DocumentChange } from '../../collab/hooks.js';
import type { Logger } from '../../logger.js';
import { canonicalId } from '../../validation.js';
import { authenticate } from '../accounts/sessions.js';
import { roleOn } from '../proposals/proposal.policy.js';
import { loadBrief } from './brief-store.js';
import type { UpdateLog } from './update-log.js';

const refuse = (refused: CollabRefusal['refused'], reason: string): CollabRefusal => ({ refused, reason });

/**
 * The domain behind `/collab/<proposalId>`: the same session check and participant
 * policy as GraphQL, the brief's update log for storage.
 */
export function createCollabHooks(deps: {
  orm: MikroORM;
  log: Logger;
  updates: UpdateLog;
  /** The session token an upgrade request carries besides `?token=` (header or cookie: the transport's business). */
  tokenOf: (request: IncomingMessage) => string | undefined;
  onChanged?: (proposalId: string, change: DocumentChange) => void;
}): CollabHooks {
  const { orm, log, updates } = deps;
  return {
    documentName: canonicalId,
    async authenticate(request: IncomingMessage, url: URL, proposalId: string): Promise<CollabPeer | CollabRefusal> {
      const token = url.searchParams.get('token') || deps.tokenOf(request);
      if (!token) return refuse('unauthenticated', 'sign in first');
      const em = orm.em.fork();
      const viewer = await authenticate(em, token);
      if (typeof viewer === 'string') return refuse('unauthenticated', `session ${viewer}`);
      // A missing proposal and one the user is not part of get the same answer.
      const role = await roleOn(em, proposalId, viewer.user.id);
      if (!role) return refuse('forbidden', 'not a participant of this proposal');
      return {
        user: { id: viewer.user.id, name: viewer.user.name, color: colorForUser(viewer.user.id), role },
        canWrite: canEditWithRole(role),
        sessionId: viewer.session.id,
        expiresAt: viewer.session.expiresAt ?? null,
      };
    },
    load: (proposalId, doc, origin) => loadBrief(orm, log, proposalId, doc, origin),
    store: (proposalId, update) => updates.append(proposalId, update),
    changed: deps.onChanged,
  };
}
