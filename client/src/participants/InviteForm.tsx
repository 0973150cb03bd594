import { useId, useState, type SubmitEvent } from 'react';
import { LIMITS, PARTICIPANT_ROLES, type ParticipantRole } from '@brieflock/schema';
import { useMutation } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import { AddParticipantMutation } from '../operations/proposals';
import { ErrorAlert } from '../components/ErrorAlert';
import { SelectField } from '../components/SelectField';
import { TextField } from '../components/TextField';
import { InviteLink } from './InviteLink';
import { ROLE_LABELS } from './roles';

interface InviteFormProps {
  proposalId: string;
}

/** Client-only: invite someone by e-mail with a role. */
export function InviteForm({ proposalId }: InviteFormProps) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<ParticipantRole>('FREELANCER');
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const [link, setLink] = useState<string | null>(null);
  const [{ fetching: pending }, executeAdd] = useMutation(AddParticipantMutation);
  const id = useId();

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending) return;
    setError(null);
    setNotice('');
    setLink(null);
    try {
      // The cache adds the participant to the proposal's list.
      const added = dataOrThrow(await executeAdd({ input: { proposalId, email: email.trim(), role } })).addParticipant;
      setEmail('');
      setLink(added.inviteLink ?? null);
      setNotice(
        added.pending
          ? `${added.invitedEmail ?? added.user.email} is invited as ${ROLE_LABELS[added.role].toLowerCase()}. Send them the link below: they join once they open it and sign in.`
          : `${added.user.name || added.user.email} was added as ${ROLE_LABELS[added.role].toLowerCase()}.`,
      );
    } catch (caught) {
      setError(errorMessage(caught));
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
        <TextField
          id={`${id}-email`}
          label="E-mail"
          fieldClassName="field-grow"
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
        <SelectField
          id={`${id}-role`}
          label="Role"
          name="role"
          value={role}
          onChange={(e) => setRole(e.target.value as ParticipantRole)}
        >
          {PARTICIPANT_ROLES.map((r) => (
            <option key={r} value={r}>
              {ROLE_LABELS[r]}
            </option>
          ))}
        </SelectField>
        <button type="submit" className="button button-primary" disabled={pending} aria-busy={pending}>
          Invite
        </button>
      </form>
      <p className="status-text" role="status">
        {notice}
      </p>
      {link && <InviteLink link={link} />}
    </section>
  );
}
