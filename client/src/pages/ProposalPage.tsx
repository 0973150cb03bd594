import { Suspense, lazy, useCallback, useMemo, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { useCurrentUser } from '../auth';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { InviteForm } from '../participants/InviteForm';
import { ParticipantsTable } from '../participants/ParticipantsTable';
import { AccessLost } from '../participants/AccessLost';
import { useAccessLost } from '../participants/access';
import { participantEventMessage, removesSelf } from '../participants/people-events';
import { type ProposalEvent, useProposalEvents } from '../contract/events';
import { eventMessage } from '../contract/labels';
import { ToastStack, useToasts } from '../components/Toasts';
import type { LiveBriefReport } from '../editor/BriefEditor';
import { pageLoadState, useKeptData } from '../data/pageState';
import { ProposalVersionsQuery } from '../operations/contract';
import { ProposalQuery } from '../operations/proposals';
import { BackLink } from '../components/BackLink';
import { DateTime } from '../components/DateTime';
import { PageFallback } from '../components/PageFallback';
import { PageHeading } from '../components/PageHeading';
import { RoleBadge } from '../participants/RoleBadge';
import { Spinner } from '../components/Spinner';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { CommentsSidebar } from '../comments/CommentsSidebar';

// Tiptap and Yjs are most of the weight of the app: load them only when a brief opens.
const BriefEditor = lazy(() => import('../editor/BriefEditor'));
// The contract area hashes and checks readiness (shared code grouped with the editor's).
const ContractPanel = lazy(() => import('../contract/ContractPanel'));

/** Same checks, same outcome, same save state: nothing the contract area would show differently. */
function sameReport(a: LiveBriefReport | null, b: LiveBriefReport | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.saved === b.saved &&
    a.synced === b.synced &&
    a.readiness.checks.length === b.readiness.checks.length &&
    a.readiness.checks.every((check, index) => {
      const other = b.readiness.checks[index]!;
      return check.key === other.key && check.passed === other.passed && check.message === other.message;
    })
  );
}

const back = <BackLink link={{ to: '/' }}>Back to proposals</BackLink>;

export function ProposalPage({ id }: { id: string }) {
  const user = useCurrentUser();
  const client = useClient();
  const [result, reexecute] = useQuery({ query: ProposalQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const proposal = useKeptData(result.data, id)?.proposal ?? null;
  const [live, setLive] = useState<LiveBriefReport | null>(null);
  const [removed, setRemoved] = useState(false);
  // The list as shown before an event changes it: a removed person is named from it.
  const shown = useRef(proposal?.participants ?? []);
  shown.current = proposal?.participants ?? shown.current;
  const { toasts, push: pushToast, dismiss: dismissToast } = useToasts();
  const state = proposal ? null : pageLoadState(result);

  useDocumentTitle(proposal ? proposal.title : state?.kind === 'notFound' ? 'Proposal not found' : 'Proposal');

  // The cache already holds what each event changed (see data/cache.ts): only the toast is left.
  const onEvent = useCallback(
    (event: ProposalEvent) => {
      if (removesSelf(event, shown.current, user.id)) setRemoved(true);
      const message = event.kind.startsWith('PARTICIPANT_')
        ? participantEventMessage(event, shown.current, user.id)
        : eventMessage(event, user.id);
      if (message) pushToast(event.kind, message);
    },
    [pushToast, user.id],
  );

  // Back from a dropped connection: whatever changed meanwhile sent no event here.
  const onResync = useCallback(() => {
    reexecute({ requestPolicy: 'network-only' });
    void client.query(ProposalVersionsQuery, { id }, { requestPolicy: 'network-only' }).toPromise();
  }, [reexecute, client, id]);

  const events = useProposalEvents(proposal ? id : null, onEvent, onResync);
  const accessLost = useAccessLost(id, user.id, removed, events.connection);

  // Readiness is re-evaluated as people type; only a change the contract area shows re-renders the page.
  const onLiveBrief = useCallback((report: LiveBriefReport | null) => {
    setLive((current) => (sameReport(current, report) ? current : report));
  }, []);
  // The same element while id and role stay: page updates (toasts, participants) skip the editor.
  const editorRole = proposal?.myRole ?? null;
  const editor = useMemo(
    () => (editorRole ? <BriefEditor proposalId={id} myRole={editorRole} onLiveBrief={onLiveBrief} /> : null),
    [id, editorRole, onLiveBrief],
  );

  if (accessLost) return <AccessLost />;

  if (!proposal) {
    return (
      <PageFallback
        state={state ?? { kind: 'loading' }}
        back={back}
        loadingLabel="Loading proposal…"
        notFoundTitle="Proposal not found"
        notFoundText="This proposal does not exist, or you are not a participant on it. Ask its client to invite you with the e-mail address you signed in with."
        failedTitle="Could not load this proposal"
        onRetry={() => reexecute({ requestPolicy: 'network-only' })}
      />
    );
  }

  return (
    <div className="page">
      {back}
      <div className="page-header">
        <PageHeading className="proposal-title">{proposal.title}</PageHeading>
        <p className="proposal-meta">
          <span>
            Your role: <RoleBadge role={proposal.myRole} />
          </span>
          <span>
            Created <DateTime iso={proposal.createdAt} long />
          </span>
        </p>
      </div>

      <ParticipantsTable
        participants={proposal.participants}
        currentUserId={user.id}
        proposalId={proposal.myRole === 'CLIENT' ? proposal.id : undefined}
      />

      {proposal.myRole === 'CLIENT' && <InviteForm proposalId={proposal.id} />}

      <ErrorBoundary what="the brief editor">
        <Suspense fallback={<Spinner label="Loading the brief editor…" />}>{editor}</Suspense>
      </ErrorBoundary>

      <CommentsSidebar proposalId={proposal.id} myRole={proposal.myRole} />

      <ErrorBoundary what="the contract">
        <Suspense fallback={<Spinner label="Loading the contract…" />}>
          <ContractPanel
            proposalId={proposal.id}
            myRole={proposal.myRole}
            live={live}
            connection={events.connection}
            draft={events.draft}
          />
        </Suspense>
      </ErrorBoundary>

      <ToastStack toasts={toasts} onDismiss={dismissToast} />
    </div>
  );
}
