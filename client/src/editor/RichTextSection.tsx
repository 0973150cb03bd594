import { type CSSProperties, useEffect } from 'react';
import { EditorContent, useEditor } from '@tiptap/react';
import StarterKit from '@tiptap/starter-kit';
import Collaboration from '@tiptap/extension-collaboration';
import CollaborationCaret from '@tiptap/extension-collaboration-caret';
import type { RichTextSection as RichTextSectionSpec } from '@brieflock/schema';
import type { CollabSession } from '../collab/session';
import { renderCaret } from './carets';
import { sectionHelpId } from './labels';
import { FormattingToolbar } from './FormattingToolbar';
import { CommentHighlights } from '../comments/highlights';
import { SelectionCommentButton, useSectionHighlights } from '../comments/editor-bindings';
import { SuggestChanges, setSuggesting } from './suggest-changes';

/** A rich-text section: a Tiptap editor bound to the Y.XmlFragment named by the section key. */
export function RichTextSection({
  section,
  session,
  readOnly,
  suggesting = false,
}: {
  section: RichTextSectionSpec;
  session: CollabSession;
  readOnly: boolean;
  /** Suggesting mode: what is typed or deleted becomes a suggestion for the others to decide. */
  suggesting?: boolean;
}) {
  const highlights = useSectionHighlights(section.key);
  const editor = useEditor(
    {
      extensions: [
        // Collaboration brings its own Yjs-aware undo; StarterKit's would undo other people's typing.
        // No trailing node: it writes an empty paragraph into the shared doc on every client
        // that merely displays a section ending in a list, viewers included.
        StarterKit.configure({
          undoRedo: false,
          trailingNode: false,
          heading: { levels: [3, 4] },
          link: { openOnClick: readOnly },
        }),
        Collaboration.configure({ document: session.doc, field: section.key }),
        CollaborationCaret.configure({ provider: session.provider, user: session.user, render: renderCaret }),
        CommentHighlights.configure(highlights.options),
        // In every editor, viewers' too: suggestion marks must be readable wherever the brief is shown.
        SuggestChanges.configure({ authorId: session.user.id }),
      ],
      editable: !readOnly,
      editorProps: {
        attributes: {
          role: 'textbox',
          'aria-multiline': 'true',
          'aria-label': section.title,
          'aria-describedby': sectionHelpId(section.key),
          'aria-readonly': String(readOnly),
          class: 'rich-text-content',
          spellcheck: 'true',
        },
      },
    },
    [session, section.key, readOnly, highlights.options],
  );
  highlights.bind(editor);

  useEffect(() => {
    if (editor && !editor.isDestroyed) setSuggesting(editor, suggesting && !readOnly);
  }, [editor, suggesting, readOnly]);

  const placeholder = readOnly ? 'Nothing written yet.' : `${section.help} Start typing…`;
  return (
    <div
      className={
        readOnly ? 'rich-text rich-text-readonly' : suggesting ? 'rich-text rich-text-suggesting' : 'rich-text'
      }
      style={{ '--placeholder': JSON.stringify(placeholder) } as CSSProperties}
    >
      <div className="rich-text-tools">
        {!readOnly && !suggesting && <FormattingToolbar editor={editor} label={`${section.title} formatting`} />}
        <SelectionCommentButton editor={editor} section={section.key} title={section.title} />
      </div>
      <EditorContent editor={editor} className="rich-text-body" />
    </div>
  );
}
