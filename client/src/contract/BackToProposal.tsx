import { BackLink } from '../components/BackLink';
import { proposalPath } from '../router';

/** The way back from a version or a comparison to its proposal, named once its title is known. */
export function BackToProposal({ proposalId, title }: { proposalId: string; title: string | null }) {
  return (
    <BackLink to={proposalPath(proposalId)} testId="back-link">
      {title === null ? 'Back to the proposal' : `Back to ${title}`}
    </BackLink>
  );
}
