import { Suspense, lazy, useState } from 'react';
import { Link, Outlet, useLocation, useNavigate } from '@tanstack/react-router';
import { errorMessage } from './api';
import { type User, useAuth } from './auth';
import { Logo } from './components/Logo';
import { invitationTokenOf } from './pages/invitation-token';
import { ErrorAlert } from './components/ErrorAlert';
import { Spinner } from './components/Spinner';
import { useDocumentTitle } from './components/useDocumentTitle';
import { NotificationsBell } from './notifications/NotificationsBell';
import { noticeOf } from './notice';
import { UnverifiedEmailBanner } from './recovery/UnverifiedEmailBanner';

// Signed in, the first screen needs neither: loaded only when someone has to sign in.
const SignIn = lazy(() => import('./pages/SignIn').then((module) => ({ default: module.SignIn })));
const SignedOutInvitation = lazy(() =>
  import('./pages/Invitation').then((module) => ({ default: module.SignedOutInvitation })),
);

/** The root route: who is signed in decides between the sign-in page and the routed pages. */
export function App() {
  const { status, refresh } = useAuth();
  // Signing in keeps the address: an invitation link's page is there once signed in.
  const invitationToken = useLocation({ select: (location) => invitationTokenOf(location.pathname) });
  const isPublic = useLocation({ select: (location) => PUBLIC_PATHS.has(location.pathname.replace(/\/+$/, '')) });

  // Public pages show the same whoever asks: no waiting for the session, no sign-in gate.
  if (isPublic) return <PublicShell />;

  const loading = (
    <main id="main" className="center-page">
      <Spinner label="Loading Brieflock…" />
    </main>
  );
  if (status.kind === 'loading') return loading;
  if (status.kind === 'failed') {
    return (
      <main id="main" className="center-page">
        <StartupError message={status.message} onRetry={refresh} />
      </main>
    );
  }
  if (status.kind === 'signedOut')
    return (
      <Suspense fallback={loading}>
        <SignIn
          sessionEnded={status.sessionEnded}
          intro={invitationToken ? <SignedOutInvitation token={invitationToken} /> : undefined}
        />
      </Suspense>
    );
  return <SignedInShell user={status.user} />;
}

/** Pages anyone may open without an account. */
const PUBLIC_PATHS = new Set(['/verify', '/verify-email', '/forgot-password', '/reset-password', '/unsubscribe']);

function PublicShell() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <nav aria-label="Main">
            <Link to="/" className="brand" aria-label="Brieflock, home">
              <Logo />
              <span>Brieflock</span>
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        <Outlet />
      </main>
    </>
  );
}

function StartupError({ message, onRetry }: { message: string; onRetry: () => void }) {
  useDocumentTitle('Unavailable');
  return (
    <div className="auth-card stack">
      <h1 className="card-title">Brieflock is unavailable</h1>
      <ErrorAlert message={message} />
      <div>
        <button type="button" className="button button-primary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}

function SignedInShell({ user }: { user: User }) {
  const path = useLocation({ select: (location) => location.pathname });
  const notice = useLocation({ select: (location) => noticeOf(location.state) });
  // The proposal page lays the brief out between two columns: it takes the window's width.
  const wide = /^\/proposals\/[^/]+\/?$/.test(path);
  const navigate = useNavigate();
  const { signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);
  // Shown on the page where signing out failed, and gone once another page opens.
  const [failure, setFailure] = useState<{ path: string; message: string } | null>(null);
  const signOutError = failure?.path === path ? failure.message : null;

  const onSignOut = async (everywhere = false) => {
    setSigningOut(true);
    setFailure(null);
    try {
      await signOut({ everywhere });
      await navigate({ to: '/', replace: true });
    } catch (error) {
      setFailure({ path, message: errorMessage(error) });
      setSigningOut(false);
    }
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className={wide ? 'topbar-inner topbar-inner-wide' : 'topbar-inner'}>
          <nav aria-label="Main">
            <Link to="/" className="brand" aria-label="Brieflock, your proposals">
              <Logo />
              <span>Brieflock</span>
            </Link>
          </nav>
          <div className="topbar-user">
            <NotificationsBell />
            <span className="user-name" title={user.email}>
              <span className="visually-hidden">Signed in as </span>
              {user.name}
            </span>
            <Link to="/bench" className="button button-ghost button-small">
              Bench
            </Link>
            <Link to="/profile" className="button button-ghost button-small">
              Profile
            </Link>
            <Link to="/account" className="button button-ghost button-small">
              Passkeys
            </Link>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={() => onSignOut()}
              disabled={signingOut}
              aria-busy={signingOut}
            >
              Sign out
            </button>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => onSignOut(true)}
              disabled={signingOut}
              title="Signs this account out on every device and closes their open documents"
            >
              Sign out everywhere
            </button>
          </div>
        </div>
      </header>
      <main id="main" className={wide ? 'container container-wide' : 'container'} tabIndex={-1}>
        {signOutError && <ErrorAlert message={`Could not sign out: ${signOutError}`} />}
        {!user.emailVerified && <UnverifiedEmailBanner />}
        {notice && (
          <p className="alert alert-info" role="status">
            {notice}
          </p>
        )}
        <Outlet />
      </main>
    </>
  );
}
