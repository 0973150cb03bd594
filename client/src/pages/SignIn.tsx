import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode, type SubmitEvent } from 'react';
import { Link } from '@tanstack/react-router';
import { LIMITS } from '@brieflock/schema';
import { ApiError, errorMessage } from '../api';
import { useAuth } from '../auth';
import { Logo } from '../components/Logo';
import { ErrorAlert } from '../components/ErrorAlert';
import { browserSupportsWebAuthn, webauthnMessage } from '../passkeys/webauthn';
import { TextField } from '../components/TextField';
import { PageHeading } from '../components/PageHeading';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { ShowPasswordButton } from '../components/ShowPasswordButton';

type Mode = 'signIn' | 'signUp';
const MODES: readonly Mode[] = ['signIn', 'signUp'];
const MODE_LABELS: Record<Mode, string> = { signIn: 'Sign in', signUp: 'Create account' };

/** When a RATE_LIMITED answer says the next attempt may come, as a clock time; null for any other error. */
function retryAtOf(error: unknown): number | null {
  if (!(error instanceof ApiError) || error.code !== 'RATE_LIMITED') return null;
  const { retryAfterMs, retryAfterSeconds } = error.details;
  const wait =
    typeof retryAfterMs === 'number'
      ? retryAfterMs
      : typeof retryAfterSeconds === 'number'
        ? retryAfterSeconds * 1000
        : 0;
  return wait > 0 ? Date.now() + wait : null;
}

/** Seconds left until `at`, ticking once a second; 0 once it has passed. */
function useSecondsUntil(at: number | null): number {
  const left = () => (at === null ? 0 : Math.max(0, Math.ceil((at - Date.now()) / 1000)));
  const [seconds, setSeconds] = useState(left);
  // biome-ignore lint/correctness/useExhaustiveDependencies: `left` reads only `at`
  useEffect(() => {
    setSeconds(left());
    if (at === null) return;
    const timer = setInterval(() => {
      const next = left();
      setSeconds(next);
      if (next === 0) clearInterval(timer);
    }, 250);
    return () => clearInterval(timer);
  }, [at]);
  return seconds;
}

/** `intro` shows above the form, e.g. the invitation a link offers. */
export function SignIn({ sessionEnded, intro }: { sessionEnded: boolean; intro?: ReactNode }) {
  const { signIn, signUp, signInWithPasskey } = useAuth();
  const [mode, setMode] = useState<Mode>('signIn');
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [showPassword, setShowPassword] = useState(false);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | null>(null);
  const [retryAt, setRetryAt] = useState<number | null>(null);
  const waitSeconds = useSecondsUntil(retryAt);
  const nameRef = useRef<HTMLInputElement>(null);
  const tabRefs = useRef<Partial<Record<Mode, HTMLButtonElement | null>>>({});
  const id = useId();
  const isSignUp = mode === 'signUp';

  useDocumentTitle(MODE_LABELS[mode]);

  const selectMode = (next: Mode, focus = false) => {
    setMode(next);
    setError(null);
    setNameError(null);
    if (focus) tabRefs.current[next]?.focus();
  };

  const onTabKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const index = MODES.indexOf(mode);
    const last = MODES.length - 1;
    const next: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const target = next[event.key];
    if (target === undefined) return;
    event.preventDefault();
    selectMode(MODES[target] ?? 'signIn', true);
  };

  const onSubmit = async (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (pending || waitSeconds > 0) return;
    const trimmedEmail = email.trim();
    const trimmedName = name.trim();
    if (isSignUp && !trimmedName) {
      // Only blanks get past `required`: say so at the field and put the keyboard there.
      setError(null);
      setNameError('Enter your name.');
      nameRef.current?.focus();
      return;
    }
    setPending(true);
    setError(null);
    setNameError(null);
    setRetryAt(null);
    try {
      if (isSignUp) await signUp({ name: trimmedName, email: trimmedEmail, password });
      else await signIn({ email: trimmedEmail, password });
      // On success this page unmounts; the signed-in shell takes over.
    } catch (caught) {
      setError(errorMessage(caught));
      setRetryAt(retryAtOf(caught));
      setPending(false);
    }
  };

  const onPasskey = async () => {
    if (pending) return;
    setPending(true);
    setError(null);
    setRetryAt(null);
    try {
      await signInWithPasskey(email.trim() || null);
    } catch (caught) {
      setError(webauthnMessage(caught) ?? errorMessage(caught));
      setRetryAt(retryAtOf(caught));
      setPending(false);
    }
  };

  const tabId = (m: Mode) => `${id}-tab-${m}`;
  const panelId = `${id}-panel`;
  const errorId = `${id}-error`;
  const waitId = `${id}-wait`;

  return (
    <main id="main" className="auth-page">
      <div className="auth-card">
        <div className="auth-brand">
          <Logo size={40} />
          <PageHeading>Brieflock</PageHeading>
        </div>
        <p className="auth-tagline">
          Co-draft an AI project brief with your client or freelancers, then freeze and sign it.
        </p>

        {intro}

        {sessionEnded && (
          <p className="alert alert-info" role="status">
            Your session has ended. Sign in again to continue.
          </p>
        )}

        <div className="tabs" role="tablist" aria-label="Account">
          {MODES.map((m) => (
            <button
              key={m}
              ref={(el) => {
                tabRefs.current[m] = el;
              }}
              type="button"
              role="tab"
              id={tabId(m)}
              aria-selected={mode === m}
              aria-controls={panelId}
              tabIndex={mode === m ? 0 : -1}
              className="tab"
              onClick={() => selectMode(m)}
              onKeyDown={onTabKeyDown}
            >
              {MODE_LABELS[m]}
            </button>
          ))}
        </div>

        {/* The tab panel wraps the form: a form may not take the tabpanel role itself. */}
        <div id={panelId} role="tabpanel" aria-labelledby={tabId(mode)}>
          <form
            className="stack"
            aria-labelledby={tabId(mode)}
            onSubmit={onSubmit}
            aria-describedby={error ? errorId : undefined}
          >
            <ErrorAlert message={error} id={errorId} />

            {isSignUp && (
              <TextField
                ref={nameRef}
                id={`${id}-name`}
                label="Name"
                name="name"
                autoComplete="name"
                required
                maxLength={LIMITS.nameMaxLength}
                value={name}
                onChange={(e) => setName(e.target.value)}
                error={nameError}
              />
            )}

            <TextField
              id={`${id}-email`}
              label="E-mail"
              name="email"
              type="email"
              autoComplete={isSignUp ? 'email' : 'username'}
              inputMode="email"
              spellCheck={false}
              required
              maxLength={LIMITS.emailMaxLength}
              value={email}
              onChange={(e) => setEmail(e.target.value)}
            />

            <TextField
              id={`${id}-password`}
              label="Password"
              name="password"
              type={showPassword ? 'text' : 'password'}
              autoComplete={isSignUp ? 'new-password' : 'current-password'}
              required
              minLength={isSignUp ? LIMITS.passwordMinLength : undefined}
              maxLength={LIMITS.passwordMaxLength}
              value={password}
              onChange={(e) => setPassword(e.target.value)}
              hint={isSignUp ? `At least ${LIMITS.passwordMinLength} characters.` : undefined}
              addon={
                <ShowPasswordButton
                  shown={showPassword}
                  onToggle={() => setShowPassword((v) => !v)}
                  controls={`${id}-password`}
                />
              }
            />

            {waitSeconds > 0 && (
              <p className="hint" id={waitId} role="status" aria-live="polite">
                Too many attempts. You can try again in {waitSeconds} second{waitSeconds === 1 ? '' : 's'}.
              </p>
            )}

            <button
              type="submit"
              className="button button-primary button-block"
              disabled={pending || waitSeconds > 0}
              aria-busy={pending}
              aria-describedby={waitSeconds > 0 ? waitId : undefined}
            >
              {MODE_LABELS[mode]}
            </button>
            {!isSignUp && (
              <p className="forgot-password">
                <Link to="/forgot-password">Forgot your password?</Link>
              </p>
            )}
            {!isSignUp && browserSupportsWebAuthn() && (
              <button
                type="button"
                className="button button-secondary button-block"
                onClick={onPasskey}
                disabled={pending}
                data-testid="passkey-sign-in"
              >
                Sign in with a passkey
              </button>
            )}
          </form>
        </div>
      </div>
    </main>
  );
}
