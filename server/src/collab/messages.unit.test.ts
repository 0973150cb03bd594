import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { CollabMessage, isDocumentFrame, SyncStep } from '@brieflock/schema';
import { savedMessage, syncStep1Message, syncStep2Reply, updateMessage } from './messages.js';

const docWith = (text: string): Y.Doc => {
  const doc = new Y.Doc();
  doc.getText('t').insert(0, text);
  return doc;
};

/** Reads a sync frame the way a y-websocket client does: type, then y-protocols' reader. */
function readAsClient(frame: Uint8Array, doc: Y.Doc): { step: number; reply: Uint8Array } {
  const decoder = decoding.createDecoder(frame);
  expect(decoding.readVarUint(decoder)).toBe(CollabMessage.SYNC);
  const reply = encoding.createEncoder();
  const step = syncProtocol.readSyncMessage(decoder, reply, doc, 'server');
  return { step, reply: encoding.toUint8Array(reply) };
}

describe('outgoing messages', () => {
  it('number the sync steps as y-protocols does', () => {
    expect(SyncStep).toEqual({
      STEP_1: syncProtocol.messageYjsSyncStep1,
      STEP_2: syncProtocol.messageYjsSyncStep2,
      UPDATE: syncProtocol.messageYjsUpdate,
    });
  });

  it('bring a client in sync: step 1, its answer, and step 2 in reply to it', () => {
    const server = docWith('server text');
    const client = docWith('client text');
    const { step, reply } = readAsClient(syncStep1Message(server), client);
    expect(step).toBe(SyncStep.STEP_1);
    // The client's answer (sync step 2) carries what the server lacks.
    const answer = decoding.createDecoder(reply);
    expect(decoding.readVarUint(answer)).toBe(SyncStep.STEP_2);
    Y.applyUpdate(server, decoding.readVarUint8Array(answer));

    const asked = encoding.createEncoder();
    syncProtocol.writeSyncStep1(asked, client);
    const decoder = decoding.createDecoder(encoding.toUint8Array(asked));
    decoding.readVarUint(decoder);
    const step2 = syncStep2Reply(decoder, server);
    expect(isDocumentFrame(step2)).toBe(true);
    expect(readAsClient(step2, client).step).toBe(SyncStep.STEP_2);
    expect(client.getText('t').toString()).toBe(server.getText('t').toString());
  });

  it('refuse to answer a state vector that does not decode', () => {
    const decoder = decoding.createDecoder(Uint8Array.of(2, 5, 1));
    expect(() => syncStep2Reply(decoder, docWith('x'))).toThrow();
  });

  it('carry an update a client applies as it is', () => {
    const source = docWith('typed');
    const frame = updateMessage(Y.encodeStateAsUpdate(source));
    expect(isDocumentFrame(frame)).toBe(true);
    const client = new Y.Doc();
    expect(readAsClient(frame, client).step).toBe(SyncStep.UPDATE);
    expect(client.getText('t').toString()).toBe('typed');
  });

  it('write SAVED as the durable state vector, then the durable frame count', () => {
    const doc = docWith('durable');
    const decoder = decoding.createDecoder(savedMessage(Y.encodeStateVector(doc), 7));
    expect(decoding.readVarUint(decoder)).toBe(CollabMessage.SAVED);
    expect(Y.decodeStateVector(decoding.readVarUint8Array(decoder))).toEqual(
      Y.decodeStateVector(Y.encodeStateVector(doc)),
    );
    expect(decoding.readVarUint(decoder)).toBe(7);
    expect(decoding.hasContent(decoder)).toBe(false);
  });
});
