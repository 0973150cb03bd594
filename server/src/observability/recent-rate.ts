/**
 * Events per second over a sliding window of whole seconds (the current one included),
 * for a gauge a person can read directly. Adding is O(1); reading is O(window).
 */
export class RecentRate {
  private readonly counts: number[];
  private readonly seconds: number[];

  constructor(
    private readonly windowSeconds = 10,
    /** When counting began (ms): a young window is not diluted by time before it. */
    private readonly startedAt = Date.now(),
  ) {
    this.counts = new Array<number>(windowSeconds).fill(0);
    this.seconds = new Array<number>(windowSeconds).fill(-Infinity);
  }

  /** Counts `n` events at `now` (ms). */
  add(n: number, now = Date.now()): void {
    const second = Math.floor(now / 1000);
    const slot = second % this.windowSeconds;
    if (this.seconds[slot] !== second) {
      this.seconds[slot] = second;
      this.counts[slot] = 0;
    }
    this.counts[slot]! += n;
  }

  /** Events per second from the start of the window's oldest second until `now` (ms). */
  perSecond(now = Date.now()): number {
    const current = Math.floor(now / 1000);
    const oldest = current - this.windowSeconds + 1;
    let total = 0;
    for (let slot = 0; slot < this.windowSeconds; slot++)
      if (this.seconds[slot]! >= oldest) total += this.counts[slot]!;
    const spanMs = now - Math.max(oldest * 1000, this.startedAt);
    return (total / Math.max(spanMs, 1000)) * 1000;
  }
}
