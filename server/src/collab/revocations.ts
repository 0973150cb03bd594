import type { CollabPeer } from './hooks.js';

/** Authentication plus loading takes well under a minute; older disconnects cannot matter. */
const REMEMBER_MS = 60_000;

/** Which sockets a disconnect closes, and with what. */
export interface Revocation {
  /** The document; null for every document. */
  name: string | null;
  match: (peer: CollabPeer) => boolean;
  code: number;
  reason: string;
}

/**
 * Recent disconnects by match. A socket authenticated before a participant was removed
 * (or a session signed out) may still be loading its room when the disconnect runs; it
 * is checked against these before it joins.
 */
export class Revocations {
  private entries: (Revocation & { at: number })[] = [];

  /** Remembers a disconnect made now. */
  remember(revocation: Revocation): void {
    const now = performance.now();
    this.entries = this.entries.filter((entry) => now - entry.at < REMEMBER_MS);
    this.entries.push({ ...revocation, at: now });
  }

  /** A disconnect made since `authenticatedAt` that closes `peer`'s socket on `name`. */
  find(name: string, peer: CollabPeer, authenticatedAt: number): Revocation | undefined {
    return this.entries.find(
      (entry) => entry.at >= authenticatedAt && (entry.name === null || entry.name === name) && entry.match(peer),
    );
  }
}
