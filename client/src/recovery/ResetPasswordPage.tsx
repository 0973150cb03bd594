import { useId, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from '@tanstack/react-router';
import { LIMITS } from '@brieflock/schema';
import { errorMessage } from '../api';
import { useAuth } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { TextField } from '../components/TextField';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { withNotice } from '../notice';
import { isPasswordError, type LinkRefusal, linkRefusalOf } from './link-refusal';
import { ShowPasswordButton } from '../components/ShowPasswordButton';

/** What the proposals page says once a reset signed this browser in. */
export const PASSWORD_CHANGED = 'Password changed; other devices were signed out.';

const REFUSALS: Record<LinkRefusal, string> = {
  expired: 'This reset link has expired: links work for one hour.',
  used: 'This reset link was already used. Each link works once.',
  unknown: 'This reset link is not valid. Check that the whole address from the e-mail was opened.',
};

/**
 * `/reset-password?token=…`: the link in the reset e-mail. A new password, typed twice;
 * success signs this browser in (like signing in) and every other session out.
 */
export function ResetPasswordPage({ token }: { token: string | null }) {
  useDocumentTitle('Choose a new password');
  const { resetPassword } = useAuth();
  const navigate = useNavigate();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [passwordError, setPasswordError] = useState<string | null>(null);
  const [confirmError, setConfirmError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<LinkRefusal | null>(token ? null : 'unknown');
  const passwordRef = useRef<HTMLInputElement>(null);
  const confirmRef = useRef<HTMLInputElement>(null);
  const id = useId();

  const onSubmit = async (event: FormEvent) => {
    event.preventDefault();
    if (pending || !token) return;
    setError(null);
    setPasswordError(null);
    setConfirmError(null);
    if (password.length < LIMITS.passwordMinLength) {
      setPasswordError(`Use at least ${LIMITS.passwordMinLength} characters.`);
      passwordRef.current?.focus();
      return;
    }
    if (password !== confirm) {
      setConfirmError('The two passwords differ. Type the same password twice.');
      confirmRef.current?.focus();
      return;
    }
    setPending(true);
    try {
      await resetPassword({ token, password });
      await navigate({ to: '/proposals', replace: true, state: withNotice(PASSWORD_CHANGED) });
    } catch (caught) {
      // What was typed stays in the fields: only the message changes.
      setPending(false);
      const reason = linkRefusalOf(caught);
      if (reason) setRefusal(reason);
      else if (isPasswordError(caught)) {
        setPasswordError(errorMessage(caught));
        passwordRef.current?.focus();
      } else setError(errorMessage(caught));
    }
  };

  const length = password.length;
  const lengthHint =
    length >= LIMITS.passwordMinLength
      ? `${length} characters.`
      : `${length} of at least ${LIMITS.passwordMinLength} characters.`;

  return (
    <div className="auth-card stack">
      <PageHeading className="card-title">Choose a new password</PageHeading>
      {refusal && (
        <div className="alert alert-warning" role="alert">
          <p>
            {REFUSALS[refusal]} <Link to="/forgot-password">Ask for a new link</Link>.
          </p>
        </div>
      )}
      {token && (
        <form className="stack" onSubmit={onSubmit} aria-describedby={error ? `${id}-error` : undefined}>
          <ErrorAlert message={error} id={`${id}-error`} />
          <TextField
            ref={passwordRef}
            id={`${id}-password`}
            label="New password"
            name="password"
            type={showPassword ? 'text' : 'password'}
            autoComplete="new-password"
            required
            maxLength={LIMITS.passwordMaxLength}
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            hint={<span aria-live="polite">{lengthHint}</span>}
            error={passwordError}
            addon={
              <ShowPasswordButton
                shown={showPassword}
                onToggle={() => setShowPassword((v) => !v)}
                controls={`${id}-password`}
              />
            }
          />
          <TextField
            ref={confirmRef}
            id={`${id}-confirm`}
            label="Confirm the new password"
            name="confirm"
            type={showPassword ? 'text' : 'password'}
            autoComplete="new-password"
            required
            maxLength={LIMITS.passwordMaxLength}
            value={confirm}
            onChange={(e) => setConfirm(e.target.value)}
            error={confirmError}
          />
          <button type="submit" className="button button-primary button-block" disabled={pending} aria-busy={pending}>
            Change password
          </button>
        </form>
      )}
    </div>
  );
}
