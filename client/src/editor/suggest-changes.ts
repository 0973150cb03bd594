import { Extension, Mark, mergeAttributes } from '@tiptap/core';
import {
  disableSuggestChanges,
  enableSuggestChanges,
  isSuggestChangesEnabled,
  suggestChanges,
  suggestChangesKey,
  transformToSuggestionTransaction,
} from '@handlewithcare/prosemirror-suggest-changes';
import { DELETION_MARK, INSERTION_MARK, MODIFICATION_MARK, uuidV7 } from '@brieflock/schema';

/**
 * Suggesting mode for the rich-text sections, on `@handlewithcare/prosemirror-suggest-changes`:
 * while it is on, the editor's transactions are rewritten so that typed text carries an
 * `insertion` mark and deleted text stays, with a `deletion` mark, instead of going. The
 * marks live in the shared document like any other (the Collaboration extension writes
 * them), so every editor sees them and the server lists and settles them. Remote changes
 * (y-prosemirror's own transactions) are never rewritten.
 *
 * The marks carry `id` (a UUIDv7: when it was made) and `author` (the user id); the
 * library creates marks with `id` only, so `author` defaults to this editor's user.
 */

const suggestionAttributes = (authorId: string | null) => ({
  id: {
    default: null,
    parseHTML: (element: HTMLElement) => element.getAttribute('data-suggestion'),
    renderHTML: (attributes: { id?: unknown }) => ({ 'data-suggestion': String(attributes.id ?? '') }),
  },
  author: {
    default: authorId,
    parseHTML: (element: HTMLElement) => element.getAttribute('data-author'),
    renderHTML: (attributes: { author?: unknown }) =>
      attributes.author ? { 'data-author': String(attributes.author) } : {},
  },
});

function suggestionMark(name: string, tag: string, excludes: string, authorId: string | null) {
  return Mark.create({
    name,
    inclusive: false,
    excludes,
    addAttributes: () => suggestionAttributes(authorId),
    parseHTML: () => [{ tag: `${tag}[data-suggestion]` }],
    renderHTML: ({ HTMLAttributes }) => [tag, mergeAttributes(HTMLAttributes, { class: `suggestion-${name}` }), 0],
  });
}

export interface SuggestChangesOptions {
  /** The signed-in user's id, written into the marks this editor makes. */
  authorId: string | null;
}

/** The suggestion marks and Suggesting mode (off until `setSuggesting(editor, true)`). */
export const SuggestChanges = Extension.create<SuggestChangesOptions>({
  name: 'suggestChanges',
  addOptions: () => ({ authorId: null }),
  addExtensions() {
    const { authorId } = this.options;
    return [
      suggestionMark(INSERTION_MARK, 'ins', 'deletion modification insertion', authorId),
      suggestionMark(DELETION_MARK, 'del', 'insertion modification deletion', authorId),
      // Formatting suggestions: not made here (the toolbar is off while suggesting), but a
      // document holding one still opens.
      Mark.create({
        name: MODIFICATION_MARK,
        inclusive: false,
        excludes: 'deletion insertion',
        addAttributes: () => ({
          id: { default: null },
          type: { default: null },
          attrName: { default: null },
          previousValue: { default: null },
          newValue: { default: null },
        }),
        renderHTML: ({ HTMLAttributes }) => [
          'span',
          mergeAttributes(HTMLAttributes, { class: 'suggestion-modification' }),
          0,
        ],
      }),
    ];
  },
  addProseMirrorPlugins: () => [suggestChanges()],
  dispatchTransaction({ transaction, next }) {
    const state = this.editor.state;
    const ySync = (transaction.getMeta('y-sync$') ?? {}) as { isChangeOrigin?: boolean; isUndoRedoOperation?: boolean };
    const rewrite =
      isSuggestChangesEnabled(state) &&
      transaction.docChanged &&
      !ySync.isChangeOrigin &&
      !ySync.isUndoRedoOperation &&
      !transaction.getMeta(suggestChangesKey);
    next(rewrite ? transformToSuggestionTransaction(transaction, state, () => uuidV7()) : transaction);
  },
});

/** Turns Suggesting mode on or off in one editor. */
export function setSuggesting(
  editor: { state: Parameters<typeof isSuggestChangesEnabled>[0]; view: { dispatch: (tr: never) => void } },
  on: boolean,
): void {
  if (isSuggestChangesEnabled(editor.state) === on) return;
  (on ? enableSuggestChanges : disableSuggestChanges)(editor.state, editor.view.dispatch as never);
}
