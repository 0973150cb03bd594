import './engagement.css';
import { useCallback } from 'react';
import { useQuery } from 'urql';
import { Link } from '@tanstack/react-router';
import { useCurrentUser } from '../auth';
import { BackToProposal } from '../contract/BackToProposal';
import { eventMessage } from '../contract/labels';
import { type ProposalEvent, useProposalEvents } from '../contract/events';
import { PageFallback } from '../components/PageFallback';
import { PageHeading } from '../components/PageHeading';
import { ToastStack, useToasts } from '../components/Toasts';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { pageLoadState, useKeptData } from '../data/pageState';
import { EngagementQuery } from '../operations/engagement';
import { EngagementEnd } from './EngagementEnd';
import { MilestoneCard, type SignedMetric } from './MilestoneCard';
import { PaymentSchedule } from './PaymentSchedule';

/**
 * The engagement after signing: the milestones of the contract in force in order, each
 * with its due date, payment, revision budget and history, and what the viewer may do
 * next (a freelancer starts and submits, a client accepts or requests changes). Live:
 * every milestone step by anyone reaches this page through the proposal's events.
 */
export default function EngagementPage({ proposalId }: { proposalId: string }) {
  const user = useCurrentUser();
  const [result, reexecute] = useQuery({
    query: EngagementQuery,
    variables: { id: proposalId },
    requestPolicy: 'cache-and-network',
  });
  const proposal = useKeptData(result.data, proposalId)?.proposal ?? null;
  const { toasts, push, dismiss } = useToasts();
  useDocumentTitle(proposal ? `Engagement · ${proposal.title}` : 'Engagement');

  // The cache marks the milestones stale on each step (data/cache.ts); others' steps get a toast.
  const onEvent = useCallback(
    (event: ProposalEvent) => {
      if (event.actor?.id === user.id) return;
      const message = eventMessage(event, user.id);
      if (message && (event.kind.startsWith('MILESTONE_') || event.kind === 'ENGAGEMENT_CLOSED'))
        push(event.kind, message);
    },
    [push, user.id],
  );
  const onResync = useCallback(() => reexecute({ requestPolicy: 'network-only' }), [reexecute]);
  useProposalEvents(proposal ? proposalId : null, onEvent, onResync);

  const back = <BackToProposal proposalId={proposalId} title={proposal?.title ?? null} />;
  if (!proposal)
    return (
      <PageFallback
        state={pageLoadState(result)}
        back={back}
        loadingLabel="Loading the engagement…"
        notFoundTitle="Proposal not found"
        notFoundText="This proposal does not exist, or you are not a participant on it."
        failedTitle="Could not load this engagement"
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
      />
    );

  const contract = proposal.contractInForce;
  const metrics: SignedMetric[] = (contract?.content.successMetrics ?? []).flatMap((metric) =>
    metric.id ? [{ id: metric.id, name: metric.name, baseline: metric.baseline, target: metric.target }] : [],
  );
  const termsOf = new Map(
    (contract?.content.milestones ?? []).flatMap((item) =>
      item.id ? [[item.id, { payment: item.payment, acceptanceCriteria: item.acceptanceCriteria }] as const] : [],
    ),
  );
  const live = proposal.milestones.filter((milestone) => milestone.state !== 'REMOVED');
  const accepted = live.filter((milestone) => milestone.state === 'ACCEPTED').length;
  const used = live.reduce((sum, milestone) => sum + milestone.revisionsUsed, 0);
  const budget = live.reduce((sum, milestone) => sum + milestone.revisionRounds, 0);
  const overdue = live.filter((milestone) => milestone.overdue).length;

  return (
    <div className="page stack engagement-page">
      {back}
      <header className="page-header">
        <PageHeading>Engagement</PageHeading>
        {contract ? (
          <p className="lead">
            Run against{' '}
            <Link to="/proposals/$id/versions/$versionId" params={{ id: proposalId, versionId: contract.id }}>
              version {contract.number}
            </Link>
            , the contract in force.
          </p>
        ) : (
          <p className="lead" data-testid="no-contract">
            No version is signed by everyone yet: milestones are tracked once one is.
          </p>
        )}
      </header>
      {contract && (
        <dl className="engagement-summary" data-testid="engagement-summary">
          <div>
            <dt>Milestones accepted</dt>
            <dd>
              {accepted} of {live.length}
            </dd>
          </div>
          <div>
            <dt>Revision rounds used</dt>
            <dd>
              {used} of {budget}
            </dd>
          </div>
          <div>
            <dt>Overdue</dt>
            <dd>{overdue}</dd>
          </div>
        </dl>
      )}
      {contract && (
        <PaymentSchedule
          milestones={live}
          paymentOf={(milestone) => milestone.trial?.paidAmount ?? termsOf.get(milestone.itemId)?.payment ?? ''}
        />
      )}
      {contract && proposal.milestones.length === 0 && (
        <p className="muted">The contract in force has no milestones.</p>
      )}
      {proposal.milestones.length > 0 && (
        <h2 id="milestones-title" className="section-title">
          Milestones
        </h2>
      )}
      {proposal.milestones.length > 0 && (
        // biome-ignore lint/a11y/noRedundantRoles: without list markers Safari drops the list role unless it is explicit
        <ol className="milestone-list" role="list" aria-labelledby="milestones-title">
          {proposal.milestones.map((milestone) => (
            <MilestoneCard
              key={milestone.id}
              milestone={milestone}
              terms={termsOf.get(milestone.itemId) ?? null}
              metrics={metrics}
              role={proposal.myRole ?? null}
              closed={proposal.closedAt != null}
              onDone={(message) => push('milestone', message)}
            />
          ))}
        </ol>
      )}
      <EngagementEnd proposalId={proposalId} viewerId={user.id} onDone={(message) => push('engagement-end', message)} />
      <ToastStack toasts={toasts} onDismiss={dismiss} />
    </div>
  );
}
