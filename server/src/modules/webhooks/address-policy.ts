import ipaddr from 'ipaddr.js';

/**
 * Where an address points, for deciding whether a webhook may be sent there:
 * - `public`: a globally routed unicast address;
 * - `loopback`, `private` (RFC 1918, IPv6 unique-local): this machine or its own
 *   networks, allowed only with WEBHOOK_ALLOW_PRIVATE;
 * - `internal`: never — link-local (cloud metadata at 169.254.169.254 among them),
 *   fd00:ec2::254, carrier-grade NAT, multicast, broadcast, unspecified, reserved and
 *   documentation ranges, and IPv6 forms that embed an IPv4 address (NAT64, 6to4,
 *   IPv4-compatible) which could lead back to one of those.
 * IPv4-mapped IPv6 addresses (::ffff:a.b.c.d) are judged as the IPv4 address they carry.
 */
export type AddressKind = 'public' | 'loopback' | 'private' | 'internal';

/** Cloud metadata services outside the ranges above. */
const METADATA_V6 = ipaddr.parse('fd00:ec2::254');

export function addressKind(address: string): AddressKind {
  if (!ipaddr.isValid(address)) return 'internal';
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6') {
    const v6 = parsed as ipaddr.IPv6;
    if (v6.isIPv4MappedAddress()) parsed = v6.toIPv4Address();
    else {
      if (v6.toNormalizedString() === METADATA_V6.toNormalizedString()) return 'internal';
      // ::a.b.c.d (IPv4-compatible, deprecated): ipaddr.js calls it unicast.
      if (v6.parts.slice(0, 6).every((part) => part === 0) && v6.range() !== 'loopback') return 'internal';
    }
  }
  const range = parsed.range();
  if (range === 'unicast') return 'public';
  if (range === 'loopback') return 'loopback';
  if (range === 'private' || range === 'uniqueLocal') return 'private';
  return 'internal';
}

/** True when a webhook may be sent to `address`. */
export function mayDeliverTo(address: string, allowPrivate: boolean): boolean {
  const kind = addressKind(address);
  return kind === 'public' || (allowPrivate && (kind === 'loopback' || kind === 'private'));
}
