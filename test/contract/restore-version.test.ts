import { afterEach, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { contentHashOf, contentJsonOf, readBrief, settledBrief } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { synced } from '../support/collab.js';
import { appendParagraph, peerPool } from '../support/collab-checks.js';
import { editLiveBrief, freeze, freezeOk, readyCast, verify } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = peerPool();

afterEach(() => pool.destroyAll());

const restore = (user: TestUser, versionId: string) =>
  t.api.gql<{ restoreVersion: { id: string } }>(
    'mutation($id: ID!) { restoreVersion(versionId: $id) { id } }',
    { id: versionId },
    { token: user.token },
  );

const hashOf = (doc: Y.Doc) => contentHashOf(contentJsonOf(settledBrief(readBrief(doc))));

describe('restoreVersion', () => {
  it("turns the live draft back into a version's content for a connected editor, in one update, audited and verifiable", async () => {
    const cast = await readyCast(t);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id, 'first');
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => {
      appendParagraph(doc, 'A second thought.');
      (doc.getArray('milestones').get(0) as Y.Map<unknown>).set('title', 'Renamed milestone');
    });
    const v2 = await freezeOk(t, cast.client, cast.proposal.id, 'second');
    expect(v2.contentHash).not.toBe(v1.contentHash);

    const peer = pool.peer(t.app.url, cast.proposal.id, cast.freelancer.token);
    await synced(peer);
    expect(hashOf(peer.doc)).toBe(v2.contentHash);
    const updates: Uint8Array[] = [];
    peer.doc.on('update', (update: Uint8Array, origin: unknown) => {
      if (origin === peer.provider) updates.push(update);
    });

    const result = await restore(cast.freelancer, v1.id);
    expect(result.errors).toBeUndefined();
    expect(result.data?.restoreVersion.id).toBe(cast.proposal.id);
    await waitFor(() => hashOf(peer.doc) === v1.contentHash, { what: 'the restored content at the connected editor' });
    expect(updates).toHaveLength(1);
    expect(readBrief(peer.doc).outcome.text).not.toContain('A second thought.');
    // Text fields come back as the Y.Texts editors bind to.
    expect((peer.doc.getArray('milestones').get(0) as Y.Map<unknown>).get('title')).toBeInstanceOf(Y.Text);

    const rows = await t.db.query<{ kind: string; actor_id: string; version_id: string; data: unknown }>(
      'select kind, actor_id, version_id, data from audit_events where proposal_id = $1 order by sequence',
      [cast.proposal.id],
    );
    expect(rows.rows.at(-1)).toEqual({
      kind: 'DRAFT_RESTORED',
      actor_id: cast.freelancer.id,
      version_id: v1.id,
      data: { number: 1, contentHash: v1.contentHash },
    });
    const report = await verify(t, cast.client, cast.proposal.id);
    expect(report.data?.verifyProposal.mismatches).toEqual([]);
    expect(report.data?.verifyProposal.ok).toBe(true);

    // The restored draft is version 1 again: a new freeze of it differs from version 2.
    const v3 = await freezeOk(t, cast.client, cast.proposal.id, 'back to the first');
    expect(v3.contentHash).toBe(v1.contentHash);
  });

  it('a tampered restore row fails verification', async () => {
    const cast = await readyCast(t);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'More.'));
    await freezeOk(t, cast.client, cast.proposal.id);
    expect((await restore(cast.client, v1.id)).errors).toBeUndefined();
    // Rewritten behind the server's back (triggers held off, as an attacker with the database could).
    await t.db.query('alter table audit_events disable trigger audit_events_immutable');
    try {
      await t.db.query(
        `update audit_events set data = jsonb_set(data::jsonb, '{number}', '2')::json where proposal_id = $1 and kind = 'DRAFT_RESTORED'`,
        [cast.proposal.id],
      );
    } finally {
      await t.db.query('alter table audit_events enable trigger audit_events_immutable');
    }
    const report = await verify(t, cast.client, cast.proposal.id);
    expect(report.data?.verifyProposal.ok).toBe(false);
    // Named twice: the row no longer matches its hash, and it names a version as it never was.
    const fields = report.data?.verifyProposal.mismatches.filter((m) => m.kind === 'AUDIT_EVENT').map((m) => m.field);
    expect(fields).toEqual(expect.arrayContaining(['hash', 'versionId']));
  });

  it('is FORBIDDEN to a viewer and NOT_FOUND to an outsider, and changes nothing', async () => {
    const cast = await readyCast(t);
    const v1 = await freezeOk(t, cast.client, cast.proposal.id);
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'Kept.'));
    expect((await restore(cast.viewer, v1.id)).code).toBe('FORBIDDEN');
    expect((await restore(cast.outsider, v1.id)).code).toBe('NOT_FOUND');
    expect((await restore(cast.client, '00000000-0000-4000-8000-000000000000')).code).toBe('NOT_FOUND');
    const draft = await t.api.gql<{ proposal: { draft: { outcome: { text: string } } } }>(
      'query($id: ID!) { proposal(id: $id) { draft { outcome { text } } } }',
      { id: cast.proposal.id },
      { token: cast.client.token },
    );
    expect(draft.data?.proposal.draft.outcome.text).toContain('Kept.');
    const rows = await t.db.query('select 1 from audit_events where proposal_id = $1 and kind = $2', [
      cast.proposal.id,
      'DRAFT_RESTORED',
    ]);
    expect(rows.rowCount).toBe(0);
  });
});

describe('a freeze identical to the previous version', () => {
  it('is refused with CONFLICT naming the version, and a change lets the next freeze through', async () => {
    const cast = await readyCast(t);
    await freezeOk(t, cast.client, cast.proposal.id);
    const again = await freeze(t, cast.freelancer, cast.proposal.id, 'no change');
    expect(again.code).toBe('CONFLICT');
    expect(again.errors?.[0]?.message).toBe('Nothing changed since version 1. Edit the brief before freezing again.');
    const count = await t.db.query('select 1 from contract_versions where proposal_id = $1', [cast.proposal.id]);
    expect(count.rowCount).toBe(1);
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => appendParagraph(doc, 'A change.'));
    expect((await freezeOk(t, cast.client, cast.proposal.id)).number).toBe(2);
  });
});
