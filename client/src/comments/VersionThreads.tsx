import { useQuery } from 'urql';
import { useCurrentUser } from '../auth';
import { errorMessage } from '../api';
import { ErrorAlert } from '../components/ErrorAlert';
import { Spinner } from '../components/Spinner';
import { VersionThreadsQuery } from '../operations/comments';
import { plural } from '../plural';
import { ThreadCard } from './ThreadCard';
import './comments.css';

/** The threads that were still open when a version was frozen, read-only. */
export function VersionThreads({ versionId, number }: { versionId: string; number: number }) {
  const user = useCurrentUser();
  const [result] = useQuery({ query: VersionThreadsQuery, variables: { id: versionId } });
  const threads = result.data?.contractVersion?.threads;
  return (
    <section
      className="section version-threads"
      aria-labelledby="version-threads-heading"
      data-testid="version-threads"
    >
      <h2 id="version-threads-heading" className="section-title">
        Open comments at freezing
      </h2>
      {!threads ? (
        result.error ? (
          <ErrorAlert message={errorMessage(result.error)} />
        ) : (
          <Spinner label="Loading comments…" />
        )
      ) : threads.length === 0 ? (
        <p className="note">Every comment thread was resolved when version {number} was frozen.</p>
      ) : (
        <>
          <p className="note">
            {plural(threads.length, 'thread was', 'threads were')} still open when version {number} was frozen; each
            shows as it is now. Comments are never part of the contract.
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
