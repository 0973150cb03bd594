import { useId, useState, type FormEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { LIMITS } from '@brieflock/schema';
import { useMutation } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { RequestPasswordResetMutation } from '../operations/recovery';

/** The same answer whether or not the address has an account: the page must not tell. */
export const RESET_SENT =
  'If an account uses this address, we sent a link to reset its password. It works for one hour.';

/** `/forgot-password`: asks for the address a reset link should go to. */
export function ForgotPasswordPage() {
  useDocumentTitle('Reset your password');
  const [, execute] = useMutation(RequestPasswordResetMutation);
  const [email, setEmail] = useState('');
  const [pending, setPending] = useState(false);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending) return;
    setPending(true);
    setError(null);
    try {
      const trimmed = email.trim();
      dataOrThrow(await execute({ email: trimmed }));
      setSentTo(trimmed);
    } catch (caught) {
      setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="auth-card stack">
      <PageHeading className="card-title">Reset your password</PageHeading>
      {sentTo !== null ? (
        <p className="alert alert-info" role="status">
          {RESET_SENT}
        </p>
      ) : (
        <form className="stack" onSubmit={onSubmit} aria-describedby={error ? `${id}-error` : undefined}>
          <p>Enter the e-mail address of your account and we will send you a link to choose a new password.</p>
          <ErrorAlert message={error} id={`${id}-error`} />
          <TextField
            id={`${id}-email`}
            label="E-mail"
            name="email"
            type="email"
            autoComplete="username"
            inputMode="email"
            spellCheck={false}
            required
            maxLength={LIMITS.emailMaxLength}
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <button type="submit" className="button button-primary button-block" disabled={pending} aria-busy={pending}>
            Send the link
          </button>
        </form>
      )}
      <p>
        <Link to="/proposals">Back to sign in</Link>
      </p>
    </div>
  );
}
