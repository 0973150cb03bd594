import { Suspense, lazy, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { errorMessage, gql, isAbortError, ApiError } from '../api';
import { useCurrentUser } from '../auth';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { InviteForm } from '../participants/InviteForm';
import { ParticipantsTable } from '../participants/ParticipantsTable';
import { useProposalEvents } from '../contract/events';
import { displayName, eventMessage } from '../contract/labels';
import { ToastStack, useToasts } from '../components/Toasts';
import type { ProposalEvent } from '../contract/types';
import type { LiveBriefReport } from '../editor/BriefEditor';
import { USER_FIELDS, type Participant, type Proposal } from '../types';
import { BackLink } from '../components/BackLink';
import { DateTime } from '../components/DateTime';
import { PageFallback, type PageLoadState } from '../components/PageFallback';
import { PageHeading } from '../components/PageHeading';
import { ROLE_LABELS } from '../participants/roles';
import { RoleBadge } from '../participants/RoleBadge';
import { Spinner } from '../components/Spinner';
import { useDocumentTitle } from '../components/useDocumentTitle';

// Tiptap and Yjs are most of the weight of the app: load them only when a brief opens.
const BriefEditor = lazy(() => import('../editor/BriefEditor'));
// The contract area hashes and checks readiness (shared code grouped with the editor's).
const ContractPanel = lazy(() => import('../contract/ContractPanel'));

const PARTICIPANTS_QUERY = `query ProposalParticipants($id: ID!) {
  proposal(id: $id) { id participants { id role pending user { ${USER_FIELDS} } } }
}`;

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

const VERSION_EVENTS: ReadonlySet<ProposalEvent['kind']> = new Set([
  'VERSION_FROZEN',
  'VERSION_SIGNED',
  'VERSION_EXECUTED',
]);

const PROPOSAL_QUERY = `query Proposal($id: ID!) {
  proposal(id: $id) {
    id title createdAt myRole
    participants { id role pending user { ${USER_FIELDS} } }
  }
}`;

type PageState = PageLoadState | { kind: 'ready'; proposal: Proposal };

const back = <BackLink to="/">Back to proposals</BackLink>;

export function ProposalPage({ id }: { id: string }) {
  const user = useCurrentUser();
  const [state, setState] = useState<PageState>({ kind: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [live, setLive] = useState<LiveBriefReport | null>(null);
  const [versionsRevision, setVersionsRevision] = useState(0);
  const { toasts, push: pushToast, dismiss: dismissToast } = useToasts();
  const participantsRef = useRef<Participant[]>([]);
  participantsRef.current = state.kind === 'ready' ? state.proposal.participants : [];

  useDocumentTitle(
    state.kind === 'ready' ? state.proposal.title : state.kind === 'notFound' ? 'Proposal not found' : 'Proposal',
  );

  useEffect(() => {
    const controller = new AbortController();
    setState({ kind: 'loading' });
    gql<{ proposal: Proposal | null }>(PROPOSAL_QUERY, { id }, controller.signal)
      .then(({ proposal }) => setState(proposal ? { kind: 'ready', proposal } : { kind: 'notFound' }))
      .catch((error: unknown) => {
        if (isAbortError(error)) return;
        if (error instanceof ApiError && error.code === 'NOT_FOUND') setState({ kind: 'notFound' });
        else setState({ kind: 'failed', message: errorMessage(error) });
      });
    return () => controller.abort();
  }, [id, attempt]);

  const onInvited = useCallback((participant: Participant) => {
    setState((current) => {
      if (current.kind !== 'ready') return current;
      const others = current.proposal.participants.filter((p) => p.id !== participant.id);
      return { kind: 'ready', proposal: { ...current.proposal, participants: [...others, participant] } };
    });
  }, []);

  /** Re-reads the participants quietly; resolves with the ones this page did not know. */
  const refreshParticipants = useCallback(async (): Promise<Participant[]> => {
    try {
      const { proposal } = await gql<{ proposal: { participants: Participant[] } | null }>(PARTICIPANTS_QUERY, { id });
      if (!proposal) return [];
      const known = new Set(participantsRef.current.map((participant) => participant.id));
      setState((current) =>
        current.kind === 'ready'
          ? { kind: 'ready', proposal: { ...current.proposal, participants: proposal.participants } }
          : current,
      );
      return proposal.participants.filter((participant) => !known.has(participant.id));
    } catch {
      // The table keeps what it showed; the next event or a reload catches up.
      return [];
    }
  }, [id]);

  const onEvent = useCallback(
    (event: ProposalEvent) => {
      if (VERSION_EVENTS.has(event.kind)) setVersionsRevision((n) => n + 1);
      if (event.kind === 'PARTICIPANT_ADDED') {
        void refreshParticipants().then((added) => {
          const [first] = added;
          pushToast(
            event.kind,
            first && added.length === 1
              ? `${displayName(first.user)} joined as ${ROLE_LABELS[first.role].toLowerCase()}`
              : (eventMessage(event, user.id) ?? 'A participant was added'),
          );
        });
        return;
      }
      const message = eventMessage(event, user.id);
      if (message) pushToast(event.kind, message);
    },
    [refreshParticipants, pushToast, user.id],
  );

  // Back from a dropped connection: whatever changed meanwhile sent no event here.
  const onResync = useCallback(() => {
    setVersionsRevision((n) => n + 1);
    void refreshParticipants();
  }, [refreshParticipants]);

  const events = useProposalEvents(state.kind === 'ready' ? id : null, onEvent, onResync);

  // Readiness is re-evaluated as people type; only a change the contract area shows re-renders the page.
  const onLiveBrief = useCallback((report: LiveBriefReport | null) => {
    setLive((current) => (sameReport(current, report) ? current : report));
  }, []);
  // The same element while id and role stay: page updates (toasts, participants) skip the editor.
  const editorRole = state.kind === 'ready' ? state.proposal.myRole : null;
  const editor = useMemo(
    () => (editorRole ? <BriefEditor proposalId={id} myRole={editorRole} onLiveBrief={onLiveBrief} /> : null),
    [id, editorRole, onLiveBrief],
  );

  const onRemoved = useCallback((participantId: string) => {
    setState((current) => {
      if (current.kind !== 'ready') return current;
      return {
        kind: 'ready',
        proposal: {
          ...current.proposal,
          participants: current.proposal.participants.filter((p) => p.id !== participantId),
        },
      };
    });
  }, []);

  if (state.kind !== 'ready') {
    return (
      <PageFallback
        state={state}
        back={back}
        loadingLabel="Loading proposal…"
        notFoundTitle="Proposal not found"
        notFoundText="This proposal does not exist, or you are not a participant on it. Ask its client to invite you with the e-mail address you signed in with."
        failedTitle="Could not load this proposal"
        onRetry={() => setAttempt((n) => n + 1)}
      />
    );
  }

  const { proposal } = state;
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
        onRemoved={proposal.myRole === 'CLIENT' ? onRemoved : undefined}
      />

      {proposal.myRole === 'CLIENT' && <InviteForm proposalId={proposal.id} onInvited={onInvited} />}

      <ErrorBoundary what="the brief editor">
        <Suspense fallback={<Spinner label="Loading the brief editor…" />}>{editor}</Suspense>
      </ErrorBoundary>

      <ErrorBoundary what="the contract">
        <Suspense fallback={<Spinner label="Loading the contract…" />}>
          <ContractPanel
            proposalId={proposal.id}
            myRole={proposal.myRole}
            live={live}
            revision={versionsRevision}
            connection={events.connection}
            draft={events.draft}
          />
        </Suspense>
      </ErrorBoundary>

      <ToastStack toasts={toasts} onDismiss={dismissToast} />
    </div>
  );
}
