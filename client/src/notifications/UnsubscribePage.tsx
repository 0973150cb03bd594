import { useState, type ReactNode } from 'react';
import { Link } from '@tanstack/react-router';
import { useMutation, useQuery } from 'urql';
import { dataOrThrow, errorMessage, toApiError } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { PageHeading } from '../components/PageHeading';
import { Spinner } from '../components/Spinner';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { UnsubscribeLinkQuery, UnsubscribeMutation } from '../operations/notifications';
import { type LinkRefusal, linkRefusalOf } from '../recovery/link-refusal';

const REFUSALS: Record<LinkRefusal, string> = {
  expired: 'This unsubscribe link has expired: links work for a year.',
  used: 'This unsubscribe link no longer works.',
  unknown: 'This unsubscribe link is not valid. Check that the whole address from the e-mail was opened.',
};

/** Where to choose again what comes by e-mail; signed out, the profile page asks to sign in first. */
function PreferencesLink({ children }: { children: string }) {
  return (
    <p>
      <Link to="/profile">{children}</Link>
    </p>
  );
}

function Refused({ reason }: { reason: LinkRefusal }) {
  return (
    <>
      <div className="alert alert-warning" role="alert">
        <p>{REFUSALS[reason]}</p>
      </div>
      <p>You can still choose what comes by e-mail on your profile page.</p>
      <PreferencesLink>Open your notification preferences</PreferencesLink>
    </>
  );
}

/**
 * `/unsubscribe?token=…`: the link optional e-mails carry. Says what it stops and acts
 * only on the button: link scanners open every link of an e-mail, and opening must change
 * nothing. Works signed out (the token is the authority). Mail clients unsubscribe in one
 * click by POSTing to the same address, which the server answers itself.
 */
export function UnsubscribePage({ token }: { token: string | null }) {
  useDocumentTitle('Unsubscribe');
  const [link] = useQuery({
    query: UnsubscribeLinkQuery,
    variables: { token: token ?? '' },
    pause: !token,
    requestPolicy: 'network-only',
  });
  const [, execute] = useMutation(UnsubscribeMutation);
  const [done, setDone] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [refusal, setRefusal] = useState<LinkRefusal | null>(token ? null : 'unknown');

  const onUnsubscribe = async () => {
    if (!token || pending) return;
    setPending(true);
    setError(null);
    try {
      const data = dataOrThrow(await execute({ token }));
      setDone(data.unsubscribe.description);
    } catch (caught) {
      const reason = linkRefusalOf(caught);
      if (reason) setRefusal(reason);
      else setError(errorMessage(caught));
    } finally {
      setPending(false);
    }
  };

  const loadError = link.error ? toApiError(link.error) : null;
  const reason = refusal ?? (loadError ? linkRefusalOf(loadError) : null);
  const described = link.data?.unsubscribeLink;

  const content = (): ReactNode => {
    if (reason) return <Refused reason={reason} />;
    if (done !== null)
      return (
        <>
          <p className="alert alert-info" role="status">
            Unsubscribed. You will no longer get {done}.
          </p>
          <p>
            Notifications still reach your inbox in Brieflock. To have them e-mailed again, change it on your profile.
          </p>
          <PreferencesLink>Change your notification preferences</PreferencesLink>
        </>
      );
    if (loadError) return <ErrorAlert message={`Could not read this link: ${loadError.message}`} />;
    if (!described) return <Spinner label="Reading the link…" />;
    if (described.alreadyStopped)
      return (
        <>
          <p className="alert alert-info" role="status">
            You are unsubscribed already: {described.maskedEmail} no longer gets {described.description}.
          </p>
          <PreferencesLink>Change your notification preferences</PreferencesLink>
        </>
      );
    return (
      <>
        <p>
          You will no longer get {described.description} at {described.maskedEmail}. Notifications still reach your
          inbox in Brieflock.
        </p>
        <ErrorAlert message={error} />
        <div>
          <button
            type="button"
            className="button button-primary"
            onClick={onUnsubscribe}
            disabled={pending}
            aria-busy={pending}
          >
            Unsubscribe
          </button>
        </div>
      </>
    );
  };

  return (
    <div className="auth-card stack">
      <PageHeading className="card-title">Unsubscribe from e-mails</PageHeading>
      {content()}
    </div>
  );
}
