import { useState } from 'react';
import { useMutation } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import type { ParticipantFieldsFragment as Participant } from '../gql/graphql';
import { IssueInviteLinkMutation, ResendInvitationMutation, RevokeInvitationMutation } from '../operations/invitations';
import { ErrorAlert } from '../components/ErrorAlert';
import { InviteLink } from './InviteLink';

type Action = 'link' | 'resend' | 'revoke';

/** A client's actions on one pending invitation; what fails is said next to them. */
export function PendingActions({ participant }: { participant: Participant }) {
  const address = participant.invitedEmail ?? participant.user.email;
  const [busy, setBusy] = useState<Action | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [, executeIssue] = useMutation(IssueInviteLinkMutation);
  const [, executeResend] = useMutation(ResendInvitationMutation);
  const [, executeRevoke] = useMutation(RevokeInvitationMutation);

  async function run(action: Action, work: () => Promise<string>) {
    setBusy(action);
    setError(null);
    setNotice('');
    try {
      setNotice(await work());
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(null);
    }
  }

  const newLink = () =>
    run('link', async () => {
      const issued = dataOrThrow(await executeIssue({ participantId: participant.id })).issueInviteLink;
      setLink(issued.inviteLink ?? null);
      return 'A new link is ready; the previous one no longer works.';
    });

  const resend = () =>
    run('resend', async () => {
      dataOrThrow(await executeResend({ participantId: participant.id }));
      setLink(null);
      return `The invitation was sent to ${address} again; earlier links no longer work.`;
    });

  const revoke = () => {
    if (!window.confirm(`Revoke the invitation to ${address}? Its link stops working at once.`)) return;
    // The cache forgets the participant on success, and the proposal's list is read again.
    void run('revoke', async () => {
      dataOrThrow(await executeRevoke({ participantId: participant.id }));
      return '';
    });
  };

  return (
    <div className="pending-actions">
      <div className="button-row">
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void newLink()}
          disabled={busy !== null}
          aria-label={`New link for ${address}`}
        >
          {busy === 'link' ? 'Issuing…' : 'New link'}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={() => void resend()}
          disabled={busy !== null}
          aria-label={`Resend the invitation to ${address}`}
        >
          {busy === 'resend' ? 'Sending…' : 'Resend'}
        </button>
        <button
          type="button"
          className="button button-secondary button-small"
          onClick={revoke}
          disabled={busy !== null}
          aria-label={`Revoke the invitation to ${address}`}
        >
          {busy === 'revoke' ? 'Revoking…' : 'Revoke'}
        </button>
      </div>
      <ErrorAlert message={error} />
      <p className="status-text" role="status">
        {notice}
      </p>
      {link && <InviteLink link={link} />}
    </div>
  );
}
