import { useState } from 'react';
import { useNavigate } from '@tanstack/react-router';
import { useMutation, useQuery } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import type { MyInvitationsQuery } from '../gql/graphql';
import {
  AcceptInvitationMutation,
  DeclineInvitationMutation,
  MyInvitationsQuery as Query,
} from '../operations/invitations';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { RoleBadge } from '../participants/RoleBadge';

type Invitation = MyInvitationsQuery['myInvitations'][number];

/** Invitations of the signed-in address, accepted or declined here; nothing shows without any. */
export function MyInvitations() {
  const [{ data, error }] = useQuery({ query: Query, requestPolicy: 'cache-and-network' });
  const invitations = data?.myInvitations ?? [];
  if (error && !data) return <ErrorAlert message={`Could not load your invitations: ${errorMessage(error)}`} />;
  if (invitations.length === 0) return null;
  return (
    <section className="section" aria-labelledby="my-invitations-heading">
      <h2 id="my-invitations-heading" className="section-title">
        Invitations for you <span className="count">({invitations.length})</span>
      </h2>
      {/* biome-ignore lint/a11y/noRedundantRoles: without list markers Safari drops the list role unless it is explicit */}
      <ul className="proposal-list" role="list">
        {invitations.map((invitation) => (
          <InvitationItem key={invitation.id} invitation={invitation} />
        ))}
      </ul>
    </section>
  );
}

function InvitationItem({ invitation }: { invitation: Invitation }) {
  const [busy, setBusy] = useState<'accept' | 'decline' | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [, executeAccept] = useMutation(AcceptInvitationMutation);
  const [, executeDecline] = useMutation(DeclineInvitationMutation);
  const navigate = useNavigate();
  const inviter = invitation.invitedBy.name || invitation.invitedBy.email;

  const accept = async () => {
    setBusy('accept');
    setError(null);
    try {
      // The cache reads the proposals and invitations again.
      dataOrThrow(await executeAccept({ invitationId: invitation.id }));
      await navigate({ to: '/proposals/$id', params: { id: invitation.proposalId } });
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(null);
    }
  };

  const decline = async () => {
    setBusy('decline');
    setError(null);
    try {
      dataOrThrow(await executeDecline({ invitationId: invitation.id }));
    } catch (caught) {
      setError(errorMessage(caught));
      setBusy(null);
    }
  };

  return (
    <li className="proposal-card">
      <h3 className="proposal-card-title">{invitation.proposalTitle}</h3>
      <p className="proposal-card-meta">
        <RoleBadge role={invitation.role} />
        <span>From {inviter}</span>
        <span>
          Invited <DateTime iso={invitation.createdAt} />
        </span>
      </p>
      <div className="button-row">
        <button
          type="button"
          className="button button-primary button-small"
          onClick={() => void accept()}
          disabled={busy !== null}
          aria-label={`Accept the invitation to ${invitation.proposalTitle}`}
        >
          {busy === 'accept' ? 'Accepting…' : 'Accept'}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void decline()}
          disabled={busy !== null}
          aria-label={`Decline the invitation to ${invitation.proposalTitle}`}
        >
          {busy === 'decline' ? 'Declining…' : 'Decline'}
        </button>
      </div>
      <ErrorAlert message={error} />
    </li>
  );
}
