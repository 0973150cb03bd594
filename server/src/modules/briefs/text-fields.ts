import { createHash } from 'node:crypto';
import * as Y from 'yjs';
import { convertTextFields, plainTextFields, type TextFieldOptions } from '@brieflock/schema';

/** Every free-text field, written or not, gets its `Y.Text` (see `TextFieldOptions.unwritten`). */
const EVERY_TEXT_FIELD: TextFieldOptions = { unwritten: true };

/**
 * The client id a conversion of `state` writes under: taken from the hash of the state,
 * so every instance that converts the same stored state writes the very same update
 * (same ids, same content), which Yjs applies once wherever it arrives twice. Two
 * instances loading a brief at the same moment would otherwise each put a `Y.Text` in
 * the same field, and whichever lost would take what was typed into it along.
 */
function conversionClientId(state: Uint8Array, taken: ReadonlyMap<number, number>): number {
  let seed: Uint8Array = state;
  for (;;) {
    const digest = createHash('sha256').update(seed).digest();
    const id = digest.readUInt32BE(0);
    if (id !== 0 && !taken.has(id)) return id;
    seed = digest;
  }
}

/**
 * Makes the free-text fields of a just-loaded brief, and those nobody wrote yet, `Y.Text`s (`convertTextFields`):
 * applies the conversion to `doc` with `origin` and returns its update, which the caller
 * stores, so it is made once per brief. Null when every text field already is a `Y.Text`.
 * The brief reads the same before and after; frozen versions' content is untouched.
 */
export function convertLoadedBrief(doc: Y.Doc, origin: unknown): Uint8Array | null {
  if (plainTextFields(doc, EVERY_TEXT_FIELD).length === 0) return null;
  const clientId = conversionClientId(Y.encodeStateAsUpdate(doc), Y.decodeStateVector(Y.encodeStateVector(doc)));
  const updates: Uint8Array[] = [];
  const capture = (update: Uint8Array) => updates.push(update);
  const own = doc.clientID;
  doc.on('update', capture);
  // A Y.Doc writes under its `clientID`; the server's own document never writes otherwise.
  doc.clientID = clientId;
  try {
    convertTextFields(doc, origin, EVERY_TEXT_FIELD);
  } finally {
    doc.clientID = own;
    doc.off('update', capture);
  }
  if (updates.length === 0) return null;
  return updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates);
}
