import * as encoding from 'lib0/encoding';
import type * as decoding from 'lib0/decoding';
import * as awarenessProtocol from 'y-protocols/awareness';
import * as syncProtocol from 'y-protocols/sync';
import type * as Y from 'yjs';
import { CollabMessage } from '@brieflock/schema';

/**
 * Every frame the collaboration server sends is built here: the y-protocols sync and
 * awareness messages, written with y-protocols' own writers behind their message type,
 * and Brieflock's SAVED message (see `CollabMessage.SAVED` in the schema).
 */
function message(type: number, write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, type);
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** Sync step 1: our state vector, so the client answers with what we lack. */
export const syncStep1Message = (doc: Y.Doc): Uint8Array =>
  message(CollabMessage.SYNC, (encoder) => syncProtocol.writeSyncStep1(encoder, doc));

/**
 * Sync step 2 answering the step 1 that `decoder` is positioned on (after its step):
 * everything of `doc` that the asker's state vector lacks. Throws when the state vector
 * does not decode.
 */
export const syncStep2Reply = (decoder: decoding.Decoder, doc: Y.Doc): Uint8Array =>
  message(CollabMessage.SYNC, (encoder) => syncProtocol.readSyncStep1(decoder, encoder, doc));

/** Sync step 2 carrying `update` as it is (everything an asker with an empty state vector lacks). */
export const syncStep2Message = (update: Uint8Array): Uint8Array =>
  message(CollabMessage.SYNC, (encoder) => {
    encoding.writeVarUint(encoder, syncProtocol.messageYjsSyncStep2);
    encoding.writeVarUint8Array(encoder, update);
  });

/** A sync update carrying one document update. */
export const updateMessage = (update: Uint8Array): Uint8Array =>
  message(CollabMessage.SYNC, (encoder) => syncProtocol.writeUpdate(encoder, update));

/** An awareness message carrying an encoded awareness update. */
export const awarenessMessage = (update: Uint8Array): Uint8Array =>
  message(CollabMessage.AWARENESS, (encoder) => encoding.writeVarUint8Array(encoder, update));

/** An awareness message with the current states of `clientIds`. */
export const awarenessStatesMessage = (awareness: awarenessProtocol.Awareness, clientIds: number[]): Uint8Array =>
  awarenessMessage(awarenessProtocol.encodeAwarenessUpdate(awareness, clientIds));

/**
 * SAVED: the encoded state vector of what is durable, then how many of the recipient's
 * document frames are durable.
 */
export const savedMessage = (durableStateVector: Uint8Array, durableFrames: number): Uint8Array =>
  message(CollabMessage.SAVED, (encoder) => {
    encoding.writeVarUint8Array(encoder, durableStateVector);
    encoding.writeVarUint(encoder, durableFrames);
  });
