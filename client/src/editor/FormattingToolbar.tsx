import { useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { useEditorState, type Editor } from '@tiptap/react';

interface Tool {
  key: string;
  label: string;
  shortcut: string;
  isActive: (editor: Editor) => boolean;
  run: (editor: Editor) => void;
  icon: ReactNode;
}

const svg = (path: string) => (
  <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
    <path d={path} />
  </svg>
);

const TOOLS: Tool[] = [
  {
    key: 'bold',
    label: 'Bold',
    shortcut: 'Control+B',
    isActive: (editor) => editor.isActive('bold'),
    run: (editor) => editor.chain().focus().toggleBold().run(),
    icon: <span className="tool-glyph tool-bold">B</span>,
  },
  {
    key: 'italic',
    label: 'Italic',
    shortcut: 'Control+I',
    isActive: (editor) => editor.isActive('italic'),
    run: (editor) => editor.chain().focus().toggleItalic().run(),
    icon: <span className="tool-glyph tool-italic">I</span>,
  },
  {
    key: 'heading',
    label: 'Heading',
    shortcut: 'Control+Alt+3',
    isActive: (editor) => editor.isActive('heading', { level: 3 }),
    run: (editor) => editor.chain().focus().toggleHeading({ level: 3 }).run(),
    icon: <span className="tool-glyph">H</span>,
  },
  {
    key: 'bulletList',
    label: 'Bulleted list',
    shortcut: 'Control+Shift+8',
    isActive: (editor) => editor.isActive('bulletList'),
    run: (editor) => editor.chain().focus().toggleBulletList().run(),
    icon: svg('M6 4h8M6 8h8M6 12h8M2.5 4h.01M2.5 8h.01M2.5 12h.01'),
  },
  {
    key: 'orderedList',
    label: 'Numbered list',
    shortcut: 'Control+Shift+7',
    isActive: (editor) => editor.isActive('orderedList'),
    run: (editor) => editor.chain().focus().toggleOrderedList().run(),
    icon: svg('M6 4h8M6 8h8M6 12h8M2 2.5h1.2v3M2 10.5h1.6L2 13h1.8'),
  },
];

/** Formatting buttons for one editor; one tab stop, arrow keys move between buttons. */
export function FormattingToolbar({ editor, label }: { editor: Editor; label: string }) {
  const active = useEditorState({
    editor,
    selector: ({ editor: current }) => TOOLS.map((tool) => tool.isActive(current)),
  });
  const [current, setCurrent] = useState(0);
  const buttons = useRef<(HTMLButtonElement | null)[]>([]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: TOOLS.length - 1,
    };
    const next = moves[event.key];
    if (next === undefined) return;
    event.preventDefault();
    const index = (next + TOOLS.length) % TOOLS.length;
    setCurrent(index);
    buttons.current[index]?.focus();
  };

  return (
    <div className="toolbar" role="toolbar" aria-label={label} onKeyDown={onKeyDown}>
      {TOOLS.map((tool, index) => (
        <button
          key={tool.key}
          ref={(element) => {
            buttons.current[index] = element;
          }}
          type="button"
          className="tool"
          data-tool={tool.key}
          tabIndex={index === current ? 0 : -1}
          aria-pressed={active?.[index] ?? false}
          aria-keyshortcuts={tool.shortcut}
          title={`${tool.label} (${tool.shortcut.replace('Control', 'Ctrl')})`}
          // Keep the text selection: the click must not move focus out of the editor first.
          onMouseDown={(event) => event.preventDefault()}
          onClick={() => {
            setCurrent(index);
            tool.run(editor);
          }}
        >
          {tool.icon}
          <span className="visually-hidden">{tool.label}</span>
        </button>
      ))}
    </div>
  );
}
