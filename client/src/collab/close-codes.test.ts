import { CloseCode } from '@brieflock/schema';
import { describe, expect, it } from 'vitest';
import { describeClose, isFatalClose } from './close-codes';

describe('close codes', () => {
  it('an ordinary network close, or none, has no description and is not fatal', () => {
    for (const code of [
      undefined,
      CloseCode.NORMAL_CLOSURE,
      CloseCode.ABNORMAL_CLOSURE,
      CloseCode.GOING_AWAY,
      CloseCode.PROTOCOL_ERROR,
    ]) {
      expect(describeClose(code)).toBeNull();
      expect(isFatalClose(code)).toBe(false);
    }
  });

  it('every code the server chooses for a decision is described, with its code', () => {
    for (const code of [
      CloseCode.UNAUTHENTICATED,
      CloseCode.FORBIDDEN,
      CloseCode.NOT_FOUND,
      CloseCode.PARTICIPANT_REMOVED,
      CloseCode.DOCUMENT_TOO_LARGE,
      CloseCode.LOAD_FAILED,
      CloseCode.MESSAGE_TOO_BIG,
      CloseCode.RATE_LIMITED,
      CloseCode.TOO_MANY_SOCKETS,
      CloseCode.SLOW_READER,
      CloseCode.TOO_MANY_CLIENT_IDS,
      CloseCode.STORAGE_LIMIT,
    ]) {
      const info = describeClose(code);
      expect(info?.code).toBe(code);
      expect(info?.title).not.toBe('');
      expect(info?.message).not.toBe('');
    }
  });

  it('stops reconnecting after sign-out, refusal, removal or a missing proposal, and only then', () => {
    const fatal = Object.values(CloseCode).filter((code) => isFatalClose(code));
    expect(fatal.sort()).toEqual(
      [CloseCode.UNAUTHENTICATED, CloseCode.FORBIDDEN, CloseCode.NOT_FOUND, CloseCode.PARTICIPANT_REMOVED].sort(),
    );
    for (const code of Object.values(CloseCode)) expect(isFatalClose(code)).toBe(describeClose(code)?.fatal ?? false);
  });

  it('takes the editor away only from someone who may no longer see the brief', () => {
    expect(describeClose(CloseCode.FORBIDDEN)?.blocksEditing).toBe(true);
    expect(describeClose(CloseCode.NOT_FOUND)?.blocksEditing).toBe(true);
    expect(describeClose(CloseCode.PARTICIPANT_REMOVED)?.blocksEditing).toBe(true);
    // Signed out: the brief is still theirs; edits wait on the device for the next sign-in.
    expect(describeClose(CloseCode.UNAUTHENTICATED)?.blocksEditing).toBe(false);
    expect(describeClose(CloseCode.LOAD_FAILED)?.blocksEditing).toBe(false);
  });

  it('erases the device copy only when the brief is gone or no longer shared', () => {
    const erasing = Object.values(CloseCode).filter((code) => describeClose(code)?.forgetLocalCopy);
    expect(erasing.sort()).toEqual([CloseCode.NOT_FOUND, CloseCode.PARTICIPANT_REMOVED].sort());
  });

  it('a passing trouble says that it reconnects; a fatal one does not', () => {
    expect(describeClose(CloseCode.RATE_LIMITED)?.message).toMatch(/reconnecting/);
    expect(describeClose(CloseCode.LOAD_FAILED)?.message).toMatch(/retrying/);
    expect(describeClose(CloseCode.TOO_MANY_SOCKETS)?.message).toMatch(/retrying/);
    expect(describeClose(CloseCode.SLOW_READER)?.message).toMatch(/reconnecting/);
    expect(describeClose(CloseCode.STORAGE_LIMIT)?.message).toMatch(/retrying/);
    expect(describeClose(CloseCode.PARTICIPANT_REMOVED)?.message).not.toMatch(/reconnect|retry/);
  });
});
