import { Extension } from '@tiptap/core';
import { Plugin, PluginKey, type EditorState } from '@tiptap/pm/state';
import { Decoration, DecorationSet } from '@tiptap/pm/view';
import { relativePositionToAbsolutePosition, ySyncPluginKey } from '@tiptap/y-tiptap';
import { decodeAnchorPosition } from '@brieflock/schema';

/** A thread on a range of this section's text. */
export interface RangeThread {
  id: string;
  from: string;
  to: string;
  /** Only open threads are highlighted; every thread is checked for lost text. */
  open: boolean;
}

export interface CommentHighlightsOptions {
  /** The section's threads with a text range, read whenever highlights are rebuilt. */
  threads: () => readonly RangeThread[];
  active: () => string | null;
  onActivate: (threadId: string) => void;
  /** Called with the threads whose text is gone whenever that set may have changed. */
  onDetached: (threadIds: ReadonlySet<string>) => void;
}

/** Dispatch with this meta to rebuild the highlights (the threads or the active one changed). */
export const commentHighlightsKey = new PluginKey<DecorationSet>('commentHighlights');

interface SyncState {
  doc: import('yjs').Doc;
  type: import('yjs').XmlFragment;
  binding: { mapping: Map<unknown, unknown> } | null;
}

/**
 * Maps each thread's relative positions to where its text is now, through the Yjs
 * binding's own mapping, so highlights follow the text through everyone's edits. A range
 * that no longer resolves, or has shrunk to nothing, is reported as detached.
 */
function build(state: EditorState, options: CommentHighlightsOptions): DecorationSet {
  const sync = ySyncPluginKey.getState(state) as SyncState | undefined;
  const detached = new Set<string>();
  const decorations: Decoration[] = [];
  if (!sync?.binding) return DecorationSet.empty;
  const active = options.active();
  for (const thread of options.threads()) {
    const from = decodeAnchorPosition(thread.from);
    const to = decodeAnchorPosition(thread.to);
    const start = from && relativePositionToAbsolutePosition(sync.doc, sync.type, from, sync.binding.mapping as never);
    const end = to && relativePositionToAbsolutePosition(sync.doc, sync.type, to, sync.binding.mapping as never);
    if (start == null || end == null || end <= start || end > state.doc.content.size) {
      detached.add(thread.id);
      continue;
    }
    if (state.doc.textBetween(start, end, ' ').trim() === '') {
      detached.add(thread.id);
      continue;
    }
    if (!thread.open) continue;
    decorations.push(
      Decoration.inline(
        start,
        end,
        {
          class: thread.id === active ? 'comment-highlight is-active' : 'comment-highlight',
          'data-thread-id': thread.id,
        },
        { threadId: thread.id },
      ),
    );
  }
  queueMicrotask(() => options.onDetached(detached));
  return DecorationSet.create(state.doc, decorations);
}

/** Highlights commented ranges of a rich-text section; clicking one shows its thread. */
export const CommentHighlights = Extension.create<CommentHighlightsOptions>({
  name: 'commentHighlights',
  addOptions() {
    return { threads: () => [], active: () => null, onActivate: () => undefined, onDetached: () => undefined };
  },
  addProseMirrorPlugins() {
    const options = this.options;
    return [
      new Plugin<DecorationSet>({
        key: commentHighlightsKey,
        state: {
          init: (_config, state) => build(state, options),
          apply: (tr, previous, _old, state) =>
            tr.docChanged || tr.getMeta(commentHighlightsKey) || tr.getMeta(ySyncPluginKey)
              ? build(state, options)
              : previous,
        },
        props: {
          decorations: (state) => commentHighlightsKey.getState(state),
          handleClick: (view, pos) => {
            const [hit] = commentHighlightsKey.getState(view.state)?.find(pos, pos) ?? [];
            const threadId = (hit?.spec as { threadId?: string } | undefined)?.threadId;
            if (threadId) options.onActivate(threadId);
            return false;
          },
        },
      }),
    ];
  },
});
