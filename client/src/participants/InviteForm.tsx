import { useId, useState, type SubmitEvent } from 'react';
import { LIMITS, PARTICIPANT_ROLES, type ParticipantRole } from '@brieflock/schema';
import { errorMessage, gql } from '../api';
import { USER_FIELDS, type Participant } from '../types';
import { ErrorAlert } from '../components/ErrorAlert';
import { ROLE_LABELS } from './roles';

const ADD_PARTICIPANT = `mutation AddParticipant($input: AddParticipantInput!) {
  addParticipant(input: $input) { id role pending user { ${USER_FIELDS} } }
}`;

interface InviteFormProps {
  proposalId: string;
  onInvited: (participant: Participant) => void;
}

/** Client-only: invite someone by e-mail with a role. */
export function InviteForm({ proposalId, onInvited }: InviteFormProps) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ParticipantRole>('FREELANCER');
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const id = useId();

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    setNotice('');
    try {
      const data = await gql<{ addParticipant: Participant }>(ADD_PARTICIPANT, {
        input: { proposalId, email: email.trim(), role },
      });
      const added = data.addParticipant;
      onInvited(added);
      setEmail('');
      setNotice(
        added.pending
          ? `${added.user.email} is invited as ${ROLE_LABELS[added.role].toLowerCase()}. They will get access once they create an account with this e-mail.`
          : `${added.user.name || added.user.email} was added as ${ROLE_LABELS[added.role].toLowerCase()}.`,
      );
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <section className="card" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`} className="card-title">
        Invite someone
      </h2>
      <p className="card-text">
        Clients and freelancers co-edit and sign the brief; viewers can read it. As a client you can invite others.
      </p>
      <form className="inline-form" onSubmit={onSubmit}>
        <ErrorAlert message={error} />
        <div className="field field-grow">
          <label htmlFor={`${id}-email`}>E-mail</label>
          <input
            id={`${id}-email`}
            name="email"
            type="email"
            inputMode="email"
            autoComplete="off"
            spellCheck={false}
            required
            maxLength={LIMITS.emailMaxLength}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
        </div>
        <div className="field">
          <label htmlFor={`${id}-role`}>Role</label>
          <select
            id={`${id}-role`}
            name="role"
            value={role}
            onChange={(e) => setRole(e.target.value as ParticipantRole)}
          >
            {PARTICIPANT_ROLES.map((r) => (
              <option key={r} value={r}>
                {ROLE_LABELS[r]}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
          Invite
        </button>
      </form>
      <p className="status-text" role="status">
        {notice}
      </p>
    </section>
  );
}
