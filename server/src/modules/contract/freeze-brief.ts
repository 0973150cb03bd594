import { randomUUID } from 'node:crypto';
import type { EntityManager, Knex } from '@mikro-orm/postgresql';
import * as Y from 'yjs';
import {
  chainHashOf,
  ErrorCode,
  evaluateReadiness,
  failingBlockers,
  frozenContentOf,
  readBrief,
  settledBrief,
  type ParticipantRole,
  type Receipt,
} from '@brieflock/schema';
import { badInput, conflict, DomainError, forbidden } from '../../errors.js';
import { isId, parseInput } from '../../validation.js';
import type { Viewer } from '../accounts/sessions.js';
import type { LiveBriefs } from '../briefs/live-briefs.js';
import { proposalNotFound } from '../proposals/proposal.policy.js';
import { appendAudits, type AuditEntry } from './audit.js';
import { issueReceipt } from '../trust/receipts.js';
import type { ServerKeys } from '../trust/server-keys.js';
import { readBriefDoc } from '../briefs/brief-snapshot.js';
import { readinessFacts } from '../briefs/readiness-facts.js';
import { openTextSuggestionsIn } from '../suggestions/list-suggestions.js';
import { snapshotOpenThreads } from '../comments/version-threads.js';
import { FreezeProposalSchema, type FreezeProposalInput } from './contract.inputs.js';
import { assertCanFreezeAs } from './contract.policy.js';
import type { ContractVersionRow } from './contract.rows.js';
import { contractInForce } from './contract-in-force.js';
import { notify, quoted, versionLink, type Notice, type NotifyDeps } from '../notifications/notify.js';

export interface FrozenVersion {
  versionId: string;
  proposalId: string;
  number: number;
  /** The version this freeze superseded, if one was still awaiting signatures. */
  supersededId: string | null;
  /** The parties' receipt for the chain head after this freeze. */
  receipt: Receipt;
  /** The signers' notifications that the version awaits them, to publish after commit. */
  notices: Notice[];
}

/**
 * Freezes the live brief into the next contract version, in one transaction: checks
 * readiness (the brief and the facts beside it), hashes the canonical JSON, chains it to
 * the previous version, records the required signers, keeps the threads still open as
 * they are now (beside the version, outside its content), supersedes a version still
 * awaiting signatures and writes the audit trail. Once a version is in force, the next
 * one is a change order: it records (and hashes) the version it amends. The
 * proposal row is locked first, so racing freezes (and signatures) take turns and
 * numbers stay gapless. Events are the caller's job, after commit; `inTransaction` runs
 * inside the freeze's own transaction before it commits (what must commit with it, such
 * as enqueued webhook deliveries — not in a savepoint of an outer transaction, whose own
 * id the signer guard would not accept as the version's).
 */
export async function freezeBrief(
  em: EntityManager,
  live: LiveBriefs,
  keys: ServerKeys,
  viewer: Viewer,
  input: FreezeProposalInput,
  deps: NotifyDeps,
  inTransaction?: (tx: EntityManager, frozen: FrozenVersion) => Promise<void>,
): Promise<FrozenVersion> {
  const { proposalId, note, signingOrder } = parseInput(FreezeProposalSchema, input);
  if (!isId(proposalId)) throw proposalNotFound();
  return em.transactional(async (tx) => {
    // The lock, the freezer's role and what the notification names, in one round trip
    // (under the lock, the title cannot change before commit).
    const [proposal] = await tx.execute<
      { title: string | null; role: ParticipantRole | null; actor_name: string | null }[]
    >(
      `select pr."title", pa."role", (select u."name" from "users" u where u."id" = ?) as "actor_name"
         from "proposals" pr
         left join "participants" pa on pa."proposal_id" = pr."id" and pa."user_id" = ?
        where pr."id" = ? for update of pr`,
      [viewer.user.id, viewer.user.id, proposalId],
    );
    if (!proposal) throw proposalNotFound();
    assertCanFreezeAs(proposal.role);

    // The brief, its Yjs state and its open rich-text suggestions, from one document
    // (read synchronously, so they agree with each other).
    const { brief, state, openText } = await readBriefDoc(tx, live, proposalId, (doc) => ({
      brief: readBrief(doc),
      state: Y.encodeStateAsUpdate(doc),
      openText: openTextSuggestionsIn(doc),
    }));
    const readiness = evaluateReadiness(brief, await readinessFacts(tx, live, proposalId, openText));
    const failing = failingBlockers(readiness);
    if (failing.length > 0) {
      const messages = readiness.checks.filter((check) => failing.includes(check.key)).map((check) => check.message);
      throw new DomainError(ErrorCode.BRIEF_NOT_READY, `The brief is not ready to be frozen: ${messages.join(' ')}`, {
        checks: failing,
      });
    }

    const [previous] = await tx.execute<
      Pick<ContractVersionRow, 'id' | 'number' | 'chain_hash' | 'status' | 'content_hash'>[]
    >(
      'select "id", "number", "chain_hash", "status", "content_hash" from "contract_versions" where "proposal_id" = ? order by "number" desc limit 1',
      [proposalId],
    );
    // A pending invitation (no account yet) is no signer.
    const signers = await tx.execute<{ user_id: string; role: 'CLIENT' | 'FREELANCER' }[]>(
      `select "user_id", "role" from "participants"
        where "proposal_id" = ? and "user_id" is not null and "role" in ('CLIENT', 'FREELANCER') order by "created_at", "id"`,
      [proposalId],
    );
    // Never a suggestion mark in a frozen version (the readiness check refuses a brief
    // with open ones; marks nobody can decide, from a foreign client, are left out too).
    const groupOf = signingOrder ? await signingGroups(tx, proposalId, viewer.user.id, signingOrder, signers) : null;
    const { canonical, contentHash } = frozenContentOf(settledBrief(brief));
    // A version that freezes nothing new would only ask everyone to sign the same again.
    if (previous && previous.content_hash === contentHash)
      throw conflict(`Nothing changed since version ${previous.number}. Edit the brief before freezing again.`, {
        reason: 'UNCHANGED',
        number: previous.number,
      });
    const number = (previous?.number ?? 0) + 1;
    const frozenAt = new Date();
    const previousHash = previous?.chain_hash ?? null;
    // Read under the proposal lock a signature also takes: the contract in force cannot
    // change between this read and the insert, so a change order amends what was in force.
    const amendsId = (await contractInForce(tx, proposalId))?.id ?? null;
    const chainHash = chainHashOf({
      proposalId,
      number,
      contentHash,
      previousHash,
      frozenById: viewer.user.id,
      frozenAt,
      note,
      signerIds: signers.map((signer) => signer.user_id),
      signingOrder,
      amendsId,
    });

    const versionId = randomUUID();
    const seal = keys.seal({ record: 'version', ref: versionId, hash: chainHash });
    // Bound, not inlined: `execute` writes parameters into the SQL text, which for a large
    // brief means escaping hundreds of kilobytes of JSON and hex on every freeze.
    const trx = tx.getTransactionContext<Knex.Transaction>()!;
    await trx.raw(
      `insert into "contract_versions" ("id", "proposal_id", "number", "content_hash", "content_json", "yjs_state", "previous_hash", "chain_hash", "note", "frozen_by_id", "frozen_at", "server_key_id", "server_signature", "amends_id")
       values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [
        versionId,
        proposalId,
        number,
        contentHash,
        // The canonical JSON is the content's JSON already (jsonb stores the same value).
        canonical,
        Buffer.from(state.buffer, state.byteOffset, state.byteLength),
        previousHash,
        chainHash,
        note,
        viewer.user.id,
        frozenAt,
        seal.keyId,
        seal.signature,
        amendsId,
      ],
    );
    if (signers.length > 0) {
      await tx.execute(
        `insert into "version_signers" ("id", "version_id", "user_id", "role", "signing_group") values ${signers.map(() => '(gen_random_uuid(), ?, ?, ?, ?)').join(', ')}`,
        signers.flatMap((signer) => [versionId, signer.user_id, signer.role, groupOf?.get(signer.user_id) ?? null]),
      );
    }

    await snapshotOpenThreads(tx, proposalId, versionId);

    let supersededId: string | null = null;
    const audits: AuditEntry[] = [];
    if (previous && previous.status === 'AWAITING_SIGNATURES') {
      supersededId = previous.id;
      await tx.execute(
        `update "contract_versions" set "status" = 'SUPERSEDED', "status_changed_at" = ? where "id" = ?`,
        [frozenAt, previous.id],
      );
      audits.push({
        proposalId,
        kind: 'VERSION_SUPERSEDED',
        actorId: viewer.user.id,
        versionId: previous.id,
        data: { by: versionId, number: previous.number },
        at: frozenAt,
      });
    }
    audits.push({
      proposalId,
      kind: 'VERSION_FROZEN',
      actorId: viewer.user.id,
      versionId,
      data: {
        number,
        contentHash,
        chainHash,
        signers: signers.map((signer) => signer.user_id),
        ...(signingOrder ? { signingOrder } : {}),
        ...(amendsId ? { amendsId } : {}),
      },
      at: frozenAt,
    });
    const head = await appendAudits(tx, keys, proposalId, audits);
    const receipt = await issueReceipt(tx, keys, proposalId, head);
    const names = { actor: proposal.actor_name ?? 'Someone', title: proposal.title ?? 'a proposal' };
    const notices = await notify(tx, deps, {
      kind: 'SIGNATURE_REQUESTED',
      proposalId,
      actorId: viewer.user.id,
      // With a signing order, only the first group's turn has come.
      recipientIds: signers.map((signer) => signer.user_id).filter((id) => !groupOf || groupOf.get(id) === 0),
      text: `${names.actor} froze version ${number} of ${quoted(names.title)}: it waits for your signature`,
      link: versionLink(proposalId, versionId),
    });
    const frozen = { versionId, proposalId, number, supersededId, receipt, notices };
    await inTransaction?.(tx, frozen);
    return frozen;
  });
}

/**
 * Checks a signing order against the freeze's required signers (only a CLIENT sets one;
 * every signer in exactly one non-empty group) and answers each signer's 0-based group.
 */
async function signingGroups(
  tx: EntityManager,
  proposalId: string,
  viewerId: string,
  order: string[][],
  signers: { user_id: string }[],
): Promise<Map<string, number>> {
  const [me] = await tx.execute<{ role: string }[]>(
    'select "role" from "participants" where "proposal_id" = ? and "user_id" = ?',
    [proposalId, viewerId],
  );
  if (me?.role !== 'CLIENT') throw forbidden('Only a client of the proposal sets a signing order.');
  const required = new Set(signers.map((signer) => signer.user_id));
  const groupOf = new Map<string, number>();
  order.forEach((group, index) => {
    if (group.length === 0) throw badInput('signingOrder', 'every group must name at least one signer');
    for (const id of group) {
      if (!required.has(id)) throw badInput('signingOrder', `${id} is not a required signer of this version`);
      if (groupOf.has(id)) throw badInput('signingOrder', `${id} appears more than once`);
      groupOf.set(id, index);
    }
  });
  if (groupOf.size !== required.size)
    throw badInput('signingOrder', 'every required signer must be in exactly one group');
  return groupOf;
}
