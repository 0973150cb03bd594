import { BackLink } from '../components/BackLink';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../components/useDocumentTitle';

/**
 * What a proposal's page shows once its viewer was removed from it: nothing of the
 * proposal (participants, brief, readiness, versions, links), only why.
 */
export function AccessLost() {
  useDocumentTitle('No access');
  return (
    <div className="page" data-testid="access-lost">
      <BackLink link={{ to: '/' }}>Back to proposals</BackLink>
      <PageHeading>You no longer have access to this proposal</PageHeading>
      <p className="lead" role="alert">
        You were removed from this proposal, so nothing of it is shown here any more and its brief was erased from this
        device. Ask its client to invite you again if this was a mistake.
      </p>
    </div>
  );
}
