import { useEffect, useId, useState, type FormEvent } from 'react';
import { LIMITS, NOTIFICATION_KINDS, type NotificationKind } from '@brieflock/schema';
import { useMutation, useQuery } from 'urql';
import { dataOrThrow, errorMessage, refusal } from '../api';
import { useAuth, useCurrentUser } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import type { NotificationChannel } from '../gql/graphql';
import {
  ChangePasswordMutation,
  MyNotificationPreferencesQuery,
  UpdateNotificationPreferencesMutation,
  UpdateProfileMutation,
} from '../operations/profile';

/** A polite announcement of a form's success; the region stays mounted so it is announced. */
function Saved({ message }: { message: string | null }) {
  return (
    <p className="status-text" role="status" aria-live="polite">
      {message}
    </p>
  );
}

function NameForm() {
  const id = useId();
  const user = useCurrentUser();
  const { profileChanged } = useAuth();
  const [name, setName] = useState(user.name);
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [, update] = useMutation(UpdateProfileMutation);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setProblem(null);
    setSaved(null);
    try {
      const data = dataOrThrow(await update({ input: { name } }));
      setName(data.updateProfile.name);
      profileChanged(data.updateProfile);
      setSaved('Your name is saved.');
    } catch (caught) {
      setProblem(refusal(caught, ['name']));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack-tight" aria-labelledby={`${id}-title`} data-testid="name-form">
      <h2 id={`${id}-title`}>Display name</h2>
      <TextField
        id={`${id}-name`}
        label="Display name"
        name="name"
        autoComplete="name"
        required
        maxLength={LIMITS.nameMaxLength}
        value={name}
        onChange={(event) => setName(event.target.value)}
        hint="Shown to the people you work with on proposals."
        error={problem?.field === 'name' ? problem.message : null}
      />
      {problem && problem.field === null && <ErrorAlert message={problem.message} />}
      <div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          Save name
        </button>
      </div>
      <Saved message={saved} />
    </form>
  );
}

const PASSWORD_FIELDS = ['currentPassword', 'newPassword', 'confirm'] as const;
type PasswordField = (typeof PASSWORD_FIELDS)[number];

function PasswordForm() {
  const id = useId();
  const { email } = useCurrentUser();
  const [values, setValues] = useState<Record<PasswordField, string>>({
    currentPassword: '',
    newPassword: '',
    confirm: '',
  });
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<{ field: string | null; message: string } | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [, change] = useMutation(ChangePasswordMutation);
  const set = (field: PasswordField) => (event: { target: { value: string } }) =>
    setValues((current) => ({ ...current, [field]: event.target.value }));
  const errorOf = (field: PasswordField) => (problem?.field === field ? problem.message : null);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setSaved(null);
    if (values.newPassword !== values.confirm) {
      setProblem({ field: 'confirm', message: 'The two new passwords differ.' });
      return;
    }
    setBusy(true);
    setProblem(null);
    try {
      dataOrThrow(
        await change({ input: { currentPassword: values.currentPassword, newPassword: values.newPassword } }),
      );
      setValues({ currentPassword: '', newPassword: '', confirm: '' });
      setSaved('Your password is changed. Your other sessions are signed out.');
    } catch (caught) {
      setProblem(refusal(caught, PASSWORD_FIELDS));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack-tight" aria-labelledby={`${id}-title`} data-testid="password-form">
      <h2 id={`${id}-title`}>Change password</h2>
      {/* Lets password managers tie the new password to this account. */}
      <input type="text" name="username" autoComplete="username" value={email} readOnly hidden />
      <TextField
        id={`${id}-current`}
        label="Current password"
        type="password"
        name="current-password"
        autoComplete="current-password"
        required
        maxLength={LIMITS.passwordMaxLength}
        value={values.currentPassword}
        onChange={set('currentPassword')}
        error={errorOf('currentPassword')}
      />
      <TextField
        id={`${id}-new`}
        label="New password"
        type="password"
        name="new-password"
        autoComplete="new-password"
        required
        minLength={LIMITS.passwordMinLength}
        maxLength={LIMITS.passwordMaxLength}
        value={values.newPassword}
        onChange={set('newPassword')}
        hint={`At least ${LIMITS.passwordMinLength} characters. Your other sessions will be signed out.`}
        error={errorOf('newPassword')}
      />
      <TextField
        id={`${id}-confirm`}
        label="Confirm new password"
        type="password"
        name="confirm-password"
        autoComplete="new-password"
        required
        maxLength={LIMITS.passwordMaxLength}
        value={values.confirm}
        onChange={set('confirm')}
        error={errorOf('confirm')}
      />
      {problem && problem.field === null && <ErrorAlert message={problem.message} />}
      <div>
        <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
          Change password
        </button>
      </div>
      <Saved message={saved} />
    </form>
  );
}

const KIND_LABELS: Record<NotificationKind, string> = {
  INVITED: 'You are invited to a proposal',
  MENTIONED: 'Someone mentions you',
  REPLIED: 'Someone replies to your comment',
  SUGGESTION_DECIDED: 'Your suggestion is accepted or rejected',
  SIGNATURE_REQUESTED: 'Your signature is requested',
  VERSION_EXECUTED: 'A contract version is signed by everyone',
  SIGNER_DECLINED: 'A signer declines a version',
  MILESTONE_SUBMITTED: 'A milestone is submitted',
  MILESTONE_DECIDED: 'A milestone is accepted or sent back',
  MILESTONE_DUE: 'A milestone is due',
  ENGAGEMENT_CLOSED: 'An engagement is closed',
  REVIEW_WRITTEN: 'A client reviews your work',
  REVIEW_ANSWERED: 'A freelancer answers your review',
  WEBHOOK_DISABLED: 'A webhook of yours is turned off after failing for a day',
};

const CHANNELS: readonly { channel: NotificationChannel; label: string }[] = [
  { channel: 'EMAIL_NOW', label: 'E-mail now' },
  { channel: 'DIGEST', label: 'Digest' },
  { channel: 'APP_ONLY', label: 'App only' },
];

type Channels = Partial<Record<NotificationKind, NotificationChannel>>;

function PreferencesForm() {
  const id = useId();
  const [result] = useQuery({ query: MyNotificationPreferencesQuery, requestPolicy: 'cache-and-network' });
  const [channels, setChannels] = useState<Channels | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const [, update] = useMutation(UpdateNotificationPreferencesMutation);
  const loaded = result.data?.me?.notificationPreferences?.channels;

  // The first answer fills the form; later answers never overwrite a choice being made.
  useEffect(() => {
    if (loaded && channels === null) {
      setChannels(Object.fromEntries(loaded.map(({ kind, channel }) => [kind, channel])) as Channels);
    }
  }, [loaded, channels]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!channels) return;
    setBusy(true);
    setError(null);
    setSaved(null);
    try {
      const chosen = NOTIFICATION_KINDS.flatMap((kind) => {
        const channel = channels[kind];
        return channel ? [{ kind, channel }] : [];
      });
      dataOrThrow(await update({ input: { channels: chosen } }));
      setSaved('Your notification preferences are saved.');
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setBusy(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="stack-tight" aria-labelledby={`${id}-title`} data-testid="preferences-form">
      <h2 id={`${id}-title`}>Notifications</h2>
      <p className="hint" id={`${id}-hint`}>
        Every notification is in your inbox here. Choose which also come by e-mail at once, which in the e-mail digest,
        and which stay in the app only.
      </p>
      {result.error && !channels && (
        <ErrorAlert message={`Could not load your preferences: ${errorMessage(result.error)}`} />
      )}
      {!channels && !result.error && <Spinner label="Loading your preferences…" />}
      {channels && (
        <div className="table-wrap">
          <table className="table" aria-describedby={`${id}-hint`}>
            <thead>
              <tr>
                <th scope="col">When</th>
                {CHANNELS.map(({ channel, label }) => (
                  <th scope="col" key={channel} className="preference-channel">
                    {label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {NOTIFICATION_KINDS.map((kind) => (
                <tr key={kind} data-kind={kind}>
                  <th scope="row" id={`${id}-${kind}`} className="preference-kind">
                    {KIND_LABELS[kind]}
                  </th>
                  {CHANNELS.map(({ channel, label }) => (
                    <td key={channel} className="preference-choice">
                      <input
                        type="radio"
                        name={`${id}-${kind}`}
                        value={channel}
                        aria-label={`${KIND_LABELS[kind]}: ${label}`}
                        checked={channels[kind] === channel}
                        onChange={() => setChannels((current) => ({ ...current, [kind]: channel }))}
                        disabled={busy}
                      />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <ErrorAlert message={error} />
      <div>
        <button type="submit" className="button button-primary" disabled={busy || !channels} aria-busy={busy}>
          Save notification preferences
        </button>
      </div>
      <Saved message={saved} />
    </form>
  );
}

/** The signed-in person's own settings: their name, their password, how notifications reach them. */
export function ProfilePage() {
  useDocumentTitle('Profile');
  return (
    <section className="stack">
      <PageHeading>Profile</PageHeading>
      <NameForm />
      <PasswordForm />
      <PreferencesForm />
    </section>
  );
}
