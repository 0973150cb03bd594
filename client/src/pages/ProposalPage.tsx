import { Suspense, lazy, useCallback, useRef, useState } from 'react';
import { useClient, useQuery } from 'urql';
import { useCurrentUser } from '../auth';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { AccessLost } from '../participants/AccessLost';
import { useAccessLost } from '../participants/access';
import { participantEventMessage, removesSelf } from '../participants/people-events';
import { type ProposalEvent, useProposalEvents } from '../contract/events';
import { eventMessage } from '../contract/labels';
import { ToastStack, useToasts } from '../components/Toasts';
import { pageLoadState, useKeptData } from '../data/pageState';
import { ProposalVersionsQuery } from '../operations/contract';
import { ProposalQuery } from '../operations/proposals';
import { BackLink } from '../components/BackLink';
import { PageFallback } from '../components/PageFallback';
import { Spinner } from '../components/Spinner';
import { useDocumentTitle } from '../components/useDocumentTitle';
import { NewFromProposal } from '../templates/NewFromProposal';

// Tiptap and Yjs are most of the weight of the app: load them only when a brief opens.
const ProposalWorkspace = lazy(() => import('../workspace/ProposalWorkspace'));

const back = <BackLink link={{ to: '/' }}>Back to proposals</BackLink>;

export function ProposalPage({ id }: { id: string }) {
  const user = useCurrentUser();
  const client = useClient();
  const [result, reexecute] = useQuery({ query: ProposalQuery, variables: { id }, requestPolicy: 'cache-and-network' });
  const proposal = useKeptData(result.data, id)?.proposal ?? null;
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
    <div className="page proposal-page">
      <ErrorBoundary what="the brief editor">
        <Suspense fallback={<Spinner label="Loading the brief editor…" />}>
          <ProposalWorkspace proposal={proposal} connection={events.connection} draft={events.draft} />
        </Suspense>
      </ErrorBoundary>
      <NewFromProposal proposalId={proposal.id} title={proposal.title} />
      <ToastStack toasts={toasts} onDismiss={dismissToast} />
    </div>
  );
}
