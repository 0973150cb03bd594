import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { emptyBrief, evaluateReadiness, readBrief, type Readiness } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import { completeBrief, paragraphs, writeBrief, writeParagraphs } from '../../../../test/support/brief.js';
import { connectPeer, synced, type TestPeer } from '../../../../test/support/collab.js';
import { makeCast, makeProposal } from '../../../../test/support/factories.js';
import { waitFor } from '../../../../test/support/wait.js';

const DRAFT = `query($id: ID!) { proposal(id: $id) {
  draft {
    outcome { text content }
    successMetrics { id name target }
    milestones { id title dueDate revisionRounds }
    dataReadiness { quality access }
    ownership { ipOwner }
    communication { cadence }
  }
  readiness { ready score checks { key severity passed message section } }
} }`;

interface DraftAnswer {
  draft: {
    outcome: { text: string; content: unknown };
    successMetrics: { id: string | null; name: string; target: string }[];
    milestones: { id: string | null; title: string; dueDate: string | null; revisionRounds: number | null }[];
    dataReadiness: { quality: string | null; access: string | null };
    ownership: { ipOwner: string | null };
    communication: { cadence: string };
  };
  readiness: {
    ready: boolean;
    score: number;
    checks: { key: string; severity: string; passed: boolean; message: string; section: string }[];
  };
}

const t = useTestApp();
let cast: Awaited<ReturnType<typeof makeCast>>;
const peers: TestPeer[] = [];
const peer = (proposalId: string, token: string, doc?: Y.Doc) => {
  const created = connectPeer(t.app.url, proposalId, token, { doc });
  peers.push(created);
  return created;
};

beforeAll(async () => {
  cast = await makeCast(t.api);
});
afterAll(async () => {
  for (const p of peers) p.destroy();
});

/** Proposal.draft and Proposal.readiness as `token` sees them; fails on any error. */
async function readDraft(proposalId: string, token: string): Promise<DraftAnswer> {
  const result = await t.api.gql<{ proposal: DraftAnswer }>(DRAFT, { id: proposalId }, { token });
  expect(result.errors, JSON.stringify(result.errors)).toBeUndefined();
  return result.data!.proposal;
}

/** The readiness the GraphQL API returns, computed here from a brief with the same code. */
const asReturned = (readiness: Readiness): DraftAnswer['readiness'] => ({
  ready: readiness.ready,
  score: readiness.score,
  checks: readiness.checks.map(({ key, severity, passed, message, section }) => ({
    key,
    severity,
    passed,
    message,
    section,
  })),
});

/** The server's live document for the proposal, when loaded. */
const live = (proposalId: string) => t.app.collab.loadedDocument(proposalId);

/** Waits until the server has applied what makes `done` true to its live document. */
const appliedOnServer = (proposalId: string, done: (doc: Y.Doc) => boolean, what: string) =>
  waitFor(
    () => {
      const doc = live(proposalId);
      return doc !== undefined && done(doc);
    },
    { what },
  );

/** True when both documents hold the same updates. */
const sameState = (a: Y.Doc, b: Y.Doc) => {
  const [left, right] = [a, b].map((doc) =>
    [...Y.decodeStateVector(Y.encodeStateVector(doc))].sort(([x], [y]) => x - y),
  );
  return JSON.stringify(left) === JSON.stringify(right);
};

/**
 * Runs `work` while the update log cannot commit (its table is locked against writes;
 * reads still pass), so whatever the server shows meanwhile comes from memory.
 */
async function withStorageHeldBack<T>(work: () => Promise<T>): Promise<T> {
  await t.db.query('begin');
  try {
    await t.db.query('lock table brief_updates in exclusive mode');
    return await work();
  } finally {
    await t.db.query('commit');
  }
}

const storedRows = async (proposalId: string) =>
  (await t.db.query<{ n: number }>('select count(*)::int as n from brief_updates where proposal_id = $1', [proposalId]))
    .rows[0]!.n;

describe('the draft of a new proposal', () => {
  it('is empty, not ready, and lists every BLOCKER as failing', async () => {
    const proposal = await makeProposal(t.api, cast.client);

    const answer = await readDraft(proposal.id, cast.client.token);

    expect(answer.draft).toEqual({
      outcome: { text: '', content: [] },
      successMetrics: [],
      milestones: [],
      dataReadiness: { quality: null, access: null },
      ownership: { ipOwner: null },
      communication: { cadence: '' },
    });
    expect(answer.readiness.ready).toBe(false);
    const blockers = answer.readiness.checks.filter((check) => check.severity === 'BLOCKER');
    expect(blockers.map((check) => check.key)).toEqual([
      'outcome-defined',
      'metrics-measurable',
      'deliverables-listed',
      'data-assessed',
      'milestones-accepted',
      'ip-owner',
      'confidentiality',
      'trial-sound',
      'suggestions-settled',
    ]);
    // Nothing suggested, so nothing to settle, and no trial written, so none to be unsound:
    // every other BLOCKER on the brief itself fails.
    expect(blockers.filter((check) => check.passed).map((check) => check.key)).toEqual([
      'trial-sound',
      'suggestions-settled',
    ]);
    expect(answer.readiness).toEqual(
      asReturned(evaluateReadiness(emptyBrief(), { openThreads: 0, openSuggestions: 0 })),
    );
    expect(answer.readiness.score).toBeLessThan(50);
    // Reading a draft loads nothing and stores nothing.
    expect(live(proposal.id)).toBeUndefined();
    expect(await storedRows(proposal.id)).toBe(0);
  });
});

describe('the draft while someone edits', () => {
  it('reflects an edit as soon as the server applied it, before it is stored, and reads the same from storage once the document unloads', async () => {
    const proposal = await makeProposal(t.api, cast.client);
    const editor = peer(proposal.id, cast.client.token);
    await synced(editor);
    expect(live(proposal.id)).toBeDefined();
    // What the server stored when it loaded the new brief (its empty text fields).
    const opened = await storedRows(proposal.id);
    const first = await withStorageHeldBack(async () => {
      writeParagraphs(editor.doc.getXmlFragment('outcome'), ['Cut churn by a tenth.']);
      const metric = new Y.Map<unknown>();
      editor.doc.getArray('successMetrics').push([metric]);
      metric.set('id', 'metric-1');
      metric.set('name', new Y.Text('Monthly churn'));
      metric.set('target', '3.5%');
      editor.doc.getMap('dataReadiness').set('quality', 'FAIR');
      await appliedOnServer(
        proposal.id,
        (doc) => readBrief(doc).successMetrics[0]?.target === '3.5%',
        'the first edit on the server',
      );

      const answer = await readDraft(proposal.id, cast.client.token);
      expect(await storedRows(proposal.id)).toBe(opened);
      expect(editor.isSaved()).toBe(false);
      return answer;
    });
    expect(first.draft.outcome.text).toBe('Cut churn by a tenth.');
    expect(first.draft.outcome.content).toEqual(paragraphs('Cut churn by a tenth.').content);
    expect(first.draft.successMetrics).toEqual([{ id: 'metric-1', name: 'Monthly churn', target: '3.5%' }]);
    expect(first.draft.dataReadiness).toEqual({ quality: 'FAIR', access: null });

    // A second edit: the draft follows the live document, not an earlier read.
    editor.doc.getMap('communication').set('cadence', 'Weekly demo');
    editor.doc.getMap('dataReadiness').set('quality', 'GOOD');
    await appliedOnServer(
      proposal.id,
      (doc) => readBrief(doc).communication.cadence === 'Weekly demo',
      'the second edit on the server',
    );
    const second = await readDraft(proposal.id, cast.client.token);
    expect(second.draft.communication.cadence).toBe('Weekly demo');
    expect(second.draft.dataReadiness.quality).toBe('GOOD');

    await waitFor(() => editor.isSaved(), { what: 'the edits to be saved' });
    editor.destroy();
    await waitFor(() => live(proposal.id) === undefined, { what: 'the document to unload' });
    expect(await storedRows(proposal.id)).toBeGreaterThan(opened);

    const fromStorage = await readDraft(proposal.id, cast.client.token);
    expect(fromStorage).toEqual(second);
    // Reading from storage does not load the document for serving.
    expect(live(proposal.id)).toBeUndefined();
  });
});

describe('readiness of a brief written with plain Yjs', () => {
  it('is ready once every BLOCKER passes, even with warnings left', async () => {
    const proposal = await makeProposal(t.api, cast.client);
    const editor = peer(proposal.id, cast.client.token);
    await synced(editor);
    const brief = completeBrief();
    brief.outOfScope = paragraphs();
    brief.validation = paragraphs();
    brief.communication.cadence = '';
    brief.dataReadiness.access = 'REQUESTED';
    writeBrief(editor.doc, brief);
    await appliedOnServer(
      proposal.id,
      (doc) => readBrief(doc).ownership.confidentiality !== '',
      'the brief on the server',
    );

    const answer = await readDraft(proposal.id, cast.client.token);

    expect(answer.readiness.ready).toBe(true);
    expect(answer.readiness.checks.filter((check) => check.severity === 'BLOCKER' && !check.passed)).toEqual([]);
    expect(answer.readiness.checks.filter((check) => !check.passed).map((check) => check.key)).toEqual([
      'scope-boundaries',
      'data-access',
      'skills-validated',
      'communication-agreed',
    ]);
    expect(answer.readiness.score).toBeLessThan(100);
    expect(answer.draft.milestones).toEqual(
      brief.milestones.map(({ id, title, dueDate, revisionRounds }) => ({ id, title, dueDate, revisionRounds })),
    );
  });

  it('is not ready while one BLOCKER still fails, and names it', async () => {
    const proposal = await makeProposal(t.api, cast.client);
    const editor = peer(proposal.id, cast.client.token);
    await synced(editor);
    const brief = completeBrief();
    brief.ownership.ipOwner = null;
    writeBrief(editor.doc, brief);
    await appliedOnServer(
      proposal.id,
      (doc) => readBrief(doc).ownership.confidentiality !== '',
      'the brief on the server',
    );

    const answer = await readDraft(proposal.id, cast.client.token);

    expect(answer.readiness.ready).toBe(false);
    expect(answer.readiness.checks.filter((check) => !check.passed).map((check) => [check.key, check.section])).toEqual(
      [['ip-owner', 'ownership']],
    );
  });

  it('is what the same code computes from the peer’s own document, before and after more edits', async () => {
    const proposal = await makeProposal(t.api, cast.client);
    const editor = peer(proposal.id, cast.client.token);
    await synced(editor);
    const brief = completeBrief();
    brief.milestones[1]!.dueDate = '2099-02-30';
    brief.team = [
      { id: null, role: 'AI engineer', responsibility: 'Data pipelines, model training and deployment', member: 'Sam' },
    ];
    writeBrief(editor.doc, brief);
    const sameAsPeer = () => sameState(live(proposal.id)!, editor.doc);
    await appliedOnServer(proposal.id, sameAsPeer, 'the brief on the server');

    const answer = await readDraft(proposal.id, cast.client.token);
    const computed = asReturned(evaluateReadiness(readBrief(editor.doc), { openThreads: 0, openSuggestions: 0 }));
    expect(answer.readiness).toEqual(computed);
    expect(computed.checks.filter((check) => !check.passed).map((check) => check.key)).toEqual([
      'timeline-sane',
      'specialists',
    ]);

    editor.doc.getMap('ownership').delete('ipOwner');
    editor.doc.getArray('deliverables').delete(0, 1);
    await appliedOnServer(
      proposal.id,
      (doc) => sameAsPeer() && readBrief(doc).deliverables.length === 0,
      'the deletions on the server',
    );
    const after = await readDraft(proposal.id, cast.client.token);
    expect(after.readiness).toEqual(
      asReturned(evaluateReadiness(readBrief(editor.doc), { openThreads: 0, openSuggestions: 0 })),
    );
    expect(after.readiness.ready).toBe(false);
    expect(after.readiness).not.toEqual(answer.readiness);
  });
});

describe('who may read the draft and readiness', () => {
  let proposalId: string;
  beforeAll(async () => {
    proposalId = cast.proposal.id;
    const editor = peer(proposalId, cast.client.token);
    await synced(editor);
    writeParagraphs(editor.doc.getXmlFragment('outcome'), ['Secret outcome of the churn pilot.']);
    await appliedOnServer(proposalId, (doc) => readBrief(doc).outcome.text !== '', 'the outcome on the server');
  });

  it.each([
    ['the client', 'client'],
    ['the freelancer', 'freelancer'],
    ['a viewer', 'viewer'],
  ] as const)('%s reads both', async (_who, actor) => {
    const answer = await readDraft(proposalId, cast[actor].token);
    expect(answer.draft.outcome.text).toBe('Secret outcome of the churn pilot.');
    expect(answer.readiness.checks.length).toBeGreaterThan(0);
  });

  it('a signed-in non-participant gets NOT_FOUND and nothing of the brief', async () => {
    const result = await t.api.gql(DRAFT, { id: proposalId }, { token: cast.outsider.token });
    expect(result.code).toBe('NOT_FOUND');
    expect(result.data).toEqual({ proposal: null });
    expect(JSON.stringify(result)).not.toContain('Secret outcome');
  });

  it('an anonymous caller gets UNAUTHENTICATED and nothing of the brief', async () => {
    const result = await t.api.gql(DRAFT, { id: proposalId });
    expect(result.code).toBe('UNAUTHENTICATED');
    expect(result.data).toEqual({ proposal: null });
    expect(JSON.stringify(result)).not.toContain('Secret outcome');
  });
});
