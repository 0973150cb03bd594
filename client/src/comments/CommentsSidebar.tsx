import { Suspense, lazy } from 'react';
import type { ParticipantRole } from '@brieflock/schema';
import { ErrorBoundary } from '../components/ErrorBoundary';
import { Spinner } from '../components/Spinner';

// Grouped with the editor's code (anchors decode Yjs positions): loaded with the brief.
const CommentsPanel = lazy(() => import('./CommentsPanel'));

/** The proposal's comment threads, as one self-contained block of the page. */
export function CommentsSidebar({ proposalId, myRole }: { proposalId: string; myRole: ParticipantRole }) {
  return (
    <ErrorBoundary what="the comments">
      <Suspense fallback={<Spinner label="Loading comments…" />}>
        <CommentsPanel proposalId={proposalId} myRole={myRole} />
      </Suspense>
    </ErrorBoundary>
  );
}
