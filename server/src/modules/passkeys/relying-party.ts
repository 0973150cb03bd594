import type { RelyingPartyConfig } from '../../config.js';

/**
 * Whether a page at `origin` may use this app's passkeys: one of the configured origins,
 * or — with PUBLIC_URL unset, in development — any http(s) origin on the RP ID's own host.
 */
export function originAllowed(rp: RelyingPartyConfig, origin: string): boolean {
  if (rp.origins.includes(origin)) return true;
  if (!rp.anyPortOnHost) return false;
  try {
    const url = new URL(origin);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname === rp.id && url.origin === origin;
  } catch {
    return false;
  }
}

/**
 * The origins a ceremony is checked against: the one its client data names when that
 * is allowed (so development on any port works), otherwise the configured ones, which
 * the WebAuthn library then refuses with a message naming them.
 */
export function expectedOrigins(rp: RelyingPartyConfig, claimedOrigin: string | null): string[] {
  return claimedOrigin && originAllowed(rp, claimedOrigin) ? [claimedOrigin] : rp.origins;
}
