// @vitest-environment node
import { type Client, gql } from 'urql';
import { describe, expect, it } from 'vitest';
import { pipe, subscribe, toPromise, take } from 'wonka';
import { getOperationName } from '@urql/core';
import {
  CreateProposalMutation,
  ProposalQuery,
  ProposalEventsSubscription,
  ProposalsQuery,
  RemoveParticipantMutation,
} from '../operations/proposals';
import { ProposalVersionsQuery } from '../operations/contract';
import { ProposalThreadsQuery, VersionThreadsQuery } from '../operations/comments';
import { fakeServer } from './fake-server';

const user = (id: string) => ({ __typename: 'User', id, email: `${id}@example.test`, name: id });
const participant = (id: string, role = 'FREELANCER') => ({
  __typename: 'Participant',
  id,
  role,
  pending: false,
  invitedEmail: null,
  proposalId: 'p1',
  user: user(`user-${id}`),
});
const version = (id: string, number: number, status: string) => ({
  __typename: 'ContractVersion',
  id,
  number,
  status,
  contentHash: `hash-${id}`,
  chainHash: `chain-${id}`,
  previousHash: null,
  frozenAt: '2026-12-01T10:00:00.000Z',
  note: null,
  statusChangedAt: null,
  proposalId: 'p1',
  canSign: false,
  markdownUrl: `/export/${id}.md`,
  pdfUrl: `/export/${id}.pdf`,
  evidenceUrl: `/export/${id}.evidence.json`,
  frozenBy: user('cora'),
  signers: [],
});

const thread = (id: string, status: string, bodies: string[]) => ({
  __typename: 'CommentThread',
  id,
  proposalId: 'p1',
  status,
  createdAt: '2026-12-01T10:00:00.000Z',
  lastActivityAt: '2026-12-01T10:00:00.000Z',
  resolvedAt: status === 'RESOLVED' ? '2026-12-01T11:00:00.000Z' : null,
  resolvedBy: status === 'RESOLVED' ? user('finn') : null,
  anchor: { __typename: 'Anchor', section: 'scope', itemId: null, field: null, from: null, to: null, quote: null },
  comments: bodies.map((body, index) => ({
    __typename: 'Comment',
    id: `${id}-c${index}`,
    threadId: id,
    body,
    createdAt: '2026-12-01T10:00:00.000Z',
    editedAt: null,
    author: user('cora'),
    mentions: [],
  })),
});

/** A thread as a version kept it: the same thread, its ids under the names KeptThreadFields asks for. */
const kept = (id: string, status: string, bodies: string[]) => {
  const { id: threadId, comments, ...rest } = thread(id, status, bodies);
  return {
    ...rest,
    threadId,
    comments: comments.map(({ id: commentId, threadId: _, ...comment }) => ({ ...comment, commentId })),
  };
};

/** Follows a query's results; `latest()` is the newest. */
function watch<T>(source: ReturnType<Client['query']>) {
  const results: T[] = [];
  const { unsubscribe } = pipe(
    source,
    subscribe((result) => {
      if (result.data) results.push(result.data as T);
    }),
  );
  return { latest: () => results.at(-1), stop: unsubscribe };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the normalized cache', () => {
  it('refetches the versions when an event says one was frozen', async () => {
    let versions = [version('v1', 1, 'AWAITING_SIGNATURES')];
    const server = fakeServer((operation) =>
      getOperationName(operation.query) === 'ProposalVersions'
        ? { proposal: { __typename: 'Proposal', id: 'p1', versions } }
        : {},
    );
    const list = watch<{ proposal: { versions: { id: string; status: string }[] } }>(
      server.client.query(ProposalVersionsQuery, { id: 'p1' }),
    );
    pipe(
      server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
      subscribe(() => {}),
    );
    await settle();
    expect(list.latest()?.proposal.versions.map((v) => v.id)).toEqual(['v1']);

    versions = [version('v2', 2, 'AWAITING_SIGNATURES'), version('v1', 1, 'SUPERSEDED')];
    server.push({
      kind: 'VERSION_FROZEN',
      proposalId: 'p1',
      sections: [],
      at: '2026-12-01T11:00:00.000Z',
      version: { __typename: 'ContractVersion', id: 'v2', number: 2, status: 'AWAITING_SIGNATURES' },
      actor: user('cora'),
      participant: null,
    });
    await settle();
    expect(server.asked.filter((name) => name === 'ProposalVersions')).toHaveLength(2);
    expect(list.latest()?.proposal.versions.map((v) => `${v.id} ${v.status}`)).toEqual([
      'v2 AWAITING_SIGNATURES',
      'v1 SUPERSEDED',
    ]);
  });

  it('adds a participant from the event and drops a removed one, without asking the server again', async () => {
    const server = fakeServer((operation) => {
      const name = getOperationName(operation.query);
      if (name === 'Proposal')
        return {
          proposal: {
            __typename: 'Proposal',
            id: 'p1',
            title: 'Pilot',
            createdAt: '2026-12-01T09:00:00.000Z',
            myRole: 'CLIENT',
            archived: false,
            participants: [participant('a', 'CLIENT')],
          },
        };
      if (name === 'RemoveParticipant') return { removeParticipant: true };
      return {};
    });
    const page = watch<{ proposal: { participants: { id: string }[] } }>(
      server.client.query(ProposalQuery, { id: 'p1' }),
    );
    pipe(
      server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
      subscribe(() => {}),
    );
    await settle();

    server.push({
      kind: 'PARTICIPANT_ADDED',
      proposalId: 'p1',
      sections: [],
      at: '2026-12-01T11:00:00.000Z',
      version: null,
      actor: user('user-a'),
      participantId: 'b',
      participant: participant('b'),
    });
    await settle();
    expect(page.latest()?.proposal.participants.map((p) => p.id)).toEqual(['a', 'b']);

    await pipe(
      server.client.mutation(RemoveParticipantMutation, { input: { proposalId: 'p1', participantId: 'b' } }),
      take(1),
      toPromise,
    );
    await settle();
    expect(page.latest()?.proposal.participants.map((p) => p.id)).toEqual(['a']);
    expect(server.asked.filter((name) => name === 'Proposal')).toHaveLength(1);
  });
  it('a role change updates the row in place and a removal takes the row away, from events alone', async () => {
    const server = fakeServer((operation) => {
      const name = getOperationName(operation.query);
      if (name === 'Proposal')
        return {
          proposal: {
            __typename: 'Proposal',
            id: 'p1',
            title: 'Pilot',
            createdAt: '2026-12-01T09:00:00.000Z',
            myRole: 'CLIENT',
            archived: false,
            participants: [participant('a', 'CLIENT'), participant('b')],
          },
        };
      return {};
    });
    const page = watch<{ proposal: { participants: { id: string; role: string }[] } }>(
      server.client.query(ProposalQuery, { id: 'p1' }),
    );
    pipe(
      server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
      subscribe(() => {}),
    );
    await settle();
    const event = {
      proposalId: 'p1',
      sections: [],
      at: '2026-12-01T11:00:00.000Z',
      version: null,
      actor: user('user-a'),
    };
    server.push({ ...event, kind: 'PARTICIPANT_UPDATED', participantId: 'b', participant: participant('b', 'VIEWER') });
    await settle();
    expect(page.latest()?.proposal.participants.map((p) => `${p.id}:${p.role}`)).toEqual(['a:CLIENT', 'b:VIEWER']);

    server.push({ ...event, kind: 'PARTICIPANT_REMOVED', participantId: 'b', participant: null });
    await settle();
    expect(page.latest()?.proposal.participants.map((p) => p.id)).toEqual(['a']);
  });

  it('refetches the thread list when an event says a thread started, and shows a resolution from the event itself', async () => {
    let threads = [thread('t1', 'OPEN', ['First question'])];
    const server = fakeServer((operation) =>
      getOperationName(operation.query) === 'ProposalThreads'
        ? { proposal: { __typename: 'Proposal', id: 'p1', threads } }
        : {},
    );
    const list = watch<{ proposal: { threads: { id: string; status: string }[] } }>(
      server.client.query(ProposalThreadsQuery, { id: 'p1' }),
    );
    pipe(
      server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
      subscribe(() => {}),
    );
    await settle();
    expect(list.latest()?.proposal.threads.map((t) => t.id)).toEqual(['t1']);

    const started = thread('t2', 'OPEN', ['Second question']);
    threads = [started, ...threads];
    const event = { proposalId: 'p1', sections: [], at: '2026-12-01T11:00:00.000Z', version: null, participant: null };
    server.push({ ...event, kind: 'THREAD_STARTED', actor: user('finn'), thread: started });
    await settle();
    expect(server.asked.filter((name) => name === 'ProposalThreads')).toHaveLength(2);
    expect(list.latest()?.proposal.threads.map((t) => t.id)).toEqual(['t2', 't1']);

    const resolved = thread('t1', 'RESOLVED', ['First question']);
    threads = [started, resolved];
    server.push({ ...event, kind: 'THREAD_RESOLVED', actor: user('finn'), thread: resolved });
    await settle();
    expect(list.latest()?.proposal.threads.map((t) => `${t.id} ${t.status}`)).toEqual(['t2 OPEN', 't1 RESOLVED']);
  });

  it("keeps each version's copy of a thread apart from the live thread and from another version's copy", async () => {
    let live = thread('t1', 'RESOLVED', ['Edited since', 'Answer', 'Late reply']);
    const server = fakeServer((operation) => {
      const name = getOperationName(operation.query);
      if (name === 'ProposalThreads') return { proposal: { __typename: 'Proposal', id: 'p1', threads: [live] } };
      if (name !== 'VersionThreads') return {};
      const id = String(operation.variables?.id);
      const threads = id === 'v1' ? [kept('t1', 'OPEN', ['First text'])] : [kept('t1', 'OPEN', ['Edited', 'Answer'])];
      return { contractVersion: { __typename: 'ContractVersion', id, threads } };
    });
    type Kept = { contractVersion: { threads: { threadId: string; status: string; comments: { body: string }[] }[] } };
    const bodies = (data: Kept | undefined) =>
      data?.contractVersion.threads.map(
        (t) => `${t.threadId} ${t.status}: ${t.comments.map((c) => c.body).join(' / ')}`,
      );
    const v1 = watch<Kept>(server.client.query(VersionThreadsQuery, { id: 'v1' }));
    await settle();
    const v2 = watch<Kept>(server.client.query(VersionThreadsQuery, { id: 'v2' }));
    const list = watch<{ proposal: { threads: { id: string; status: string; comments: { body: string }[] }[] } }>(
      server.client.query(ProposalThreadsQuery, { id: 'p1' }),
    );
    pipe(
      server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
      subscribe(() => {}),
    );
    await settle();
    live = thread('t1', 'OPEN', ['Edited since', 'Answer', 'Late reply', 'Later still']);
    server.push({
      kind: 'COMMENT_ADDED',
      proposalId: 'p1',
      sections: [],
      at: '2026-12-01T12:00:00.000Z',
      version: null,
      participant: null,
      actor: user('finn'),
      thread: live,
    });
    await settle();

    expect(bodies(v1.latest())).toEqual(['t1 OPEN: First text']);
    expect(bodies(v2.latest())).toEqual(['t1 OPEN: Edited / Answer']);
    expect(list.latest()?.proposal.threads[0]?.comments.map((c) => c.body)).toEqual([
      'Edited since',
      'Answer',
      'Late reply',
      'Later still',
    ]);
    // Read again from the cache alone: each version still has its own.
    const again = await pipe(
      server.client.query(VersionThreadsQuery, { id: 'v1' }, { requestPolicy: 'cache-only' }),
      take(1),
      toPromise,
    );
    expect(bodies(again.data as Kept)).toEqual(['t1 OPEN: First text']);
  });

  it('shows a rename from the event on the open page and in the cached list, and moves an archived proposal between the lists', async () => {
    const proposal = { __typename: 'Proposal', id: 'p1', title: 'Pilot', archived: false };
    const summary = () => ({
      ...proposal,
      createdAt: '2026-12-01T09:00:00.000Z',
      myRole: 'FREELANCER',
      participants: [{ __typename: 'Participant', id: 'a' }],
      versions: [],
    });
    const server = fakeServer((operation) => {
      const name = getOperationName(operation.query);
      if (name === 'Proposal') return { proposal: { ...summary(), participants: [participant('a', 'CLIENT')] } };
      if (name === 'Proposals')
        return { proposals: operation.variables?.archived === proposal.archived ? [summary()] : [] };
      return {};
    });
    const listsAsked = () => server.asked.filter((name) => name === 'Proposals').length;
    /** The list as a visit to the proposals page shows it (from the cache when it holds it), then left. */
    const visitList = async (archived: boolean) => {
      const list = watch<{ proposals: { id: string; title: string }[] }>(
        server.client.query(ProposalsQuery, { archived }),
      );
      await settle();
      list.stop();
      return list.latest()?.proposals.map((p) => `${p.id} ${p.title}`);
    };
    expect(await visitList(false)).toEqual(['p1 Pilot']);
    expect(await visitList(true)).toEqual([]);
    expect(listsAsked()).toBe(2);

    const page = watch<{ proposal: { title: string; archived: boolean } }>(
      server.client.query(ProposalQuery, { id: 'p1' }),
    );
    pipe(
      server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
      subscribe(() => {}),
    );
    await settle();
    const event = {
      kind: 'PROPOSAL_UPDATED',
      proposalId: 'p1',
      sections: [],
      at: '2026-12-01T11:00:00.000Z',
      version: null,
      actor: user('user-a'),
      participantId: null,
      participant: null,
    };

    proposal.title = 'Churn pilot, phase 2';
    server.push({ ...event, changedFields: ['title'], proposal: { ...proposal } });
    await settle();
    expect(page.latest()?.proposal.title).toBe('Churn pilot, phase 2');
    // A rename keeps the proposal in its list: the cached list shows the new title unasked.
    expect(await visitList(false)).toEqual(['p1 Churn pilot, phase 2']);
    expect(listsAsked()).toBe(2);

    proposal.archived = true;
    server.push({ ...event, changedFields: ['archived'], proposal: { ...proposal } });
    await settle();
    expect(page.latest()?.proposal).toMatchObject({ title: 'Churn pilot, phase 2', archived: true });
    expect(await visitList(false)).toEqual([]);
    expect(await visitList(true)).toEqual(['p1 Churn pilot, phase 2']);
    expect(listsAsked()).toBe(4);

    proposal.archived = false;
    server.push({ ...event, changedFields: ['archived'], proposal: { ...proposal } });
    await settle();
    expect(page.latest()?.proposal.archived).toBe(false);
    expect(await visitList(true)).toEqual([]);
    expect(await visitList(false)).toEqual(['p1 Churn pilot, phase 2']);
    expect(listsAsked()).toBe(6);
  });

  it('reads the list of proposals again after creating one', async () => {
    const summary = (id: string) => ({
      __typename: 'Proposal',
      id,
      title: id,
      archived: false,
      createdAt: '2026-12-01T09:00:00.000Z',
      myRole: 'CLIENT',
      participants: [],
      versions: [],
    });
    let proposals = [summary('p1')];
    const server = fakeServer((operation) => {
      const name = getOperationName(operation.query);
      if (name === 'Proposals') return { proposals };
      if (name === 'CreateProposal') return { createProposal: summary('p2') };
      return {};
    });
    const visit = async () => {
      const list = watch<{ proposals: { id: string }[] }>(server.client.query(ProposalsQuery, { archived: false }));
      await settle();
      list.stop();
      return list.latest()?.proposals.map((p) => p.id);
    };
    expect(await visit()).toEqual(['p1']);
    proposals = [summary('p2'), summary('p1')];
    await pipe(server.client.mutation(CreateProposalMutation, { input: { title: 'p2' } }), take(1), toPromise);
    expect(await visit()).toEqual(['p2', 'p1']);
  });
  it('reads the contract in force again only when a version is executed, and the milestones on every step', async () => {
    const ContractInForce = gql`
      query ContractInForce($id: ID!) {
        proposal(id: $id) {
          id
          contractInForce {
            id
            number
          }
        }
      }
    `;
    const Milestones = gql`
      query Milestones($id: ID!) {
        proposal(id: $id) {
          id
          milestones {
            id
            state
          }
        }
      }
    `;
    let state = 'IN_PROGRESS';
    let contract = { __typename: 'ContractVersion', id: 'v1', number: 1 };
    const server = fakeServer((operation) => {
      const name = getOperationName(operation.query);
      if (name === 'ContractInForce')
        return { proposal: { __typename: 'Proposal', id: 'p1', contractInForce: contract } };
      if (name === 'Milestones')
        return {
          proposal: {
            __typename: 'Proposal',
            id: 'p1',
            milestones: [{ __typename: 'TrackedMilestone', id: 'm1', state }],
          },
        };
      return {};
    });
    const inForce = watch<{ proposal: { contractInForce: { id: string } } }>(
      server.client.query(ContractInForce, { id: 'p1' }),
    );
    const milestones = watch<{ proposal: { milestones: { state: string }[] } }>(
      server.client.query(Milestones, { id: 'p1' }),
    );
    pipe(
      server.client.subscription(ProposalEventsSubscription, { proposalId: 'p1' }),
      subscribe(() => {}),
    );
    await settle();
    const event = (kind: string) => ({
      kind,
      proposalId: 'p1',
      sections: [],
      at: '2026-12-01T11:00:00.000Z',
      version: null,
      actor: user('finn'),
      participant: null,
    });
    const asked = (name: string) => server.asked.filter((asked) => asked === name).length;

    state = 'SUBMITTED';
    server.push(event('MILESTONE_SUBMITTED'));
    await settle();
    expect(milestones.latest()?.proposal.milestones[0]?.state).toBe('SUBMITTED');
    expect([asked('Milestones'), asked('ContractInForce')]).toEqual([2, 1]);

    contract = { __typename: 'ContractVersion', id: 'v2', number: 2 };
    server.push(event('VERSION_EXECUTED'));
    await settle();
    expect(inForce.latest()?.proposal.contractInForce.id).toBe('v2');
    expect(asked('ContractInForce')).toBe(2);
  });
});
