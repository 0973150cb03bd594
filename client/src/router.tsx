import { Suspense, lazy, type ReactNode } from 'react';
import { createRootRoute, createRoute, createRouter } from '@tanstack/react-router';
import { App } from './App';
import { ErrorBoundary } from './components/ErrorBoundary';
import { Spinner } from './components/Spinner';
import { requestPageFocus } from './focus';
import { NotFound } from './pages/NotFound';
import { Proposals } from './pages/Proposals';

/** The route tree, in code: the server falls back to index.html for every path it does not serve. */

// The proposals list is the first screen and comes with the app; every other page is
// loaded when first visited (read-only versions and diffs hash and lay out frozen briefs,
// the proposal page brings the brief editor, the account page the passkey helpers).
const ProposalPage = lazy(() => import('./pages/ProposalPage').then((module) => ({ default: module.ProposalPage })));
const InvitationPage = lazy(() => import('./pages/Invitation').then((module) => ({ default: module.InvitationPage })));
const Account = lazy(() => import('./pages/Account').then((module) => ({ default: module.Account })));
const ProfilePage = lazy(() => import('./pages/Profile').then((module) => ({ default: module.ProfilePage })));
const UnsubscribePage = lazy(() =>
  import('./notifications/UnsubscribePage').then((module) => ({ default: module.UnsubscribePage })),
);
const ForgotPasswordPage = lazy(() =>
  import('./recovery/ForgotPasswordPage').then((module) => ({ default: module.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./recovery/ResetPasswordPage').then((module) => ({ default: module.ResetPasswordPage })),
);
const VerifyEmailPage = lazy(() =>
  import('./recovery/VerifyEmailPage').then((module) => ({ default: module.VerifyEmailPage })),
);
const VersionPage = lazy(() => import('./contract/VersionPage'));
const ComparePage = lazy(() => import('./contract/ComparePage'));
const VerifyPage = lazy(() => import('./verify/VerifyPage'));
const WebhooksPage = lazy(() => import('./webhooks/WebhooksPage'));
const BenchPage = lazy(() => import('./bench/BenchPage'));
const EngagementPage = lazy(() => import('./engagement/EngagementPage'));

/**
 * A lazily loaded page: a spinner while it loads, and a failure kept to this page. Keyed
 * by its own route's params: the live location changes first when leaving, and a key
 * taken from it would remount the page being left (and hand it the focus meant for the next).
 */
function LazyPage({ pageKey, children }: { pageKey: string; children: ReactNode }) {
  return (
    <ErrorBoundary key={pageKey} what="this page">
      <Suspense
        fallback={
          <div data-page-loading="">
            <Spinner label="Loading…" />
          </div>
        }
      >
        {children}
      </Suspense>
    </ErrorBoundary>
  );
}

const rootRoute = createRootRoute({ component: App, notFoundComponent: NotFound });

const indexRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Proposals });
const proposalsRoute = createRoute({ getParentRoute: () => rootRoute, path: '/proposals', component: Proposals });

const proposalRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/proposals/$id',
  component: function ProposalRoute() {
    const { id } = proposalRoute.useParams();
    return (
      <LazyPage pageKey={id}>
        <ProposalPage key={id} id={id} />
      </LazyPage>
    );
  },
});

const invitationRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/invitations/$token',
  component: function InvitationRoute() {
    const { token } = invitationRoute.useParams();
    return (
      <LazyPage pageKey={`invitations/${token}`}>
        <InvitationPage key={token} token={token} />
      </LazyPage>
    );
  },
});

const versionRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/proposals/$id/versions/$versionId',
  component: function VersionRoute() {
    const { id, versionId } = versionRoute.useParams();
    return (
      <LazyPage pageKey={`${id}/versions/${versionId}`}>
        <VersionPage key={`${id}/${versionId}`} proposalId={id} versionId={versionId} />
      </LazyPage>
    );
  },
});

/** The versions compared; anything else in the address is dropped rather than trusted. */
export interface CompareSearch {
  from?: string;
  to?: string;
}

// The default parser turns digits into numbers: an id is text either way.
const searchId = (value: unknown): string | undefined =>
  (typeof value === 'string' && value !== '') || typeof value === 'number' ? String(value) : undefined;

const compareRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/proposals/$id/compare',
  validateSearch: (search: Record<string, unknown>): CompareSearch => ({
    from: searchId(search.from),
    to: searchId(search.to),
  }),
  component: function CompareRoute() {
    const { id } = compareRoute.useParams();
    const { from, to } = compareRoute.useSearch();
    return (
      <LazyPage pageKey={`${id}/compare`}>
        <ComparePage key={id} proposalId={id} from={from ?? null} to={to ?? null} />
      </LazyPage>
    );
  },
});

/** A proposal's webhook settings; the page itself tells a participant who is not a client. */
const webhooksRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/proposals/$id/webhooks',
  component: function WebhooksRoute() {
    const { id } = webhooksRoute.useParams();
    return (
      <LazyPage pageKey={`${id}/webhooks`}>
        <WebhooksPage key={id} proposalId={id} />
      </LazyPage>
    );
  },
});

/** The signed-in client's bench: the freelancers they signed with. */
const benchRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/bench',
  component: function BenchRoute() {
    return (
      <LazyPage pageKey="bench">
        <BenchPage />
      </LazyPage>
    );
  },
});

/** The engagement after signing: the milestones of the contract in force. */
const engagementRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/proposals/$id/engagement',
  component: function EngagementRoute() {
    const { id } = engagementRoute.useParams();
    return (
      <LazyPage pageKey={`${id}/engagement`}>
        <EngagementPage key={id} proposalId={id} />
      </LazyPage>
    );
  },
});

const accountRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/account',
  component: function AccountRoute() {
    return (
      <LazyPage pageKey="account">
        <Account />
      </LazyPage>
    );
  },
});
const profileRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/profile',
  component: function ProfileRoute() {
    return (
      <LazyPage pageKey="profile">
        <ProfilePage />
      </LazyPage>
    );
  },
});

/** Public: App renders it without the sign-in gate. */
const verifyRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify',
  component: function VerifyRoute() {
    return (
      <LazyPage pageKey="verify">
        <VerifyPage />
      </LazyPage>
    );
  },
});

/** The token an e-mailed link carries; anything else in the address is dropped. */
export interface TokenSearch {
  token?: string;
}

const tokenSearch = (search: Record<string, unknown>): TokenSearch => ({
  token: typeof search.token === 'string' && search.token !== '' ? search.token : undefined,
});

/** Public, like the two below and unsubscribe: the links in e-mails open here signed in or not. */
const verifyEmailRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/verify-email',
  validateSearch: tokenSearch,
  component: function VerifyEmailRoute() {
    const { token } = verifyEmailRoute.useSearch();
    return (
      <LazyPage pageKey="verifyEmail">
        <VerifyEmailPage key={token ?? ''} token={token ?? null} />
      </LazyPage>
    );
  },
});

const forgotPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/forgot-password',
  component: function ForgotPasswordRoute() {
    return (
      <LazyPage pageKey="forgot-password">
        <ForgotPasswordPage />
      </LazyPage>
    );
  },
});

const resetPasswordRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/reset-password',
  validateSearch: tokenSearch,
  component: function ResetPasswordRoute() {
    const { token } = resetPasswordRoute.useSearch();
    return (
      <LazyPage pageKey="resetPassword">
        <ResetPasswordPage key={token ?? ''} token={token ?? null} />
      </LazyPage>
    );
  },
});

const unsubscribeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/unsubscribe',
  validateSearch: tokenSearch,
  component: function UnsubscribeRoute() {
    const { token } = unsubscribeRoute.useSearch();
    return (
      <LazyPage pageKey="unsubscribe">
        <UnsubscribePage key={token ?? ''} token={token ?? null} />
      </LazyPage>
    );
  },
});

const routeTree = rootRoute.addChildren([
  indexRoute,
  proposalsRoute,
  proposalRoute,
  versionRoute,
  compareRoute,
  webhooksRoute,
  benchRoute,
  engagementRoute,
  accountRoute,
  profileRoute,
  invitationRoute,
  verifyRoute,
  verifyEmailRoute,
  forgotPasswordRoute,
  resetPasswordRoute,
  unsubscribeRoute,
]);

export const router = createRouter({
  routeTree,
  // Back and forward return to where the page was scrolled; a new page starts at the top.
  scrollRestoration: true,
});

// A new page (a link, back or forward) hands focus to its heading; a page's own choices
// in the search (compare's from/to) stay on the same path and keep focus where it is.
router.subscribe('onBeforeNavigate', (event) => {
  if (event.fromLocation && event.pathChanged) requestPageFocus();
});

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}
