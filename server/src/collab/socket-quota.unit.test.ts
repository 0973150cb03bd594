import { describe, expect, it } from 'vitest';
import { SocketQuota } from './socket-quota.js';

describe('SocketQuota', () => {
  it('refuses a person past the per-document limit, and lets them in again after a release', () => {
    const quota = new SocketQuota({ perDocument: 2, perUser: 10 });
    const first = quota.take('u', 'doc')!;
    expect(quota.take('u', 'doc')).not.toBeNull();
    expect(quota.take('u', 'doc')).toBeNull();
    // Another document and another person are not affected.
    expect(quota.take('u', 'other')).not.toBeNull();
    expect(quota.take('v', 'doc')).not.toBeNull();
    first();
    first(); // releasing twice gives back one place only
    expect(quota.take('u', 'doc')).not.toBeNull();
    expect(quota.take('u', 'doc')).toBeNull();
  });

  it('refuses a person past the per-instance limit across documents', () => {
    const quota = new SocketQuota({ perDocument: 2, perUser: 3 });
    const releases = ['a', 'b', 'c'].map((doc) => quota.take('u', doc)!);
    expect(quota.take('u', 'd')).toBeNull();
    expect(quota.heldBy('u')).toBe(3);
    for (const release of releases) release();
    expect(quota.heldBy('u')).toBe(0);
    expect(quota.take('u', 'd')).not.toBeNull();
  });
});
