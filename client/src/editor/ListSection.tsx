import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import * as Y from 'yjs';
import { newListItem, type ListSection as ListSectionSpec } from '@brieflock/schema';
import { useYObserve } from '../collab/hooks';
import { newItemId } from '../collab/ids';
import { ListRow, type FocusTarget, type Row } from './ListRow';
import { itemNoun, midSentence } from './labels';

const fallbackKeys = new WeakMap<object, string>();
/** Origin of the transactions that remove duplicate copies (not undoable by the user). */
const HEAL_ORIGIN = { heal: 'duplicate-rows' };

function rowsOf(array: Y.Array<unknown>): Row[] {
  const rows: Row[] = [];
  const seen = new Set<string>();
  array.toArray().forEach((item, index) => {
    let source: Row['item'];
    if (item instanceof Y.Map) source = item as Y.Map<unknown>;
    else if (item && typeof item === 'object' && !Array.isArray(item) && !(item instanceof Y.AbstractType)) {
      source = item as Record<string, unknown>;
    } else return; // readBrief skips these as well
    const rawId = source instanceof Y.Map ? source.get('id') : source.id;
    const id = typeof rawId === 'string' && rawId !== '' ? rawId : null;
    let key = id ?? fallbackKeys.get(source);
    if (!key) {
      key = `local-${newItemId()}`;
      fallbackKeys.set(source, key);
    }
    // Two people moving the same row at once leave two copies with one id.
    if (seen.has(key)) key = `${key}~${index}`;
    seen.add(key);
    rows.push({ key, id, index, item: source });
  });
  return rows;
}

/** Yjs arrays cannot move an item: it is re-inserted as a copy that keeps the id. */
function copyOf(item: Row['item']): unknown {
  if (!(item instanceof Y.Map)) return { ...item };
  const copy = new Y.Map<unknown>();
  item.forEach((value, key) => {
    copy.set(key, value instanceof Y.AbstractType ? value.clone() : value);
  });
  return copy;
}

const pluralNoun = (noun: string) => (noun.endsWith('y') ? `${noun.slice(0, -1)}ies` : `${noun}s`);

/** A list section: one Y.Map per row in the top-level Y.Array named by the section key. */
export function ListSection({
  section,
  doc,
  readOnly,
  annotated = true,
}: {
  section: ListSectionSpec;
  doc: Y.Doc;
  readOnly: boolean;
  /** False where comments and suggestions cannot anchor (the trial's rubric). */
  annotated?: boolean;
}) {
  const array = doc.getArray<unknown>(section.key);
  useYObserve(array);
  const rows = rowsOf(array);
  const noun = itemNoun(section);
  const addRef = useRef<HTMLButtonElement>(null);
  const [focus, setFocus] = useState<{ key: string; target: FocusTarget } | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const [undoable, setUndoable] = useState<string | null>(null);

  // Only this section's own row removals are undoable here; text keeps the browser's undo.
  const origin = useMemo(() => ({ list: section.key }), [section.key]);
  const undoManager = useRef<Y.UndoManager | null>(null);
  useEffect(() => {
    const manager = new Y.UndoManager(array, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
    undoManager.current = manager;
    return () => {
      manager.destroy();
      if (undoManager.current === manager) undoManager.current = null;
    };
  }, [array, origin]);

  const clearFocus = useCallback(() => setFocus(null), []);

  // Concurrent moves of one row leave copies that share its id. Every editor removes all
  // but the first, the same ones everywhere (array order converges), so the list heals.
  const firstCopies = new Set<string>();
  const duplicates = rows
    .filter((row) => row.id !== null && (firstCopies.has(row.id) || !firstCopies.add(row.id)))
    .map((row) => row.index);
  // Keyed by the duplicates' positions as one string: the array of them is new every render.
  const duplicateKey = duplicates.join(',');
  useEffect(() => {
    if (readOnly || duplicateKey === '') return;
    const indexes = duplicateKey.split(',').map(Number);
    doc.transact(() => {
      for (const index of indexes.sort((a, b) => b - a)) array.delete(index, 1);
    }, HEAL_ORIGIN);
  }, [readOnly, doc, array, duplicateKey]);

  const add = () => {
    const id = newItemId();
    // Every text field of the row is a Y.Text from the start: the first people to type share it.
    doc.transact(() => array.push([newListItem(section, id)]));
    setUndoable(null);
    setFocus({ key: id, target: 'first' });
    setAnnouncement(`${noun} ${rows.length + 1} added.`);
  };

  const move = (row: Row, position: number, direction: 'up' | 'down') => {
    const neighbour = rows[direction === 'up' ? position - 1 : position + 1];
    if (!neighbour) return;
    doc.transact(() => {
      const copy = copyOf(row.item);
      array.delete(row.index, 1);
      // Moving down, the neighbour shifted left by the delete: its old index is now "after it".
      array.insert(neighbour.index, [copy]);
    });
    setUndoable(null);
    setFocus({ key: row.key, target: direction });
    setAnnouncement(`${noun} ${position + 1} moved to position ${direction === 'up' ? position : position + 2}.`);
  };

  const remove = (row: Row, position: number) => {
    undoManager.current?.stopCapturing();
    doc.transact(() => array.delete(row.index, 1), origin);
    const label = `${noun} ${position + 1}`;
    setUndoable(label);
    setAnnouncement(`${label} removed.`);
    addRef.current?.focus();
  };

  const undo = () => {
    undoManager.current?.undo();
    setAnnouncement(`${undoable ?? noun} restored.`);
    setUndoable(null);
    addRef.current?.focus();
  };

  return (
    <div className="list-section">
      {rows.length === 0 ? (
        <p className="list-empty">No {pluralNoun(midSentence(noun))} yet.</p>
      ) : (
        <ol className="list-rows" aria-label={section.title}>
          {rows.map((row, position) => (
            <ListRow
              key={row.key}
              section={section}
              row={row}
              position={position}
              count={rows.length}
              noun={noun}
              readOnly={readOnly}
              focusTarget={focus?.key === row.key ? focus.target : null}
              onFocused={clearFocus}
              onMove={move}
              onRemove={remove}
              annotated={annotated}
            />
          ))}
        </ol>
      )}
      {!readOnly && (
        <div className="list-actions">
          <button
            ref={addRef}
            type="button"
            className="button button-secondary button-small"
            data-add-row
            onClick={add}
          >
            <span aria-hidden="true">+</span> Add {midSentence(noun)}
          </button>
          {undoable && (
            <button type="button" className="button button-ghost button-small" onClick={undo}>
              Undo removing {midSentence(undoable)}
            </button>
          )}
        </div>
      )}
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
    </div>
  );
}
