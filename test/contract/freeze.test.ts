import { randomUUID } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import {
  auditHashOf,
  chainHashOf,
  CONTRACT_LIMITS,
  contentHashOf,
  contentJsonOf,
  emptyBrief,
  evaluateReadiness,
  failingBlockers,
  readBrief,
  type TypedBriefContent,
} from '@brieflock/schema';
import type { ContractVersionRow } from '../../server/src/modules/contract/contract.rows.js';
import { useTestApp } from '../support/app.js';
import { completeBrief, writeParagraphs } from '../support/brief.js';
import { peerPool, serverDoc } from '../support/collab-checks.js';
import { synced } from '../support/collab.js';
import { editLiveBrief, freeze, freezeOk, readyCast, reviseBrief, sign, verify } from '../support/contract.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();
afterEach(() => pool.destroyAll());

/** A proposal's versions as PostgreSQL holds them, oldest first. */
async function storedVersions(proposalId: string): Promise<ContractVersionRow[]> {
  const { rows } = await t.db.query<ContractVersionRow>(
    'select * from contract_versions where proposal_id = $1 order by number',
    [proposalId],
  );
  return rows;
}

/** How many contract rows of each kind a proposal has: all zero before its first freeze. */
async function storedCounts(proposalId: string) {
  const { rows } = await t.db.query<{ versions: number; signers: number; signatures: number; audit: number }>(
    `select (select count(*)::int from contract_versions where proposal_id = $1) as versions,
            (select count(*)::int from version_signers vs join contract_versions v on v.id = vs.version_id where v.proposal_id = $1) as signers,
            (select count(*)::int from signatures s join contract_versions v on v.id = s.version_id where v.proposal_id = $1) as signatures,
            (select count(*)::int from audit_events where proposal_id = $1) as audit`,
    [proposalId],
  );
  return rows[0]!;
}

const NOTHING = { versions: 0, signers: 0, signatures: 0, audit: 0 };

describe('readiness gates a freeze', () => {
  it('an empty brief is refused with BRIEF_NOT_READY naming exactly its failing blockers, and nothing is stored', async () => {
    const cast = await makeCast(t.api);

    const result = await freeze(t, cast.client, cast.proposal.id);

    const expected = failingBlockers(evaluateReadiness(emptyBrief()));
    expect(expected.length).toBeGreaterThan(1);
    expect(result.code).toBe('BRIEF_NOT_READY');
    expect(result.errors?.[0]?.extensions?.checks).toEqual(expected);
    expect(result.data).toBeNull();
    expect(await storedCounts(cast.proposal.id)).toEqual(NOTHING);
  });

  it.each([
    [
      'no IP owner',
      'ip-owner',
      (brief: TypedBriefContent) => {
        brief.ownership.ipOwner = null;
      },
    ],
    [
      'a milestone without a due date',
      'milestones-accepted',
      (brief: TypedBriefContent) => {
        brief.milestones[1]!.dueDate = null;
      },
    ],
    [
      'no data sources',
      'data-assessed',
      (brief: TypedBriefContent) => {
        brief.dataReadiness.sources = '';
      },
    ],
  ])('a complete brief with %s is refused naming only %s, and nothing is stored', async (_what, key, breakIt) => {
    const brief = completeBrief();
    breakIt(brief);
    const cast = await readyCast(t, brief);

    const result = await freeze(t, cast.freelancer, cast.proposal.id);

    expect(result.code).toBe('BRIEF_NOT_READY');
    expect(result.errors?.[0]?.extensions?.checks).toEqual([key]);
    expect(failingBlockers(evaluateReadiness(brief))).toEqual([key]);
    expect(await storedCounts(cast.proposal.id)).toEqual(NOTHING);
  });
});

describe('freezing a complete brief', () => {
  it('stores version 1: its hashes recompute, its Yjs state reads back, its signers are the client and the freelancer, and it is audited', async () => {
    const cast = await readyCast(t);

    const version = await freezeOk(t, cast.client, cast.proposal.id, '  First draft for signature  ');

    expect(version).toMatchObject({
      number: 1,
      status: 'AWAITING_SIGNATURES',
      previousHash: null,
      note: 'First draft for signature',
      frozenBy: { id: cast.client.id },
    });
    expect(version.contentJson).toEqual(contentJsonOf(completeBrief()));
    expect(version.contentHash).toBe(contentHashOf(version.contentJson));
    expect(version.contentHash).toMatch(/^[0-9a-f]{64}$/);

    const [row, ...others] = await storedVersions(cast.proposal.id);
    expect(others).toEqual([]);
    const { rows: signers } = await t.db.query<{ user_id: string; role: string }>(
      'select user_id, role from version_signers where version_id = $1',
      [row!.id],
    );
    expect(row).toMatchObject({
      id: version.id,
      number: 1,
      content_hash: version.contentHash,
      chain_hash: version.chainHash,
      previous_hash: null,
      frozen_by_id: cast.client.id,
      status_changed_at: null,
    });
    expect(row!.content_json).toEqual(version.contentJson);
    expect(row!.chain_hash).toBe(
      chainHashOf({
        proposalId: cast.proposal.id,
        number: 1,
        contentHash: contentHashOf(row!.content_json),
        previousHash: null,
        frozenById: cast.client.id,
        frozenAt: row!.frozen_at,
        note: 'First draft for signature',
        signerIds: signers.map((signer) => signer.user_id),
      }),
    );

    const doc = new Y.Doc();
    Y.applyUpdate(doc, new Uint8Array(row!.yjs_state));
    expect(contentJsonOf(readBrief(doc))).toEqual(version.contentJson);
    doc.destroy();

    const byUser = (a: { user_id: string }, b: { user_id: string }) => a.user_id.localeCompare(b.user_id);
    const expectedSigners = [
      { user_id: cast.client.id, role: 'CLIENT' },
      { user_id: cast.freelancer.id, role: 'FREELANCER' },
    ].sort(byUser);
    expect([...signers].sort(byUser)).toEqual(expectedSigners);
    expect(
      version.signers
        .map((signer) => ({ user_id: signer.user.id, role: signer.role, signature: signer.signature }))
        .sort(byUser),
    ).toEqual(expectedSigners.map((signer) => ({ ...signer, signature: null })));
    expect(version.signatures).toEqual([]);

    const { rows: audit } = await t.db.query(
      'select kind, actor_id, version_id, data, at, previous_hash, hash from audit_events where proposal_id = $1 order by id',
      [cast.proposal.id],
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      kind: 'VERSION_FROZEN',
      actor_id: cast.client.id,
      version_id: version.id,
      previous_hash: null,
    });
    expect(audit[0]!.data).toMatchObject({ number: 1, contentHash: version.contentHash, chainHash: version.chainHash });
    expect(audit[0]!.hash).toBe(
      auditHashOf({
        proposalId: cast.proposal.id,
        kind: 'VERSION_FROZEN',
        actorId: cast.client.id,
        versionId: version.id,
        data: audit[0]!.data,
        at: audit[0]!.at,
        previousHash: null,
      }),
    );
  });

  it('takes the live document as the server holds it while a peer is still connected and typing', async () => {
    const cast = await readyCast(t);
    const peer = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(peer);
    writeParagraphs(peer.doc.getXmlFragment('outcome'), ['Typed a moment before the freeze.']);
    await waitFor(
      () => readBrief(serverDoc(t.app, cast.proposal.id)).outcome.text.endsWith('Typed a moment before the freeze.'),
      { what: 'the server to hold the new line' },
    );

    const version = await freezeOk(t, cast.client, cast.proposal.id);

    expect(version.contentJson.outcome.text).toBe(`${completeBrief().outcome.text}\nTyped a moment before the freeze.`);
    expect(version.contentJson).toEqual(contentJsonOf(readBrief(peer.doc)));
    expect(version.contentHash).toBe(contentHashOf(version.contentJson));
    await waitFor(() => peer.isSaved(), { what: 'the line to be stored' });
  });

  // Server bug: a collaborator can type U+0000 into any text; the draft still reads as
  // ready, but PostgreSQL jsonb refuses "\u0000", so the freeze fails with
  // INTERNAL_SERVER_ERROR until someone finds and removes the invisible character
  // (freeze-brief.ts, the insert into contract_versions).
  it('a ready brief containing a NUL character still freezes', async () => {
    const cast = await readyCast(t);
    await editLiveBrief(t, cast.freelancer, cast.proposal.id, (doc) =>
      doc.getMap('ownership').set('license', 'MIT\u0000'),
    );
    const readiness = await t.api.gql(
      'query($id: ID!) { proposal(id: $id) { readiness { ready } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    expect(readiness.data?.proposal.readiness.ready).toBe(true);

    const result = await freeze(t, cast.client, cast.proposal.id);

    expect(result.code).toBeUndefined();
    expect(result.data?.freezeProposal.number).toBe(1);
  });

  it('racing freezes of one brief make exactly one version each round, numbered 1 to 10 with no gap, chained, and only the newest awaits signatures', async () => {
    const cast = await readyCast(t);

    // Ten rounds of five racing freezes: each round's winner freezes the change, the others
    // find nothing new since it (CONFLICT), whatever order the row lock gives them.
    const expectedNumbers = Array.from({ length: 10 }, (_, i) => i + 1);
    const winners: number[] = [];
    for (const round of expectedNumbers) {
      if (round > 1) await reviseBrief(t, cast.client, cast.proposal.id);
      const results = await Promise.all(
        Array.from({ length: 5 }, (_, i) =>
          freeze(t, i % 2 === 0 ? cast.client : cast.freelancer, cast.proposal.id, `round ${round} #${i}`),
        ),
      );
      const won = results.filter((result) => result.data?.freezeProposal);
      expect(won).toHaveLength(1);
      expect(results.filter((result) => result.code === 'CONFLICT')).toHaveLength(4);
      winners.push(won[0]!.data!.freezeProposal.number);
    }
    expect(winners).toEqual(expectedNumbers);
    const rows = await storedVersions(cast.proposal.id);
    expect(rows.map((row) => row.number)).toEqual(expectedNumbers);
    rows.forEach((row, i) => {
      expect(row.previous_hash, `previous hash of version ${row.number}`).toBe(
        i === 0 ? null : rows[i - 1]!.chain_hash,
      );
    });
    expect(new Set(rows.map((row) => row.chain_hash)).size).toBe(10);
    expect(rows.map((row) => row.status)).toEqual([...Array(9).fill('SUPERSEDED'), 'AWAITING_SIGNATURES']);
    expect(await storedCounts(cast.proposal.id)).toEqual({ versions: 10, signers: 20, signatures: 0, audit: 10 + 9 });

    const report = await verify(t, cast.viewer, cast.proposal.id);
    expect(report.data?.verifyProposal).toMatchObject({
      ok: true,
      versionsChecked: 10,
      auditEventsChecked: 19,
      firstMismatch: null,
      mismatches: [],
    });
  });

  it('a freeze supersedes the version still awaiting signatures, but never a signed one', async () => {
    const cast = await readyCast(t);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await editLiveBrief(t, cast.freelancer, cast.proposal.id, (doc) =>
      doc.getMap('ownership').set('ipOwner', 'SHARED'),
    );
    const v2 = await freezeOk(t, cast.freelancer, cast.proposal.id);

    let rows = await storedVersions(cast.proposal.id);
    expect(rows.map((row) => [row.number, row.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'AWAITING_SIGNATURES'],
    ]);
    expect(rows[0]!.status_changed_at).toEqual(rows[1]!.frozen_at);
    expect(v2.contentHash).not.toBe(v1.contentHash);

    for (const user of [cast.client, cast.freelancer])
      expect((await sign(t, user, v2.id, v2.contentHash)).errors).toBeUndefined();
    await reviseBrief(t, cast.client, cast.proposal.id);
    const v3 = await freezeOk(t, cast.client, cast.proposal.id);

    rows = await storedVersions(cast.proposal.id);
    expect(rows.map((row) => [row.number, row.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'SIGNED'],
      [3, 'AWAITING_SIGNATURES'],
    ]);
    expect(v3.previousHash).toBe(v2.chainHash);
    const { rows: superseded } = await t.db.query(
      'select version_id from audit_events where proposal_id = $1 and kind = $2',
      [cast.proposal.id, 'VERSION_SUPERSEDED'],
    );
    expect(superseded).toEqual([{ version_id: v1.id }]);
  });
});

describe('who may freeze', () => {
  const refusals: [
    string,
    string,
    (cast: Awaited<ReturnType<typeof makeCast>>) => [TestUser | null, string, string | null],
  ][] = [
    ['a viewer', 'FORBIDDEN', (cast) => [cast.viewer, cast.proposal.id, null]],
    ['a signed-in non-participant', 'NOT_FOUND', (cast) => [cast.outsider, cast.proposal.id, null]],
    ['an anonymous caller', 'UNAUTHENTICATED', (cast) => [null, cast.proposal.id, null]],
    ['a client naming a malformed proposal id', 'NOT_FOUND', (cast) => [cast.client, 'not-a-uuid', null]],
    ['a client naming a proposal that does not exist', 'NOT_FOUND', (cast) => [cast.client, randomUUID(), null]],
    [
      'a client with a note one character too long',
      'BAD_USER_INPUT',
      (cast) => [cast.client, cast.proposal.id, 'n'.repeat(CONTRACT_LIMITS.noteMaxLength + 1)],
    ],
  ];

  it.each(refusals)('%s gets %s and nothing is stored', async (_who, code, args) => {
    const cast = await readyCast(t);
    const [user, proposalId, note] = args(cast);

    const result = user
      ? await freeze(t, user, proposalId, note)
      : await t.api.gql('mutation($input: FreezeProposalInput!) { freezeProposal(input: $input) { id } }', {
          input: { proposalId, note },
        });

    expect(result.code).toBe(code);
    expect(result.data).toBeNull();
    expect(await storedCounts(cast.proposal.id)).toEqual(NOTHING);
  });

  // Server bug: PostgreSQL text refuses U+0000 and FreezeProposalSchema lets it through, so
  // this answers INTERNAL_SERVER_ERROR (contract.inputs.ts, the note schema).
  it('a note with a NUL character is refused as BAD_USER_INPUT, not an internal error', async () => {
    const cast = await readyCast(t);
    const result = await freeze(t, cast.client, cast.proposal.id, 'agreed \u0000 on Monday');
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(await storedCounts(cast.proposal.id)).toEqual(NOTHING);
  });

  it('the client and the freelancer may, with a note of exactly the longest length', async () => {
    const cast = await readyCast(t);
    const note = 'n'.repeat(CONTRACT_LIMITS.noteMaxLength);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id, note);
    await reviseBrief(t, cast.freelancer, cast.proposal.id);
    const v2 = await freezeOk(t, cast.freelancer, cast.proposal.id);
    expect([v1.note, v1.frozenBy.id, v2.number, v2.frozenBy.id]).toEqual([note, cast.client.id, 2, cast.freelancer.id]);
  });
});
