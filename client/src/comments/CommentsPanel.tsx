import { useEffect, useMemo, useRef, useState } from 'react';
import { useMutation, useQuery } from 'urql';
import { canEditWithRole, type ParticipantRole } from '@brieflock/schema';
import { dataOrThrow, errorMessage } from '../api';
import { useCurrentUser } from '../auth';
import { ErrorAlert } from '../components/ErrorAlert';
import { Spinner } from '../components/Spinner';
import { panelDomId } from '../editor/labels';
import { ProposalThreadsQuery, StartThreadMutation } from '../operations/comments';
import { ProposalQuery } from '../operations/proposals';
import { plural } from '../plural';
import { revealAnchor, type Thread } from './anchors';
import { CommentComposer, type Mentionable } from './CommentComposer';
import { useCommentsUi } from './store';
import { ThreadCard } from './ThreadCard';
import './comments.css';

type Filter = 'OPEN' | 'RESOLVED' | 'ALL';
const FILTERS: { value: Filter; label: string }[] = [
  { value: 'OPEN', label: 'Open' },
  { value: 'RESOLVED', label: 'Resolved' },
  { value: 'ALL', label: 'All' },
];

/** The participants with an account: who a comment can mention. */
export function useMentionable(proposalId: string): Mentionable[] {
  const [result] = useQuery({ query: ProposalQuery, variables: { id: proposalId } });
  const participants = result.data?.proposal?.participants;
  return useMemo(
    () =>
      (participants ?? []).flatMap((participant) =>
        participant.user && !participant.pending
          ? [{ id: participant.user.id, name: participant.user.name.trim() || participant.user.email }]
          : [],
      ),
    [participants],
  );
}

/**
 * The comment threads of a proposal: a new comment on what was picked in the brief, the
 * threads (open, resolved or all), each with its replies. Kept current by the proposal's
 * events (see data/cache.ts).
 */
export default function CommentsPanel({ proposalId, myRole }: { proposalId: string; myRole: ParticipantRole }) {
  const user = useCurrentUser();
  const [result] = useQuery({ query: ProposalThreadsQuery, variables: { id: proposalId } });
  const [ui, store] = useCommentsUi(proposalId);
  const [filter, setFilter] = useState<Filter>('OPEN');
  const [error, setError] = useState<string | null>(null);
  const [, start] = useMutation(StartThreadMutation);
  const people = useMentionable(proposalId);
  const canWrite = canEditWithRole(myRole);
  const listRef = useRef<HTMLDivElement>(null);

  const threads = result.data?.proposal?.threads ?? null;
  const open = threads?.filter((thread) => thread.status === 'OPEN').length ?? 0;
  const shown = (threads ?? []).filter((thread) => filter === 'ALL' || thread.status === filter);

  // A thread picked in the brief (its highlight clicked) comes into view here too.
  useEffect(() => {
    if (!ui.activeThreadId) return;
    const card = listRef.current?.querySelector<HTMLElement>(`[data-thread-id="${ui.activeThreadId}"]`);
    card?.scrollIntoView({ block: 'nearest' });
  }, [ui.activeThreadId]);

  const reveal = (thread: Thread) => {
    store.activate(thread.id);
    revealAnchor(thread);
  };

  return (
    <section
      id={panelDomId('comments')}
      className="section comments-panel"
      aria-labelledby="comments-heading"
      data-testid="comments-panel"
      tabIndex={-1}
    >
      <div className="comments-head">
        <h2 id="comments-heading" className="section-title">
          Comments
        </h2>
        <p className="comments-count" aria-live="polite">
          {threads ? (open === 0 ? 'No open threads' : `${plural(open, 'open thread', 'open threads')}`) : ''}
        </p>
      </div>

      {canWrite && ui.pending && (
        <div className="comment-new" data-testid="new-comment">
          <p className="comment-new-title">Comment on {ui.pending.label}</p>
          <CommentComposer
            label="Your comment"
            submitLabel="Comment"
            people={people}
            autoFocus
            onCancel={() => store.compose(null)}
            onSubmit={async (body, mentions) => {
              const pending = ui.pending;
              if (!pending) return false;
              const { label: _label, ...anchor } = pending;
              try {
                const created = dataOrThrow(await start({ input: { proposalId, anchor, body, mentions } }));
                store.compose(null);
                store.activate(created.startThread.id);
                setFilter((current) => (current === 'RESOLVED' ? 'OPEN' : current));
                setError(null);
                return true;
              } catch (caught) {
                setError(errorMessage(caught));
                return false;
              }
            }}
          />
        </div>
      )}
      <ErrorAlert message={error} />

      <fieldset className="comments-filter">
        <legend className="visually-hidden">Show threads</legend>
        {FILTERS.map((option) => (
          <label key={option.value} className={filter === option.value ? 'chip is-selected' : 'chip'}>
            <input
              type="radio"
              name={`comments-filter-${proposalId}`}
              value={option.value}
              checked={filter === option.value}
              onChange={() => setFilter(option.value)}
            />
            {option.label}
          </label>
        ))}
      </fieldset>

      <div ref={listRef} className="threads">
        {!threads ? (
          result.error ? (
            <ErrorAlert message={errorMessage(result.error)} />
          ) : (
            <Spinner label="Loading comments…" />
          )
        ) : shown.length === 0 ? (
          <p className="note">
            {filter === 'RESOLVED'
              ? 'No resolved threads.'
              : filter === 'OPEN' && threads.length > 0
                ? 'Every thread is resolved.'
                : canWrite
                  ? 'No comments yet. Select text in the brief, or use a comment button beside a field or section.'
                  : 'No comments yet.'}
          </p>
        ) : (
          shown.map((thread) => (
            <ThreadCard
              key={thread.id}
              thread={thread}
              selfId={user.id}
              canWrite={canWrite}
              people={people}
              active={ui.activeThreadId === thread.id}
              detached={store.isDetached(thread.id)}
              onReveal={() => reveal(thread)}
            />
          ))
        )}
      </div>
    </section>
  );
}
