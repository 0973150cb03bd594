import { BackLink } from '../components/BackLink';

/** The way back from a version or a comparison to its proposal, named once its title is known. */
export function BackToProposal({ proposalId, title }: { proposalId: string; title: string | null }) {
  return (
    <BackLink link={{ to: '/proposals/$id', params: { id: proposalId } }} testId="back-link">
      {title === null ? 'Back to the proposal' : `Back to ${title}`}
    </BackLink>
  );
}
