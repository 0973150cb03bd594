import { useQuery } from 'urql';
import { useOnReconnect } from '../data/DataProvider';
import { EngagementEndQuery } from '../operations/reviews';
import { CloseEngagement } from './CloseEngagement';
import { ReviewPanel } from './ReviewPanel';

/**
 * How the engagement ends, under the milestones: closing it, and the reviews. Kept live by
 * the cache: ENGAGEMENT_CLOSED events, and the review notifications (data/cache.ts). After
 * the socket reconnects it is read again, since those may have been missed meanwhile.
 */
export function EngagementEnd({
  proposalId,
  viewerId,
  onDone,
}: {
  proposalId: string;
  viewerId: string;
  onDone: (message: string) => void;
}) {
  const [{ data }, reexecute] = useQuery({
    query: EngagementEndQuery,
    variables: { id: proposalId },
    requestPolicy: 'cache-and-network',
  });
  useOnReconnect(() => reexecute({ requestPolicy: 'network-only' }));
  const proposal = data?.proposal;
  if (!proposal?.contractInForce) return null;
  const freelancers = new Map(
    proposal.contractInForce.signers
      .filter((signer) => signer.role === 'FREELANCER')
      .map((signer) => [signer.user.id, signer.user] as const),
  );
  const live = proposal.milestones.filter((milestone) => milestone.state !== 'REMOVED');
  const allAccepted = live.length > 0 && live.every((milestone) => milestone.state === 'ACCEPTED');
  return (
    <>
      <CloseEngagement
        proposalId={proposalId}
        closedAt={proposal.closedAt ?? null}
        closedBy={proposal.closedBy ?? null}
        canClose={proposal.myRole === 'CLIENT'}
        viewerId={viewerId}
        onClosed={onDone}
      />
      <ReviewPanel
        proposalId={proposalId}
        viewerId={viewerId}
        role={proposal.myRole}
        freelancers={[...freelancers.values()]}
        reviewable={proposal.closedAt != null || allAccepted}
        reviews={proposal.reviews}
        onDone={onDone}
      />
    </>
  );
}
