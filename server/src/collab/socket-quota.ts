/** How many sockets one person may hold: on one document, and on this instance in all. */
export interface SocketLimits {
  perDocument: number;
  perUser: number;
}

interface Held {
  total: number;
  byDocument: Map<string, number>;
}

/**
 * Counts the open collaboration sockets of each person (from authentication until the
 * socket closes, loading included), so one person cannot hold an unbounded share of an
 * instance's sockets and presence traffic.
 */
export class SocketQuota {
  private readonly held = new Map<string, Held>();

  constructor(private readonly limits: SocketLimits) {}

  /**
   * Takes one place for `userId` on `document`. Returns a release function, or null when
   * a limit is reached (nothing is taken then).
   */
  take(userId: string, document: string): (() => void) | null {
    let held = this.held.get(userId);
    const onDocument = held?.byDocument.get(document) ?? 0;
    if ((held?.total ?? 0) >= this.limits.perUser || onDocument >= this.limits.perDocument) return null;
    if (!held) {
      held = { total: 0, byDocument: new Map() };
      this.held.set(userId, held);
    }
    held.total++;
    held.byDocument.set(document, onDocument + 1);
    const owner = held;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      owner.total--;
      const left = (owner.byDocument.get(document) ?? 1) - 1;
      if (left > 0) owner.byDocument.set(document, left);
      else owner.byDocument.delete(document);
      if (owner.total === 0 && this.held.get(userId) === owner) this.held.delete(userId);
    };
  }

  /** Sockets `userId` holds, for tests and metrics. */
  heldBy(userId: string): number {
    return this.held.get(userId)?.total ?? 0;
  }
}
