import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import * as encoding from 'lib0/encoding';
import { plausibleUpdate } from './update-guard.js';

/** Bytes written with lib0's encoder, the way Yjs writes an update. */
const bytes = (write: (encoder: encoding.Encoder) => void): Uint8Array => {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
};

/** Bytes of the given varUints, one after another. */
const varUints = (...values: number[]): Uint8Array =>
  bytes((e) => {
    for (const value of values) encoding.writeVarUint(e, value);
  });

/** A doc with rich text, a list of maps, a map and an array of plain values. */
function docWithContent(): Y.Doc {
  const doc = new Y.Doc();
  const paragraph = new Y.XmlElement('paragraph');
  paragraph.insert(0, [new Y.XmlText('Cut churn by a tenth.')]);
  doc.getXmlFragment('outcome').insert(0, [paragraph]);
  const metric = new Y.Map<unknown>();
  doc.getArray('successMetrics').push([metric]);
  metric.set('name', new Y.Text('Monthly churn'));
  metric.set('target', '3.5%');
  doc.getMap('ownership').set('ipOwner', 'CLIENT');
  doc.getArray('deliverables').push([{ title: 'Model' }, 'junk', 42]);
  return doc;
}

/** Deterministic pseudo-random bytes (mulberry32), so a failure can be replayed. */
function randomBytes(seed: number, length: number): Uint8Array {
  let state = seed >>> 0;
  const out = new Uint8Array(length);
  for (let i = 0; i < length; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = (t ^ (t >>> 14)) & 0xff;
  }
  return out;
}

describe('plausibleUpdate accepts real updates', () => {
  it('the full state of a document with content', () => {
    const update = Y.encodeStateAsUpdate(docWithContent());
    expect(plausibleUpdate(update)).toBe(true);
  });

  it('the state of a document edited by two clients', () => {
    const a = docWithContent();
    const b = new Y.Doc();
    Y.applyUpdate(b, Y.encodeStateAsUpdate(a));
    b.getMap('communication').set('cadence', 'Weekly');
    b.getText('notes').insert(0, 'x'.repeat(500));
    const update = Y.encodeStateAsUpdate(b);
    expect(Y.decodeStateVector(Y.encodeStateVector(b)).size).toBe(2);
    expect(plausibleUpdate(update)).toBe(true);
  });

  it('every incremental update a document emits while it is edited, deletions included', () => {
    const doc = new Y.Doc();
    const updates: Uint8Array[] = [];
    doc.on('update', (update: Uint8Array) => updates.push(update));
    const text = doc.getText('notes');
    for (let i = 0; i < 50; i++) text.insert(text.length, `word ${i} `);
    text.delete(3, 20);
    doc.getArray('team').push([new Y.Map()]);
    doc.getArray('team').delete(0, 1);
    expect(updates.length).toBeGreaterThan(50);
    expect(updates.filter((update) => !plausibleUpdate(update))).toEqual([]);
  });

  it('a delete-only update (the difference after deletions, with no new structs)', () => {
    const doc = docWithContent();
    doc.getText('notes').insert(0, 'abcdefghij');
    const before = Y.encodeStateVector(doc);
    doc.getText('notes').delete(2, 5);
    doc.getArray('deliverables').delete(0, 2);
    const update = Y.encodeStateAsUpdate(doc, before);
    // No clients with structs: what follows is the delete set.
    expect(update[0]).toBe(0);
    expect(Y.decodeUpdate(update).ds.clients.size).toBeGreaterThan(0);
    expect(plausibleUpdate(update)).toBe(true);
  });

  it('the empty update, and the difference of a document to its own state', () => {
    expect(plausibleUpdate(Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    const doc = docWithContent();
    expect(plausibleUpdate(Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))).toBe(true);
  });
});

describe('plausibleUpdate refuses', () => {
  it('no bytes at all', () => {
    expect(plausibleUpdate(new Uint8Array())).toBe(false);
  });

  it('more clients than the update has bytes', () => {
    expect(plausibleUpdate(bytes((e) => encoding.writeVarUint(e, 1_000_000)))).toBe(false);
    expect(plausibleUpdate(varUints(200, 1, 1, 0, 0))).toBe(false);
  });

  it('a client claiming billions of structs in a few bytes', () => {
    const update = bytes((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, 2 ** 32 - 1);
      encoding.writeVarUint(e, 12345);
      encoding.writeVarUint(e, 0);
      encoding.writeUint8(e, 0);
    });
    expect(plausibleUpdate(update)).toBe(false);
  });

  it('a real update whose struct count was inflated', () => {
    const real = Y.encodeStateAsUpdate(docWithContent());
    expect(real[0]).toBe(1);
    const structs = real[1]!;
    expect(structs).toBeLessThan(128);
    const inflated = bytes((e) => {
      encoding.writeVarUint(e, 1);
      encoding.writeVarUint(e, real.length * 2);
      encoding.writeUint8Array(e, real.subarray(2));
    });
    expect(plausibleUpdate(inflated)).toBe(false);
  });

  it('a delete set claiming more clients or ranges than it has bytes for', () => {
    const clients = varUints(0, 1_000_000, 1, 1);
    const ranges = varUints(0, 1, 7, 2 ** 31, 0, 1);
    expect(plausibleUpdate(clients)).toBe(false);
    expect(plausibleUpdate(ranges)).toBe(false);
    // The same shapes with honest counts pass.
    expect(plausibleUpdate(varUints(0, 1, 7, 1, 0, 1))).toBe(true);
  });

  it.each([
    ['a varint that never ends', [0x80]],
    ['a client count and nothing else', [1]],
    ['a struct count with no client id or clock', [1, 3]],
    ['an empty delete set cut before its client count', [0]],
    ['a delete-set client cut before its range count', [0, 1, 7]],
    ['a delete-set range cut half-way', [0, 1, 7, 1, 0]],
  ])('a header cut short: %s', (_what, cut) => {
    expect(plausibleUpdate(Uint8Array.from(cut))).toBe(false);
  });

  it('a real update cut inside its header', () => {
    const real = Y.encodeStateAsUpdate(docWithContent());
    expect(plausibleUpdate(real.subarray(0, 1))).toBe(false);
    expect(plausibleUpdate(real.subarray(0, 2))).toBe(false);
  });
});

describe('plausibleUpdate on random bytes', () => {
  it('refuses random bytes that start with a client count larger than the bytes', () => {
    for (let seed = 1; seed <= 200; seed++) {
      const noise = randomBytes(seed, 64);
      const update = bytes((e) => {
        encoding.writeVarUint(e, 65 + seed);
        encoding.writeUint8Array(e, noise);
      });
      expect(plausibleUpdate(update), `seed ${seed}`).toBe(false);
    }
  });

  it('never throws, and whatever it lets through Yjs rejects or applies without hanging', () => {
    let accepted = 0;
    const started = performance.now();
    for (let seed = 1; seed <= 2000; seed++) {
      const noise = randomBytes(seed, 1 + (seed % 97));
      let verdict: boolean | undefined;
      expect(() => (verdict = plausibleUpdate(noise)), `seed ${seed}`).not.toThrow();
      if (!verdict) continue;
      accepted++;
      const doc = new Y.Doc();
      try {
        Y.applyUpdate(doc, noise);
      } catch {
        // Refused by Yjs itself: the server closes such a socket (malformed update).
      }
      doc.destroy();
    }
    // Most noise is refused outright; what passes is cheap to hand to Yjs.
    expect(accepted).toBeLessThan(2000 * 0.1);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});
