import { createContext, useContext, useEffect, useMemo, useRef } from 'react';
import { useQuery } from 'urql';
import { useEditorState, type Editor } from '@tiptap/react';
import { absolutePositionToRelativePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { COMMENT_LIMITS, encodeAnchorPosition } from '@brieflock/schema';
import { ProposalThreadsQuery } from '../operations/comments';
import { fieldAnchorId, type Thread } from './anchors';
import { type CommentHighlightsOptions, commentHighlightsKey, type RangeThread } from './highlights';
import { commentsUiFor, useCommentsUi } from './store';

/** Which proposal the editor shows and whether this person may comment (CLIENT, FREELANCER). */
export interface CommentsScope {
  proposalId: string;
  canComment: boolean;
}

export const CommentsContext = createContext<CommentsScope | null>(null);

const useScope = () => useContext(CommentsContext);

const NO_THREADS: Thread[] = [];

/** The proposal's threads (all statuses) from the cache the panel fills; null until loaded. */
export function useThreads(proposalId: string): Thread[] | null {
  const [result] = useQuery({ query: ProposalThreadsQuery, variables: { id: proposalId }, pause: !proposalId });
  return result.data?.proposal?.threads ?? null;
}

const CommentIcon = () => (
  <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" />
  </svg>
);

/**
 * Highlight options for one rich-text section's editor: the section's threads with a text
 * range. The options read refs, so the editor is built once and the highlights are
 * rebuilt when the threads or the active thread change.
 */
export function useSectionHighlights(section: string): {
  options: CommentHighlightsOptions;
  bind: (editor: Editor | null) => void;
} {
  const scope = useScope();
  const proposalId = scope?.proposalId ?? '';
  const threads = useThreads(proposalId) ?? NO_THREADS;
  const [ui] = useCommentsUi(proposalId);
  const ranges = useMemo<RangeThread[]>(
    () =>
      threads.flatMap((thread) =>
        thread.anchor.section === section && thread.anchor.from && thread.anchor.to
          ? [{ id: thread.id, from: thread.anchor.from, to: thread.anchor.to, open: thread.status === 'OPEN' }]
          : [],
      ),
    [threads, section],
  );
  const state = useRef({ ranges, active: ui.activeThreadId });
  state.current = { ranges, active: ui.activeThreadId };
  const editorRef = useRef<Editor | null>(null);
  const options = useMemo<CommentHighlightsOptions>(
    () => ({
      threads: () => state.current.ranges,
      active: () => state.current.active,
      onActivate: (threadId) => commentsUiFor(proposalId).activate(threadId),
      onDetached: (ids) => commentsUiFor(proposalId).reportDetached(section, ids),
    }),
    [proposalId, section],
  );
  // biome-ignore lint/correctness/useExhaustiveDependencies: rebuild whenever what the highlights show changes
  useEffect(() => {
    const editor = editorRef.current;
    if (editor && !editor.isDestroyed) editor.view.dispatch(editor.state.tr.setMeta(commentHighlightsKey, true));
  }, [ranges, ui.activeThreadId]);
  return {
    options,
    bind: (editor) => {
      editorRef.current = editor;
    },
  };
}

/** "Comment" on the selected text of a rich-text section. */
export function SelectionCommentButton({
  editor,
  section,
  title,
}: {
  editor: Editor | null;
  section: string;
  title: string;
}) {
  const scope = useScope();
  const empty = useEditorState({ editor, selector: ({ editor: current }) => current?.state.selection.empty ?? true });
  if (!scope?.canComment || !editor) return null;
  const comment = () => {
    const sync = ySyncPluginKey.getState(editor.state) as
      | { type: import('yjs').XmlFragment; binding: { mapping: never } | null }
      | undefined;
    if (!sync?.binding) return;
    const { from, to } = editor.state.selection;
    if (from === to) return;
    const quote = editor.state.doc.textBetween(from, to, ' ').slice(0, COMMENT_LIMITS.quoteMaxLength);
    commentsUiFor(scope.proposalId).compose({
      section,
      from: encodeAnchorPosition(absolutePositionToRelativePosition(from, sync.type, sync.binding.mapping)),
      to: encodeAnchorPosition(absolutePositionToRelativePosition(to, sync.type, sync.binding.mapping)),
      quote,
      label: `“${quote.length > 80 ? `${quote.slice(0, 80)}…` : quote}”`,
    });
  };
  return (
    <button
      type="button"
      className="button button-secondary button-small comment-selection-button"
      disabled={empty !== false}
      onMouseDown={(event) => event.preventDefault()}
      onClick={comment}
      title={empty ? 'Select text to comment on it' : undefined}
      data-testid={`comment-selection-${section}`}
    >
      <CommentIcon />
      Comment<span className="visually-hidden"> on the selected text of {title}</span>
    </button>
  );
}

/** "Comment" on a structured field (of a map, or of one list item). */
export function FieldCommentButton({
  section,
  itemId,
  field,
  label,
}: {
  section: string;
  itemId?: string | null;
  field: string;
  /** How the field is named to people: "Milestone 2 due date". */
  label: string;
}) {
  const scope = useScope();
  if (!scope?.canComment) return null;
  return (
    <button
      type="button"
      className="comment-field-button"
      title="Comment"
      onClick={() => commentsUiFor(scope.proposalId).compose({ section, itemId: itemId ?? null, field, label })}
    >
      <CommentIcon />
      {/* Named by its content, not aria-label: the field's own label stays the only label naming it. */}
      <span className="visually-hidden">Comment on {label}</span>
    </button>
  );
}

/** "Comment" on a whole section, beside its heading. */
export function SectionCommentButton({ section, title }: { section: string; title: string }) {
  const scope = useScope();
  if (!scope?.canComment) return null;
  return (
    <button
      type="button"
      className="icon-button comment-section-button"
      title="Comment on this section"
      onClick={() => commentsUiFor(scope.proposalId).compose({ section, label: `the ${title} section` })}
    >
      <CommentIcon />
      <span className="visually-hidden">Comment on the {title} section</span>
    </button>
  );
}

export { fieldAnchorId };
