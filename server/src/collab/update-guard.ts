import * as decoding from 'lib0/decoding';
import * as Y from 'yjs';

/**
 * Cheap structural checks on a Yjs v1 update before it reaches `Y.applyUpdate`.
 *
 * Yjs allocates and loops by the counts an update claims (the struct count per client,
 * the delete-set sizes). A hostile update can claim billions of structs in a few bytes;
 * every count must fit in the bytes that remain, because each struct or range takes at
 * least one byte. Anything that fails these checks is refused before decoding starts.
 */
const left = (decoder: decoding.Decoder) => decoder.arr.length - decoder.pos;

export function plausibleUpdate(update: Uint8Array): boolean {
  try {
    const decoder = decoding.createDecoder(update);
    const clients = decoding.readVarUint(decoder);
    if (clients > update.length) return false;
    if (clients === 0) {
      // Only a delete set follows: check its header the same way.
      const deleteClients = decoding.readVarUint(decoder);
      if (deleteClients * 2 > left(decoder)) return false;
      for (let i = 0; i < deleteClients; i++) {
        decoding.readVarUint(decoder);
        const ranges = decoding.readVarUint(decoder);
        if (ranges * 2 > left(decoder)) return false;
        for (let r = 0; r < ranges; r++) {
          decoding.readVarUint(decoder);
          decoding.readVarUint(decoder);
        }
      }
      return true;
    }
    const structs = decoding.readVarUint(decoder);
    // Struct count, client id and clock come first; each struct is at least one more byte.
    return structs <= left(decoder);
  } catch {
    return false;
  }
}

/**
 * True when the whole update decodes, delete set included. `Y.applyUpdate` integrates an
 * update's structs before it reads its delete set, so an update cut short there throws
 * only after part of it is in the document (and relayed and stored); decoding it first
 * refuses it whole. Run after `plausibleUpdate`, which bounds what decoding may allocate.
 */
export function decodesCompletely(update: Uint8Array): boolean {
  try {
    Y.decodeUpdate(update);
    return true;
  } catch {
    return false;
  }
}

/** The Yjs client ids an update names: those its structs belong to, and those of its delete set. */
export interface UpdateClients {
  structs: Set<number>;
  deletes: Set<number>;
}

/**
 * Decodes the whole update (as `decodesCompletely`) and returns the client ids it names,
 * or null when it does not decode. Run after `plausibleUpdate`.
 */
export function updateClients(update: Uint8Array): UpdateClients | null {
  let decoded: ReturnType<typeof Y.decodeUpdate>;
  try {
    decoded = Y.decodeUpdate(update);
  } catch {
    return null;
  }
  const structs = new Set<number>();
  for (const struct of decoded.structs) structs.add(struct.id.client);
  return { structs, deletes: new Set(decoded.ds.clients.keys()) };
}
