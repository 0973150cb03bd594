import { useState } from 'react';
import { useMutation } from 'urql';
import { dataOrThrow, errorMessage } from '../api';
import { DateTime } from '../components/DateTime';
import { ErrorAlert } from '../components/ErrorAlert';
import { displayName } from '../contract/labels';
import type { CommentFieldsFragment } from '../gql/graphql';
import {
  DeleteCommentMutation,
  EditCommentMutation,
  ReopenThreadMutation,
  ReplyToThreadMutation,
  ResolveThreadMutation,
} from '../operations/comments';
import { anchorPlace, type Thread } from './anchors';
import { CommentComposer, type Mentionable } from './CommentComposer';

export const DETACHED_NOTICE = 'The text this comment was on was deleted';

interface ThreadCardProps {
  thread: Thread;
  selfId: string;
  /** Reply, edit, delete, resolve: CLIENT and FREELANCER on the live proposal. */
  canWrite: boolean;
  people: readonly Mentionable[];
  active?: boolean;
  detached?: boolean;
  /** Brings the anchor into view; absent where there is no live brief (a version page). */
  onReveal?: () => void;
}

function CommentItem({
  comment,
  mine,
  people,
  onError,
}: {
  comment: CommentFieldsFragment;
  mine: boolean;
  people: readonly Mentionable[];
  onError: (message: string | null) => void;
}) {
  const [editing, setEditing] = useState(false);
  const [, edit] = useMutation(EditCommentMutation);
  const [, remove] = useMutation(DeleteCommentMutation);
  const author = displayName(comment.author);
  return (
    <li className="comment" data-comment-id={comment.id}>
      <p className="comment-meta">
        <span className="comment-author">{author}</span> <DateTime iso={comment.createdAt} long />
        {comment.editedAt && <span className="comment-edited"> (edited)</span>}
      </p>
      {editing ? (
        <CommentComposer
          label="Edit your comment"
          submitLabel="Save"
          people={people}
          initial={comment.body}
          autoFocus
          onCancel={() => setEditing(false)}
          onSubmit={async (body, mentions) => {
            try {
              dataOrThrow(await edit({ input: { commentId: comment.id, body, mentions } }));
              setEditing(false);
              onError(null);
              return true;
            } catch (error) {
              onError(errorMessage(error));
              return false;
            }
          }}
        />
      ) : (
        <p className="comment-body">{comment.body}</p>
      )}
      {mine && !editing && (
        <div className="comment-actions">
          <button type="button" className="link-button" onClick={() => setEditing(true)}>
            Edit<span className="visually-hidden"> your comment</span>
          </button>
          <button
            type="button"
            className="link-button link-button-danger"
            onClick={async () => {
              try {
                dataOrThrow(await remove({ commentId: comment.id }));
                onError(null);
              } catch (error) {
                onError(errorMessage(error));
              }
            }}
          >
            Delete<span className="visually-hidden"> your comment</span>
          </button>
        </div>
      )}
    </li>
  );
}

/** One thread: where it is, its comments, and (for those who may) reply, resolve or reopen. */
export function ThreadCard({ thread, selfId, canWrite, people, active, detached, onReveal }: ThreadCardProps) {
  const [error, setError] = useState<string | null>(null);
  const [, replyTo] = useMutation(ReplyToThreadMutation);
  const [, resolve] = useMutation(ResolveThreadMutation);
  const [, reopen] = useMutation(ReopenThreadMutation);
  const resolved = thread.status === 'RESOLVED';
  const place = anchorPlace(thread.anchor);
  const first = thread.comments[0];
  const titleId = `thread-${thread.id}-title`;

  const toggle = async () => {
    try {
      if (resolved) dataOrThrow(await reopen({ threadId: thread.id }));
      else dataOrThrow(await resolve({ threadId: thread.id }));
      setError(null);
    } catch (caught) {
      setError(errorMessage(caught));
    }
  };

  return (
    <article
      className={`thread${active ? ' is-active' : ''}${resolved ? ' is-resolved' : ''}`}
      data-thread-id={thread.id}
      data-status={thread.status}
      aria-labelledby={titleId}
    >
      <header className="thread-header">
        <h3 id={titleId} className="thread-place">
          {onReveal ? (
            <button
              type="button"
              className="link-button thread-reveal"
              aria-label={`${place}: show in the brief`}
              onClick={onReveal}
            >
              {place}
            </button>
          ) : (
            place
          )}
        </h3>
        {resolved && (
          <span className="thread-status">
            Resolved{thread.resolvedBy ? ` by ${displayName(thread.resolvedBy)}` : ''}
          </span>
        )}
      </header>
      {thread.anchor.quote && (
        <blockquote className={detached ? 'thread-quote is-detached' : 'thread-quote'}>
          {thread.anchor.quote}
        </blockquote>
      )}
      {detached && (
        <p className="thread-detached" role="note">
          {DETACHED_NOTICE}
          {thread.anchor.quote ? '.' : ''}
        </p>
      )}
      <ul className="comments" aria-label={first ? `Comments on ${place}` : undefined}>
        {thread.comments.map((comment) => (
          <CommentItem
            key={comment.id}
            comment={comment}
            mine={canWrite && comment.author.id === selfId}
            people={people}
            onError={setError}
          />
        ))}
      </ul>
      <ErrorAlert message={error} />
      {canWrite && (
        <div className="thread-actions">
          <CommentComposer
            label="Reply"
            submitLabel="Reply"
            people={people}
            onSubmit={async (body, mentions) => {
              try {
                dataOrThrow(await replyTo({ input: { threadId: thread.id, body, mentions } }));
                setError(null);
                return true;
              } catch (caught) {
                setError(errorMessage(caught));
                return false;
              }
            }}
          />
          <button type="button" className="button button-secondary button-small" onClick={toggle}>
            {resolved ? 'Reopen' : 'Resolve'}
            <span className="visually-hidden"> the thread on {place}</span>
          </button>
        </div>
      )}
    </article>
  );
}
