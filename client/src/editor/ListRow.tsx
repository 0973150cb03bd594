import { useEffect, useRef } from 'react';
import * as Y from 'yjs';
import type { ListSection } from '@brieflock/schema';
import { useYObserve } from '../collab/hooks';
import { FieldControl } from './FieldControl';
import { PresenceField } from './field-presence';
import { isLongField, midSentence } from './labels';
import { FieldCommentButton, fieldAnchorId } from '../comments/editor-bindings';
import { FieldSuggestions } from '../suggestions/FieldSuggestions';

/** One visible row: a Y.Map, or a plain object some other client wrote (read as-is). */
export interface Row {
  /** Stable React key: the item id, made unique if two copies share one. */
  key: string;
  /** The item's own `id`, null when a client wrote none. */
  id: string | null;
  /** Position in the Y.Array, which may hold items this UI cannot show. */
  index: number;
  item: Y.Map<unknown> | Record<string, unknown>;
}

export type FocusTarget = 'first' | 'up' | 'down';

interface ListRowProps {
  section: ListSection;
  row: Row;
  position: number;
  count: number;
  noun: string;
  readOnly: boolean;
  focusTarget: FocusTarget | null;
  onFocused: () => void;
  onMove: (row: Row, position: number, direction: 'up' | 'down') => void;
  onRemove: (row: Row, position: number) => void;
  /** False where comments and suggestions cannot anchor (the trial's rubric). */
  annotated?: boolean;
}

const domSafe = (value: string) => value.replace(/[^A-Za-z0-9_-]/g, '_');

export function ListRow({
  section,
  row,
  position,
  count,
  noun,
  readOnly,
  focusTarget,
  onFocused,
  onMove,
  onRemove,
  annotated = true,
}: ListRowProps) {
  const ref = useRef<HTMLLIElement>(null);
  const map = row.item instanceof Y.Map ? row.item : null;
  useYObserve(map, true);
  const number = position + 1;
  const name = `${noun} ${number}`;
  const titleId = `brief-${section.key}-${domSafe(row.key)}-title`;

  // After add or move, the keyboard stays with the row (moving a node in the DOM drops focus).
  useEffect(() => {
    if (!focusTarget || !ref.current) return;
    const element = ref.current;
    const find = (selector: string) => element.querySelector<HTMLElement>(`${selector}:not(:disabled)`);
    const target =
      focusTarget === 'first'
        ? find('input, textarea, select')
        : (find(`[data-action="${focusTarget}"]`) ?? find(`[data-action="${focusTarget === 'up' ? 'down' : 'up'}"]`));
    target?.focus();
    onFocused();
  }, [focusTarget, onFocused]);

  return (
    <li ref={ref} className="list-row" data-item-id={row.id ?? undefined} aria-labelledby={titleId}>
      <div className="list-row-header">
        <h4 id={titleId} className="list-row-title">
          {name}
        </h4>
        {!readOnly && (
          <div className="list-row-actions">
            <button
              type="button"
              className="icon-button"
              data-action="up"
              aria-label={`Move ${midSentence(name)} up`}
              title="Move up"
              disabled={position === 0}
              onClick={() => onMove(row, position, 'up')}
            >
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M8 13V3M3.5 7.5 8 3l4.5 4.5" />
              </svg>
            </button>
            <button
              type="button"
              className="icon-button"
              data-action="down"
              aria-label={`Move ${midSentence(name)} down`}
              title="Move down"
              disabled={position === count - 1}
              onClick={() => onMove(row, position, 'down')}
            >
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M8 3v10M3.5 8.5 8 13l4.5-4.5" />
              </svg>
            </button>
            <button
              type="button"
              className="icon-button icon-button-danger"
              data-action="remove"
              aria-label={`Remove ${midSentence(name)}`}
              title="Remove"
              onClick={() => onRemove(row, position)}
            >
              <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
                <path d="M3 4.5h10M6.5 4.5V3h3v1.5M4.5 4.5l.6 8.5h5.8l.6-8.5" />
              </svg>
            </button>
          </div>
        )}
      </div>
      {map ? (
        <div className="field-grid">
          {section.itemFields.map((field) => {
            const id = `brief-${section.key}-${domSafe(row.key)}-${field.key}`;
            const long = isLongField(field);
            return (
              <PresenceField
                key={field.key}
                className={long ? 'field field-wide' : 'field'}
                anchor={row.id ? fieldAnchorId(section.key, row.id, field.key) : null}
              >
                <div className="field-label-row">
                  <label htmlFor={id}>{field.label}</label>
                  {row.id && annotated && (
                    <FieldCommentButton
                      section={section.key}
                      itemId={row.id}
                      field={field.key}
                      label={`${name} ${midSentence(field.label)}`}
                    />
                  )}
                </div>
                <FieldControl
                  map={map}
                  field={field}
                  id={id}
                  ariaLabel={`${name} ${midSentence(field.label)}`}
                  long={long}
                  disabled={readOnly}
                />
                {annotated && (
                  <FieldSuggestions
                    section={section.key}
                    itemId={row.id}
                    field={field}
                    label={`${name} ${midSentence(field.label)}`}
                  />
                )}
              </PresenceField>
            );
          })}
        </div>
      ) : (
        <dl className="static-row">
          {section.itemFields.map((field) => (
            <div key={field.key}>
              <dt>{field.label}</dt>
              <dd>{String((row.item as Record<string, unknown>)[field.key] ?? '—')}</dd>
            </div>
          ))}
        </dl>
      )}
    </li>
  );
}
