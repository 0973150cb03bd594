import type { IncomingMessage } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import { COLLAB_LIMITS, canEditWithRole, colorForUser } from '@brieflock/schema';
import type { CollabHooks, CollabPeer, CollabRefusal, DocumentChange } from '../../collab/hooks.js';
import type { Logger } from '../../logger.js';
import { canonicalId } from '../../validation.js';
import { authenticate } from '../accounts/sessions.js';
import { roleOn } from '../proposals/proposal.policy.js';
import { attributeTextSuggestions, watchRemovedMarks } from '../suggestions/attribute-marks.js';
import { type BriefLogLimits, BriefLogs } from './brief-log.js';
import { compactStoredBrief, loadBrief } from './brief-store.js';
import { convertLoadedBrief } from './text-fields.js';
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
  /** The session token an upgrade request carries besides `?token=` (subprotocol, header or cookie: the transport's business). */
  tokenOf: (request: IncomingMessage) => string | undefined;
  /** Told of every applied update, with the rich-text suggestions a socket's update started. */
  onChanged?: (proposalId: string, change: DocumentChange, suggestionsAdded: readonly string[]) => void;
  /** Bounds on each brief's stored log (default: COLLAB_LIMITS). */
  logLimits?: BriefLogLimits;
  /** Told of every brief's stored log (tests and metrics). */
  onLogs?: (logs: BriefLogs) => void;
}): CollabHooks {
  const { orm, log, updates } = deps;
  const limits = deps.logLimits ?? {
    compactAboveBytes: COLLAB_LIMITS.compactAboveBytes,
    maxLogBytes: COLLAB_LIMITS.maxLogBytes,
    bytesPerSecond: COLLAB_LIMITS.documentBytesPerSecond,
  };
  const logs = new BriefLogs(
    limits,
    async (proposalId) => {
      const bytes = await compactStoredBrief(orm, proposalId);
      log.debug({ proposalId, bytes }, 'brief update log compacted while open');
      return bytes;
    },
    (proposalId, error) => log.warn({ err: error, proposalId }, 'brief update log could not be compacted'),
  );
  deps.onLogs?.(logs);
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
    load: async (proposalId, doc, origin) => {
      // Text fields written as plain strings, and those nobody wrote yet, become Y.Text
      // before anyone syncs, and the conversion is stored (in the compacted state, when
      // the load compacts the log) before the brief is served, so it is made once.
      const loaded = await loadBrief(orm, log, proposalId, doc, origin, {
        compactAboveBytes: limits.compactAboveBytes,
        convert: (loading) => convertLoadedBrief(loading, origin),
      });
      // Only what sockets change later is attributed: the load's own transactions (the
      // whole stored log, deletions and all) need no watching.
      watchRemovedMarks(doc);
      let { bytes } = loaded;
      if (loaded.converted) {
        await updates.append(proposalId, loaded.converted);
        bytes += loaded.converted.length;
        log.debug({ proposalId, bytes: loaded.converted.length }, 'brief text fields converted to Y.Text');
      }
      logs.loaded(proposalId, bytes);
      return loaded.state ? { state: loaded.state } : undefined;
    },
    store: (proposalId, update) => {
      logs.charge(proposalId, update.length);
      return updates.append(proposalId, update).then(() => logs.stored(proposalId, update.length));
    },
    admits: (proposalId, bytes) => logs.admits(proposalId, bytes),
    changed: (proposalId, change) => {
      // Suggestion marks name the person whose socket wrote them, whatever the client wrote.
      const { added, corrected } = change.peer
        ? attributeTextSuggestions(change.doc, change.transaction, change.peer.user.id)
        : { added: [], corrected: 0 };
      if (corrected > 0)
        log.warn(
          { proposalId, userId: change.peer?.user.id, corrected },
          'suggestion marks naming another author were attributed to their sender',
        );
      deps.onChanged?.(proposalId, change, added);
    },
  };
}
