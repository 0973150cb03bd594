import { CollabMessage } from '@brieflock/schema';
import { describe, expect, it, vi } from 'vitest';
import { SaveTracker } from './save-tracker';

/** A y-protocols sync frame: message type, sync step (0 step 1, 1 step 2, 2 update), payload. */
const syncFrame = (step: 0 | 1 | 2) => new Uint8Array([CollabMessage.SYNC, step, 0]);
const update = () => syncFrame(2);
const awareness = () => new Uint8Array([CollabMessage.AWARENESS, 1, 0]);

function connectedTracker() {
  const onChange = vi.fn();
  const tracker = new SaveTracker(onChange);
  tracker.noteSocket();
  tracker.noteSynced();
  onChange.mockClear();
  return { tracker, onChange };
}

describe('SaveTracker', () => {
  it('is saved before this device has sent anything', () => {
    expect(new SaveTracker(() => {}).saved).toBe(true);
  });

  it('an update sent is unsaved until the server says that many frames are durable', () => {
    const { tracker } = connectedTracker();
    tracker.noteSent(update());
    tracker.noteSent(update());
    expect(tracker.saved).toBe(false);
    tracker.noteDurable(1);
    expect(tracker.saved).toBe(false);
    tracker.noteDurable(2);
    expect(tracker.saved).toBe(true);
  });

  it('counts sync step 2 as a document frame, but not sync step 1 or awareness', () => {
    const { tracker } = connectedTracker();
    tracker.noteSent(syncFrame(0));
    tracker.noteSent(awareness());
    tracker.noteSent('not a frame');
    expect(tracker.saved).toBe(true);
    tracker.noteSent(syncFrame(1));
    expect(tracker.saved).toBe(false);
    tracker.noteDurable(1);
    expect(tracker.saved).toBe(true);
  });

  it('reads frames given as an ArrayBuffer too', () => {
    const { tracker } = connectedTracker();
    tracker.noteSent(update().buffer);
    expect(tracker.saved).toBe(false);
  });

  it('a late, smaller SAVED count does not undo a larger one', () => {
    const { tracker } = connectedTracker();
    tracker.noteSent(update());
    tracker.noteSent(update());
    tracker.noteDurable(2);
    tracker.noteDurable(1);
    expect(tracker.saved).toBe(true);
    tracker.noteSent(update());
    tracker.noteDurable(2);
    expect(tracker.saved).toBe(false);
  });

  it('an edit delivered at once is carried by its frame', () => {
    const { tracker } = connectedTracker();
    tracker.noteLocalChange(true);
    expect(tracker.saved).toBe(true);
  });

  it('an edit made offline is unsaved until a synced socket has acknowledged all it sent', () => {
    const tracker = new SaveTracker(() => {});
    tracker.noteLocalChange(false);
    expect(tracker.saved).toBe(false);
    // Nothing of this socket is pending, yet the edit has not travelled: it goes in the next sync.
    tracker.noteDurable(0);
    expect(tracker.saved).toBe(false);

    tracker.noteSocket();
    tracker.noteSent(syncFrame(1));
    tracker.noteDurable(1);
    expect(tracker.saved).toBe(false);
    tracker.noteSynced();
    tracker.noteDurable(1);
    expect(tracker.saved).toBe(true);
  });

  it('an edit not delivered stays unsaved while the synced socket still has frames in flight', () => {
    const { tracker } = connectedTracker();
    tracker.noteLocalChange(false);
    tracker.noteSent(update());
    tracker.noteSent(update());
    tracker.noteDurable(1);
    expect(tracker.saved).toBe(false);
    tracker.noteDurable(2);
    expect(tracker.saved).toBe(true);
  });

  it('a new socket starts its counts afresh', () => {
    const { tracker } = connectedTracker();
    tracker.noteSent(update());
    tracker.noteSent(update());
    tracker.noteSent(update());
    tracker.noteDurable(1);
    expect(tracker.saved).toBe(false);
    tracker.noteSocket();
    expect(tracker.saved).toBe(true);
    // SAVED counts now refer to the new socket's frames.
    tracker.noteSent(update());
    expect(tracker.saved).toBe(false);
    tracker.noteDurable(1);
    expect(tracker.saved).toBe(true);
  });

  it('tells its owner about every change of state it may make, but not about each frame sent', () => {
    const { tracker, onChange } = connectedTracker();
    tracker.noteSent(update());
    expect(onChange).not.toHaveBeenCalled();
    tracker.noteDurable(1);
    tracker.noteLocalChange(false);
    tracker.noteSocket();
    tracker.noteSynced();
    expect(onChange).toHaveBeenCalledTimes(4);
  });
});
