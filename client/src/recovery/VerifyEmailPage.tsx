import { useEffect, useRef, useState } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import { useAuth } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { VerifyEmailMutation } from '../operations/recovery';
import { type LinkRefusal, linkRefusalOf } from './link-refusal';
import { ResendVerificationButton } from './ResendVerificationButton';

type Outcome =
  | { kind: 'verifying' }
  | { kind: 'verified' }
  | { kind: 'refused'; reason: LinkRefusal }
  | { kind: 'failed'; message: string };

const REFUSALS: Record<LinkRefusal, string> = {
  expired: 'This confirmation link has expired.',
  used: 'This confirmation link was already used. If you followed it before, your address is confirmed.',
  unknown: 'This confirmation link is not valid. Check that the whole address from the e-mail was opened.',
};

/**
 * `/verify-email?token=…`: the link in the sign-up e-mail. Verifies once on arrival
 * (a token is single use: StrictMode's second effect joins the first request instead of
 * sending another), then says whether the address is proven.
 */
export function VerifyEmailPage({ token }: { token: string | null }) {
  useDocumentTitle('Confirm your e-mail address');
  const { status, markEmailVerified } = useAuth();
  const [, execute] = useMutation(VerifyEmailMutation);
  const [outcome, setOutcome] = useState<Outcome>(
    token ? { kind: 'verifying' } : { kind: 'refused', reason: 'unknown' },
  );
  const request = useRef<Promise<Outcome> | null>(null);

  useEffect(() => {
    if (!token) return;
    request.current ??= execute({ token }).then(
      (result): Outcome => {
        try {
          dataOrThrow(result);
          return { kind: 'verified' };
        } catch (caught) {
          const reason = linkRefusalOf(caught);
          return reason ? { kind: 'refused', reason } : { kind: 'failed', message: errorMessage(caught) };
        }
      },
      (caught: unknown): Outcome => ({ kind: 'failed', message: errorMessage(caught) }),
    );
    let live = true;
    void request.current.then((next) => {
      if (!live) return;
      setOutcome(next);
      if (next.kind === 'verified') markEmailVerified();
    });
    return () => {
      live = false;
    };
  }, [token, execute, markEmailVerified]);

  const signedIn = status.kind === 'signedIn';
  const stillUnproven = signedIn && !status.user.emailVerified;

  return (
    <div className="auth-card stack">
      <PageHeading className="card-title">Confirm your e-mail address</PageHeading>
      {outcome.kind === 'verifying' && <Spinner label="Confirming your address…" />}
      {outcome.kind === 'verified' && (
        <>
          <p className="alert alert-info" role="status">
            Your address is confirmed. You can now sign contracts.
          </p>
          <p>
            <Link to="/proposals" className="button button-primary">
              {signedIn ? 'Go to your proposals' : 'Sign in to Brieflock'}
            </Link>
          </p>
        </>
      )}
      {outcome.kind === 'refused' && (
        <>
          <div className="alert alert-warning" role="alert">
            <p>{REFUSALS[outcome.reason]}</p>
          </div>
          {stillUnproven ? (
            <p>
              <ResendVerificationButton />
            </p>
          ) : signedIn ? (
            <p>
              <Link to="/proposals">Go to your proposals</Link>
            </p>
          ) : (
            <p>
              <Link to="/proposals">Sign in</Link> to send a new link.
            </p>
          )}
        </>
      )}
      {outcome.kind === 'failed' && <ErrorAlert message={`Could not confirm your address: ${outcome.message}`} />}
    </div>
  );
}
