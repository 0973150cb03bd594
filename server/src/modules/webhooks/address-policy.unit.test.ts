import { describe, expect, it } from 'vitest';
import { addressKind, mayDeliverTo } from './address-policy.js';

describe('the webhook address policy', () => {
  it.each([
    ['93.184.216.34', 'public'],
    ['8.8.8.8', 'public'],
    ['2606:4700:4700::1111', 'public'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['::1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['172.16.0.1', 'private'],
    ['192.168.1.1', 'private'],
    ['fc00::1', 'private'],
    ['fd12:3456::1', 'private'],
    ['169.254.169.254', 'internal'],
    ['169.254.1.1', 'internal'],
    ['fe80::1', 'internal'],
    ['fd00:ec2::254', 'internal'],
    ['100.64.0.1', 'internal'],
    ['100.127.255.254', 'internal'],
    ['224.0.0.1', 'internal'],
    ['ff02::1', 'internal'],
    ['0.0.0.0', 'internal'],
    ['::', 'internal'],
    ['255.255.255.255', 'internal'],
    ['192.0.2.1', 'internal'],
    ['240.0.0.1', 'internal'],
    ['64:ff9b::a9fe:a9fe', 'internal'],
    ['2002:a9fe:a9fe::1', 'internal'],
    ['::a9fe:a9fe', 'internal'],
    ['not an address', 'internal'],
  ])('%s is %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it.each([
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'internal'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:100.64.0.1', 'internal'],
    ['::ffff:93.184.216.34', 'public'],
  ])('IPv4-mapped %s is judged as its IPv4 address: %s', (address, kind) => {
    expect(addressKind(address)).toBe(kind);
  });

  it('allows loopback and private networks only when told to, internal ranges never', () => {
    expect(mayDeliverTo('93.184.216.34', false)).toBe(true);
    expect(mayDeliverTo('127.0.0.1', false)).toBe(false);
    expect(mayDeliverTo('127.0.0.1', true)).toBe(true);
    expect(mayDeliverTo('10.0.0.1', false)).toBe(false);
    expect(mayDeliverTo('10.0.0.1', true)).toBe(true);
    expect(mayDeliverTo('169.254.169.254', true)).toBe(false);
    expect(mayDeliverTo('fd00:ec2::254', true)).toBe(false);
    expect(mayDeliverTo('::ffff:169.254.169.254', true)).toBe(false);
    expect(mayDeliverTo('100.64.0.1', true)).toBe(false);
  });
});
