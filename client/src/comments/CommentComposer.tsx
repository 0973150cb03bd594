import { useId, useLayoutEffect, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { COMMENT_LIMITS, mentionText } from '@brieflock/schema';

/** Someone who can be mentioned: a participant with an account. */
export interface Mentionable {
  id: string;
  name: string;
}

interface MentionQuery {
  /** Where the `@` is. */
  start: number;
  text: string;
}

/** The `@word` being typed just before the caret, if any. */
function mentionAt(value: string, caret: number): MentionQuery | null {
  const before = value.slice(0, caret);
  const match = /(^|\s)@([\p{L}\p{N}._-]{0,40}(?: [\p{L}\p{N}._-]{0,40})?)$/u.exec(before);
  if (!match) return null;
  return { start: caret - match[2]!.length - 1, text: match[2]! };
}

/** The people whose `@Name` is still in the text: what the comment mentions. */
export function mentionedIn(body: string, people: readonly Mentionable[]): string[] {
  return people.filter((person) => body.includes(mentionText(person.name))).map((person) => person.id);
}

/**
 * A comment box: Enter with Ctrl/⌘ posts, `@` offers the participants to mention (arrow
 * keys choose, Enter or Tab picks, Escape closes), and the chosen names stay plain text.
 */
export function CommentComposer({
  label,
  submitLabel,
  people,
  initial = '',
  autoFocus = false,
  onSubmit,
  onCancel,
}: {
  label: string;
  submitLabel: string;
  people: readonly Mentionable[];
  initial?: string;
  autoFocus?: boolean;
  onSubmit: (body: string, mentions: string[]) => Promise<boolean>;
  onCancel?: () => void;
}) {
  const id = useId();
  const area = useRef<HTMLTextAreaElement>(null);
  const [body, setBody] = useState(initial);
  const [query, setQuery] = useState<MentionQuery | null>(null);
  const [highlighted, setHighlighted] = useState(0);
  const [busy, setBusy] = useState(false);
  /** Where the caret goes once a picked name is in the box (set before the next keystroke). */
  const caretAfterPick = useRef<number | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the picked name landed in the text
  useLayoutEffect(() => {
    const position = caretAfterPick.current;
    if (position === null || !area.current) return;
    caretAfterPick.current = null;
    area.current.focus();
    area.current.setSelectionRange(position, position);
  }, [body]);

  const matches = query
    ? people.filter((person) => person.name.toLowerCase().includes(query.text.toLowerCase())).slice(0, 8)
    : [];
  const open = matches.length > 0;
  const listId = `${id}-mentions`;

  const track = (value: string, caret: number) => {
    setBody(value);
    setQuery(mentionAt(value, caret));
    setHighlighted(0);
  };

  const pick = (person: Mentionable) => {
    if (!query) return;
    const caret = area.current?.selectionStart ?? body.length;
    const inserted = `${mentionText(person.name)} `;
    const next = body.slice(0, query.start) + inserted + body.slice(caret);
    caretAfterPick.current = query.start + inserted.length;
    setBody(next);
    setQuery(null);
  };

  const submit = async (event?: FormEvent) => {
    event?.preventDefault();
    if (busy || body.trim() === '') return;
    setBusy(true);
    const done = await onSubmit(body.trim(), mentionedIn(body, people));
    setBusy(false);
    if (done) {
      setBody('');
      setQuery(null);
    }
  };

  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (open) {
      if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
        event.preventDefault();
        const step = event.key === 'ArrowDown' ? 1 : -1;
        setHighlighted((current) => (current + step + matches.length) % matches.length);
        return;
      }
      if (event.key === 'Enter' || event.key === 'Tab') {
        event.preventDefault();
        pick(matches[highlighted] ?? matches[0]!);
        return;
      }
      if (event.key === 'Escape') {
        event.preventDefault();
        setQuery(null);
        return;
      }
    }
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      void submit();
    } else if (event.key === 'Escape' && onCancel) {
      event.preventDefault();
      onCancel();
    }
  };

  return (
    <form className="comment-composer" onSubmit={submit}>
      <label htmlFor={`${id}-body`} className="visually-hidden">
        {label}
      </label>
      <div className="comment-composer-field">
        <textarea
          id={`${id}-body`}
          ref={area}
          className="brief-input comment-composer-input"
          rows={2}
          value={body}
          placeholder={`${label}… (@ to mention someone)`}
          maxLength={COMMENT_LIMITS.bodyMaxLength}
          // biome-ignore lint/a11y/noAutofocus: the person just asked to write this comment
          autoFocus={autoFocus}
          // A textarea keeps its textbox role (a combobox role is not allowed on it); the
          // mention list is tied to it by aria-controls and the highlighted option.
          aria-autocomplete="list"
          aria-controls={listId}
          aria-activedescendant={open ? `${listId}-${highlighted}` : undefined}
          onChange={(event) => track(event.currentTarget.value, event.currentTarget.selectionStart)}
          onKeyDown={onKeyDown}
          onBlur={() => setTimeout(() => setQuery(null), 150)}
        />
        <div id={listId} role="listbox" className="mention-options" aria-label="People to mention" hidden={!open}>
          {matches.map((person, index) => (
            <div
              key={person.id}
              id={`${listId}-${index}`}
              role="option"
              tabIndex={-1}
              aria-selected={index === highlighted}
              className={index === highlighted ? 'mention-option is-highlighted' : 'mention-option'}
              onMouseDown={(event) => {
                event.preventDefault();
                pick(person);
              }}
            >
              {person.name}
            </div>
          ))}
        </div>
      </div>
      <div className="comment-composer-actions">
        <button type="submit" className="button button-primary button-small" disabled={busy || body.trim() === ''}>
          {submitLabel}
        </button>
        {onCancel && (
          <button type="button" className="button button-secondary button-small" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
