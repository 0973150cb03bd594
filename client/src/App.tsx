import { Suspense, lazy, useEffect, useState } from 'react';
import { errorMessage } from './api';

import { ErrorBoundary } from './components/ErrorBoundary';
import { Logo } from './components/Logo';
import { NotFound } from './pages/NotFound';
import { ProposalPage } from './pages/ProposalPage';
import { Proposals } from './pages/Proposals';
import { SignIn } from './pages/SignIn';
import { Link, matchRoute, navigate, usePath, useSearch } from './router';
import { type User, useAuth } from './auth';
import { ErrorAlert } from './components/ErrorAlert';
import { Spinner } from './components/Spinner';
import { useDocumentTitle } from './components/useDocumentTitle';

// Read-only versions and diffs hash and lay out frozen briefs: loaded when first visited.
const VersionPage = lazy(() => import('./contract/VersionPage'));
const ComparePage = lazy(() => import('./contract/ComparePage'));

export function App() {
  const { status, refresh } = useAuth();

  if (status.kind === 'loading') {
    return (
      <main id="main" className="center-page">
        <Spinner label="Loading Brieflock…" />
      </main>
    );
  }
  if (status.kind === 'failed') {
    return (
      <main id="main" className="center-page">
        <StartupError message={status.message} onRetry={refresh} />
      </main>
    );
  }
  if (status.kind === 'signedOut') return <SignIn sessionEnded={status.sessionEnded} />;
  return <SignedInShell user={status.user} />;
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
  const path = usePath();
  const search = useSearch();
  const route = matchRoute(path, search);
  const { signOut } = useAuth();
  const [signingOut, setSigningOut] = useState(false);
  const [signOutError, setSignOutError] = useState<string | null>(null);

  useEffect(() => setSignOutError(null), [path]);

  const onSignOut = async () => {
    setSigningOut(true);
    setSignOutError(null);
    try {
      await signOut();
      navigate('/', { replace: true });
    } catch (error) {
      setSignOutError(errorMessage(error));
      setSigningOut(false);
    }
  };

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <div className="topbar-inner">
          <nav aria-label="Main">
            <Link to="/" className="brand" aria-label="Brieflock, your proposals">
              <Logo />
              <span>Brieflock</span>
            </Link>
          </nav>
          <div className="topbar-user">
            <span className="user-name" title={user.email}>
              <span className="visually-hidden">Signed in as </span>
              {user.name}
            </span>
            <button
              type="button"
              className="button button-secondary button-small"
              onClick={onSignOut}
              disabled={signingOut}
              aria-busy={signingOut}
            >
              Sign out
            </button>
          </div>
        </div>
      </header>
      <main id="main" className="container" tabIndex={-1}>
        {signOutError && <ErrorAlert message={`Could not sign out: ${signOutError}`} />}
        {route.name === 'proposals' && <Proposals />}
        {route.name === 'proposal' && <ProposalPage key={route.id} id={route.id} />}
        {(route.name === 'version' || route.name === 'compare') && (
          <ErrorBoundary key={path} what="this page">
            <Suspense fallback={<Spinner label="Loading…" />}>
              {route.name === 'version' ? (
                <VersionPage key={`${route.id}/${route.versionId}`} proposalId={route.id} versionId={route.versionId} />
              ) : (
                <ComparePage key={route.id} proposalId={route.id} from={route.from} to={route.to} />
              )}
            </Suspense>
          </ErrorBoundary>
        )}
        {route.name === 'notFound' && <NotFound />}
      </main>
    </>
  );
}
