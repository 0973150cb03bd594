import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { plainTextFields, readBrief } from '@brieflock/schema';
import { completeBrief, writeBrief } from '../../../../test/support/brief.js';
import { convertLoadedBrief } from './text-fields.js';

const LOAD = { kind: 'load' };

function storedPlainBrief(): Uint8Array {
  const doc = new Y.Doc();
  writeBrief(doc, completeBrief());
  return Y.encodeStateAsUpdate(doc);
}

function loaded(state: Uint8Array): Y.Doc {
  const doc = new Y.Doc();
  Y.applyUpdate(doc, state);
  return doc;
}

describe('convertLoadedBrief', () => {
  it('turns every text field into Y.Text with one update under a client id of its own, brief unchanged', () => {
    const state = storedPlainBrief();
    const doc = loaded(state);
    const own = doc.clientID;
    const origins: unknown[] = [];
    doc.on('update', (_update: Uint8Array, origin: unknown) => origins.push(origin));

    const update = convertLoadedBrief(doc, LOAD);

    expect(update).not.toBeNull();
    expect(origins).toEqual([LOAD]);
    expect(doc.clientID).toBe(own);
    expect(plainTextFields(doc)).toEqual([]);
    expect(readBrief(doc)).toEqual(completeBrief());
    const writers = [...Y.decodeStateVector(Y.encodeStateVector(doc)).keys()];
    expect(writers).not.toContain(own);
    // The update alone brings the conversion to a copy of the stored state.
    const elsewhere = loaded(state);
    Y.applyUpdate(elsewhere, update!);
    expect(elsewhere.getMap('dataReadiness').get('sources')).toBeInstanceOf(Y.Text);
    expect(readBrief(elsewhere)).toEqual(completeBrief());
  });

  it('writes nothing for a brief whose text fields already are Y.Text', () => {
    const doc = loaded(storedPlainBrief());
    convertLoadedBrief(doc, LOAD);
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    expect(convertLoadedBrief(doc, LOAD)).toBeNull();
    expect(updates).toEqual([]);
  });

  it('writes the very same update on two instances that loaded the same state, so typing into either survives', () => {
    const state = storedPlainBrief();
    const onA = loaded(state);
    const onB = loaded(state);
    const fromA = convertLoadedBrief(onA, LOAD)!;
    const fromB = convertLoadedBrief(onB, LOAD)!;
    expect(Buffer.from(fromB).equals(Buffer.from(fromA))).toBe(true);

    // Someone types on A before B's conversion arrives, and the other way round.
    const sourcesA = onA.getMap('dataReadiness').get('sources') as Y.Text;
    sourcesA.insert(sourcesA.length, ' plus CSAT');
    const sourcesB = onB.getMap('dataReadiness').get('sources') as Y.Text;
    sourcesB.insert(0, 'Main: ');
    Y.applyUpdate(onA, Y.encodeStateAsUpdate(onB));
    Y.applyUpdate(onB, Y.encodeStateAsUpdate(onA));

    expect(readBrief(onA).dataReadiness.sources).toBe('Main: CRM export and billing database plus CSAT');
    expect(readBrief(onB)).toEqual(readBrief(onA));
  });

  it('converts a different state under a different client id', () => {
    const state = storedPlainBrief();
    const first = loaded(state);
    const second = loaded(state);
    second.getMap('communication').set('escalation', 'Call the sponsor');
    const idsOf = (update: Uint8Array) => [...Y.parseUpdateMeta(update).to.keys()];
    const a = idsOf(convertLoadedBrief(first, LOAD)!);
    const b = idsOf(convertLoadedBrief(second, LOAD)!);
    expect(a).toHaveLength(1);
    expect(b).toHaveLength(1);
    expect(b[0]).not.toBe(a[0]);
  });
});
