import { useMemo } from 'react';
import { useQuery } from 'urql';
import { useCurrentUser } from '../auth';
import { errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Spinner } from '../components/Spinner';
import type { KeptThreadFieldsFragment } from '../gql/graphql';
import { VersionThreadsQuery } from '../operations/comments';
import { plural } from '../plural';
import type { Thread } from './anchors';
import { ThreadCard } from './ThreadCard';
import './comments.css';

/** A kept thread in the shape the thread card shows (its ids were asked for under other names). */
export function keptThread({ threadId, comments, ...thread }: KeptThreadFieldsFragment): Thread {
  return {
    ...thread,
    id: threadId,
    comments: comments.map(({ commentId, ...comment }) => ({ ...comment, id: commentId, threadId })),
  };
}

/**
 * The threads that were still open when a version was frozen, as the version kept them
 * then, read-only: nobody replies to or resolves a thread here, and what happened to it
 * since is on the proposal page.
 */
export function VersionThreads({ versionId, number }: { versionId: string; number: number }) {
  const user = useCurrentUser();
  const [result] = useQuery({ query: VersionThreadsQuery, variables: { id: versionId } });
  const kept = result.data?.contractVersion?.threads;
  const threads = useMemo(() => kept?.map(keptThread), [kept]);
  return (
    <section
      className="section version-threads"
      aria-labelledby="version-threads-heading"
      data-testid="version-threads"
    >
      <h2 id="version-threads-heading" className="section-title">
        Threads open when version {number} was frozen
      </h2>
      {!threads ? (
        result.error ? (
          <ErrorAlert message={errorMessage(result.error)} />
        ) : (
          <Spinner label="Loading comments…" />
        )
      ) : threads.length === 0 ? (
        <p className="note">No comment thread was open when version {number} was frozen.</p>
      ) : (
        <>
          <p className="note">
            {plural(threads.length, 'thread was', 'threads were')} still open when version {number} was frozen, shown as
            they were then; what happened to them since shows only on the proposal page. Comments are never part of the
            contract.
          </p>
          <div className="threads">
            {threads.map((thread) => (
              <ThreadCard key={thread.id} thread={thread} selfId={user.id} canWrite={false} people={[]} />
            ))}
          </div>
        </>
      )}
    </section>
  );
}
