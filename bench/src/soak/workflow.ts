import { pageOriginOf, SoftwareAuthenticator } from '../../../test/support/webauthn.js';
import { sleep } from '../harness.js';
import type { SeededUser } from '../seed.js';
import { RequestError, type SoakApi } from './api.js';
import type { SoakProposal } from './fleet.js';
import type { SubscriberFleet } from './subscribers.js';

/** The events webhooks are registered for (a CI integration's usual interest). */
export const WEBHOOK_EVENTS = [
  'VERSION_FROZEN',
  'VERSION_EXECUTED',
  'THREAD_STARTED',
  'COMMENT_ADDED',
  'MILESTONE_SUBMITTED',
  'MILESTONE_ACCEPTED',
];

export interface WorkflowOptions {
  /** One comment somewhere in the fleet every this many ms (on average). */
  commentEveryMs: number;
  /** One query somewhere in the fleet every this many ms (on average). */
  queryEveryMs: number;
  /** Per proposal, one freeze (then its signatures and a milestone) every this many ms (± 20 %). */
  freezeEveryMs: number;
  /** Every n-th proposal has a webhook to the receiver. */
  webhookEvery: number;
}

const PROPOSAL_PAGE = `query($id: ID!) { proposal(id: $id) { id title archived
  readiness { ready score checks { key passed } }
  participants { id role pending user { id name } }
  versions { id number status contentHash signatures { id signer { id } } }
  threads(status: OPEN) { id status anchor { section } comments { id body author { id name } createdAt } }
  contractInForce { id number }
  milestones { id itemId title state revisionsLeft } } }`;
const PROPOSAL_LIST = 'query { proposals { id title archived } }';
const VERSION = `query($id: ID!) { contractVersion(id: $id) { id number status contentHash contentJson
  signatures { id signer { id } signedAt } } }`;
const START_THREAD = `mutation($input: StartThreadInput!) { startThread(input: $input) {
  id status comments { id body author { id } } } }`;
const REPLY = 'mutation($input: ReplyInput!) { replyToThread(input: $input) { id body createdAt author { id } } }';
const FREEZE = `mutation($input: FreezeProposalInput!) { freezeProposal(input: $input) {
  id number status contentHash signers { user { id } signature { id } } } }`;
const START_SIGNING = 'mutation($versionId: ID!) { startVersionSigning(versionId: $versionId) }';
const SIGN = `mutation($input: SignVersionInput!) { signVersion(input: $input) {
  id contentHash signedAt signer { id } } }`;
const MILESTONES = 'query($id: ID!) { proposal(id: $id) { contractInForce { id } milestones { id itemId state } } }';
const MILESTONE_FIELDS = 'id itemId state revisionsLeft submissions { id decision }';
const START_MILESTONE = `mutation($id: ID!) { startMilestone(milestoneId: $id) { ${MILESTONE_FIELDS} } }`;
const SUBMIT_MILESTONE = `mutation($input: SubmitMilestoneInput!) { submitMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
const ACCEPT_MILESTONE = `mutation($input: AcceptMilestoneInput!) { acceptMilestone(input: $input) { ${MILESTONE_FIELDS} } }`;
const CREATE_WEBHOOK = `mutation($input: CreateWebhookInput!) { createWebhook(input: $input) {
  secret webhook { id url events enabled } } }`;

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const jitter = (ms: number, share = 0.5) => ms * (1 - share + Math.random() * 2 * share);

/** What the workflow did, for the report. */
export interface WorkflowCounts {
  comments: number;
  queries: number;
  freezes: number;
  signatures: number;
  executed: number;
  milestonesAccepted: number;
  /** Cycles that stopped on a failed request (each failure is counted as an error too). */
  cyclesBroken: number;
}

/**
 * The people's side of a busy day through GraphQL: reads of proposal pages, lists and
 * versions; comments (new threads and replies) across the fleet; and per proposal, every
 * few minutes, a freeze by the CLIENT, every party's signature with a passkey (a software
 * authenticator answering startVersionSigning, as the browser's does), and once the
 * version is executed, the next milestone started, submitted and accepted. Every event
 * these requests cause is registered with the subscribers, which must each receive it.
 */
export class Workflow {
  readonly counts: WorkflowCounts = {
    comments: 0,
    queries: 0,
    freezes: 0,
    signatures: 0,
    executed: 0,
    milestonesAccepted: 0,
    cyclesBroken: 0,
  };
  /** Proposal ids with a webhook, by the path its endpoint posts to. */
  readonly webhookPaths = new Map<string, string>();
  private running = false;
  private readonly loops: Promise<void>[] = [];
  private readonly threads = new Map<string, string[]>();
  private readonly latestVersion = new Map<string, string>();
  private readonly authenticators = new Map<string, SoftwareAuthenticator>();
  private readonly origin: string;

  constructor(
    private readonly api: SoakApi,
    serverUrl: string,
    private readonly proposals: SoakProposal[],
    private readonly subscribers: SubscriberFleet,
    private readonly options: WorkflowOptions,
  ) {
    this.origin = pageOriginOf(serverUrl);
  }

  /** Registers a webhook (to `receiverUrl`/hook/<n>) on every n-th proposal, as its CLIENT. */
  async registerWebhooks(receiverUrl: string): Promise<void> {
    for (const proposal of this.proposals) {
      if (proposal.index % this.options.webhookEvery !== 0) continue;
      const path = `/hook/${proposal.index}`;
      await this.api.gql(
        'setup',
        CREATE_WEBHOOK,
        { input: { proposalId: proposal.proposalId, url: `${receiverUrl}${path}`, events: WEBHOOK_EVENTS } },
        proposal.editors[0]!.token,
      );
      this.webhookPaths.set(proposal.proposalId, path);
    }
  }

  /** Registers every editor's passkey up front: a person registers one once, long before signing. */
  async registerPasskeys(concurrency: number): Promise<void> {
    const editors = this.proposals.flatMap((proposal) => proposal.editors);
    let next = 0;
    const worker = async () => {
      while (next < editors.length) await this.passkeyOf(editors[next++]!);
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
  }

  /** Starts the loops; the first freezes fall within one period after `firstFreezeAfterMs`. */
  start(firstFreezeAfterMs: number): void {
    this.running = true;
    this.loops.push(this.every(this.options.commentEveryMs, () => this.comment()));
    this.loops.push(this.every(this.options.queryEveryMs, () => this.query()));
    for (const proposal of this.proposals)
      this.loops.push(this.cycles(proposal, firstFreezeAfterMs + Math.random() * this.options.freezeEveryMs));
  }

  /** Stops starting anything new and waits for what is under way (a cycle finishes its steps). */
  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }

  private async every(meanMs: number, task: () => Promise<void>): Promise<void> {
    const inFlight = new Set<Promise<void>>();
    while (this.running) {
      await sleep(jitter(meanMs));
      if (!this.running) break;
      // Requests overlap as people's do: the next one does not wait for this one's answer.
      const run = task().catch((error: unknown) => {
        if (!(error instanceof RequestError)) throw error;
      });
      inFlight.add(run);
      void run.finally(() => inFlight.delete(run));
    }
    await Promise.all(inFlight);
  }

  private async comment(): Promise<void> {
    const proposal = pick(this.proposals);
    const author = pick(proposal.editors);
    const threads = this.threads.get(proposal.proposalId) ?? [];
    if (threads.length === 0 || Math.random() < 0.35) {
      const body = `Could we make this part more precise? (${this.counts.comments})`;
      const data = await this.api.gql(
        'comment',
        START_THREAD,
        { input: { proposalId: proposal.proposalId, anchor: { section: 'outcome' }, body } },
        author.token,
      );
      threads.push(data.startThread.id as string);
      this.threads.set(proposal.proposalId, threads);
      this.subscribers.expect(proposal.proposalId, 'THREAD_STARTED');
    } else {
      await this.api.gql(
        'comment',
        REPLY,
        { input: { threadId: pick(threads), body: `Agreed, with one change (${this.counts.comments}).` } },
        author.token,
      );
      this.subscribers.expect(proposal.proposalId, 'COMMENT_ADDED');
    }
    this.counts.comments++;
  }

  private async query(): Promise<void> {
    const proposal = pick(this.proposals);
    const reader = pick([...proposal.editors, proposal.viewer]);
    const roll = Math.random();
    const version = this.latestVersion.get(proposal.proposalId);
    if (roll < 0.6) await this.api.gql('query', PROPOSAL_PAGE, { id: proposal.proposalId }, reader.token);
    else if (roll < 0.85 || !version) await this.api.gql('query', PROPOSAL_LIST, {}, reader.token);
    else await this.api.gql('query', VERSION, { id: version }, reader.token);
    this.counts.queries++;
  }

  private async cycles(proposal: SoakProposal, firstAfterMs: number): Promise<void> {
    let due = performance.now() + firstAfterMs;
    for (;;) {
      while (this.running && performance.now() < due) await sleep(Math.max(0, Math.min(1000, due - performance.now())));
      if (!this.running) return;
      try {
        await this.cycle(proposal);
      } catch (error) {
        if (!(error instanceof RequestError)) throw error;
        this.counts.cyclesBroken++;
      }
      due = Math.max(performance.now(), due + jitter(this.options.freezeEveryMs, 0.2));
    }
  }

  /** Freeze, every party signs, then the next milestone is started, submitted and accepted. */
  private async cycle(proposal: SoakProposal): Promise<void> {
    const { proposalId } = proposal;
    const client = proposal.editors[0]!;
    const freelancer = proposal.editors[1]!;
    const frozen = await this.api.gql(
      'freeze',
      FREEZE,
      { input: { proposalId, note: `Round ${this.counts.freezes}` } },
      client.token,
    );
    this.counts.freezes++;
    this.subscribers.expect(proposalId, 'VERSION_FROZEN');
    const version = frozen.freezeProposal as { id: string; contentHash: string };
    this.latestVersion.set(proposalId, version.id);
    const signers = [...proposal.editors].sort(() => Math.random() - 0.5);
    for (const [n, signer] of signers.entries()) {
      await sleep(jitter(3_000));
      await this.sign(signer, version.id, version.contentHash);
      this.counts.signatures++;
      this.subscribers.expect(proposalId, 'VERSION_SIGNED');
      if (n === signers.length - 1) {
        this.subscribers.expect(proposalId, 'VERSION_EXECUTED');
        this.counts.executed++;
      }
    }
    await sleep(jitter(3_000));
    const { proposal: state } = await this.api.gql('query', MILESTONES, { id: proposalId }, freelancer.token);
    const milestone = (state.milestones as { id: string; state: string }[]).find((m) =>
      ['PLANNED', 'IN_PROGRESS'].includes(m.state),
    );
    if (!milestone) return;
    if (milestone.state === 'PLANNED') {
      await this.api.gql('milestone', START_MILESTONE, { id: milestone.id }, freelancer.token);
      this.subscribers.expect(proposalId, 'MILESTONE_STARTED');
      await sleep(jitter(3_000));
    }
    await this.api.gql(
      'milestone',
      SUBMIT_MILESTONE,
      { input: { milestoneId: milestone.id, note: 'Delivered as agreed.', links: ['https://example.test/delivery'] } },
      freelancer.token,
    );
    this.subscribers.expect(proposalId, 'MILESTONE_SUBMITTED');
    await sleep(jitter(3_000));
    await this.api.gql(
      'milestone',
      ACCEPT_MILESTONE,
      { input: { milestoneId: milestone.id, metrics: [{ metricId: 'metric-1', value: '3.6%' }] } },
      client.token,
    );
    this.subscribers.expect(proposalId, 'MILESTONE_ACCEPTED');
    this.counts.milestonesAccepted++;
  }

  private async sign(signer: SeededUser, versionId: string, contentHash: string): Promise<void> {
    const authenticator = await this.passkeyOf(signer);
    const started = await this.api.gql('sign', START_SIGNING, { versionId }, signer.token);
    const assertion = authenticator.assert(started.startVersionSigning);
    await this.api.gql('sign', SIGN, { input: { versionId, contentHash, assertion } }, signer.token);
  }

  private async passkeyOf(user: SeededUser): Promise<SoftwareAuthenticator> {
    const known = this.authenticators.get(user.id);
    if (known) return known;
    const authenticator = new SoftwareAuthenticator(this.origin);
    const started = await this.api.gql('setup', 'mutation { startPasskeyRegistration }', {}, user.token);
    await this.api.gql(
      'setup',
      'mutation($response: JSON!) { finishPasskeyRegistration(response: $response, name: "Laptop") { id } }',
      { response: authenticator.register(started.startPasskeyRegistration) },
      user.token,
    );
    this.authenticators.set(user.id, authenticator);
    return authenticator;
  }
}
