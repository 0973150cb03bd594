import { useState, type ReactNode } from 'react';
import { ErrorCode } from '@brieflock/schema';
import { Link, useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery } from 'urql';
import { ApiError, dataOrThrow, errorMessage } from '../api';
import type { InvitationPreviewQuery as PreviewData } from '../gql/graphql';
import { AcceptInvitationMutation, InvitationPreviewQuery } from '../operations/invitations';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ROLE_LABELS } from '../participants/roles';

type Preview = NonNullable<PreviewData['invitation']>;

export { invitationTokenOf } from './invitation-token';

/**
 * What an invitation link offers, read without signing in; `children` (what to do next)
 * shows only while it can still be accepted.
 */
export function InvitationSummary({ token, children }: { token: string; children?: (preview: Preview) => ReactNode }) {
  const [{ data, fetching, error }, reexecute] = useQuery({
    query: InvitationPreviewQuery,
    variables: { token },
    requestPolicy: 'network-only',
  });

  if (!data && fetching) return <Spinner label="Reading the invitation…" />;
  if (!data && error) {
    return (
      <div className="stack">
        <ErrorAlert message={errorMessage(error)} />
        <div>
          <button
            type="button"
            className="button button-secondary"
            onClick={() => reexecute({ requestPolicy: 'network-only' })}
          >
            Try again
          </button>
        </div>
      </div>
    );
  }
  const preview = data?.invitation;
  if (!preview) {
    return (
      <p className="alert alert-info" role="status">
        This invitation link does not work: it was revoked, replaced by a newer link, or mistyped. Ask whoever invited
        you for a new one.
      </p>
    );
  }
  const role = ROLE_LABELS[preview.role].toLowerCase();
  return (
    <section className="card stack" aria-label="Invitation">
      <p className="card-text">
        <strong>{preview.inviterName}</strong> invites you to <strong>{preview.proposalTitle}</strong> as {role}.
      </p>
      {preview.status === 'PENDING' && (
        <>
          <p className="card-text">
            The link works until <DateTime iso={preview.expiresAt} long />.
          </p>
          {children?.(preview)}
        </>
      )}
      {preview.status === 'EXPIRED' && (
        <p className="alert alert-info" role="status">
          This invitation link expired on <DateTime iso={preview.expiresAt} long />. Ask {preview.inviterName} for a new
          one.
        </p>
      )}
      {preview.status === 'ACCEPTED' && (
        <p className="alert alert-info" role="status">
          This invitation link has already been used. If it was you, the proposal is in your list.
        </p>
      )}
    </section>
  );
}

/** Why accepting failed, as the person should read it. */
function acceptFailure(error: unknown): string {
  if (error instanceof ApiError && error.code === ErrorCode.CONFLICT) {
    if (error.details.reason === 'EXPIRED') return 'This invitation link has expired. Ask for a new one.';
    if (error.details.reason === 'ACCEPTED') return 'This invitation link has already been used.';
  }
  if (error instanceof ApiError && error.code === ErrorCode.NOT_FOUND)
    return 'This invitation link no longer works: it was revoked or replaced by a newer link.';
  return errorMessage(error);
}

function AcceptControls({ token }: { token: string }) {
  const [, executeAccept] = useMutation(AcceptInvitationMutation);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();

  const accept = async () => {
    setPending(true);
    setError(null);
    try {
      const joined = dataOrThrow(await executeAccept({ token })).acceptInvitation;
      await navigate({ to: '/proposals/$id', params: { id: joined.proposalId }, replace: true });
    } catch (caught) {
      setError(acceptFailure(caught));
      setPending(false);
    }
  };

  return (
    <div className="stack">
      <ErrorAlert message={error} />
      <div className="button-row">
        <button
          type="button"
          className="button button-primary"
          onClick={() => void accept()}
          disabled={pending}
          aria-busy={pending}
        >
          Accept
        </button>
        <Link to="/" className="button button-ghost">
          Not now
        </Link>
      </div>
    </div>
  );
}

/** The page an invitation link opens for a signed-in person. */
export function InvitationPage({ token }: { token: string }) {
  useDocumentTitle('Invitation');
  return (
    <div className="page">
      <div className="page-header">
        <PageHeading>Invitation</PageHeading>
      </div>
      <InvitationSummary token={token}>{() => <AcceptControls token={token} />}</InvitationSummary>
    </div>
  );
}

/** Above the sign-in form on an invitation link: the way back to this page is its address. */
export function SignedOutInvitation({ token }: { token: string }) {
  return (
    <InvitationSummary token={token}>
      {() => <p className="card-text">Sign in or create an account to accept; you come back here afterwards.</p>}
    </InvitationSummary>
  );
}
