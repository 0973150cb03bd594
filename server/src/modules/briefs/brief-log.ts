import { COLLAB_LIMITS } from '@brieflock/schema';

/** Bounds on the stored log of one brief. Units are in the names. */
export interface BriefLogLimits {
  /** The log is compacted into one state once it grew by more than this since it last was (or was loaded). */
  compactAboveBytes: number;
  /** Past this, updates are refused until compaction catches up. */
  maxLogBytes: number;
  /** Sustained growth of one brief's log, all sockets together; bursts of `COLLAB_LIMITS.burstSeconds`. */
  bytesPerSecond: number;
}

interface LogState {
  /** Bytes in the stored log (as last compacted, plus every row committed since). */
  bytes: number;
  /**
   * Bytes right after the last compaction (or load): the compacted state itself may be
   * larger than the threshold, and compacting it again would gain nothing.
   */
  base: number;
  /** Byte allowance left (token bucket) and when it was last refilled. */
  tokens: number;
  refilledAt: number;
  compacting: boolean;
}

/**
 * The size and rate of growth of each brief's stored log. A brief whose log grew by more
 * than `compactAboveBytes` since it was last compacted is compacted while it stays open (`compact`, run one at a time per
 * brief); one whose log would pass `maxLogBytes` or grows faster than `bytesPerSecond`
 * takes no more updates, so a single socket cannot fill the database between loads.
 */
export class BriefLogs {
  private readonly logs = new Map<string, LogState>();

  constructor(
    private readonly limits: BriefLogLimits,
    /** Compacts the stored log of a brief; resolves with the bytes it holds afterwards. */
    private readonly compact: (proposalId: string) => Promise<number>,
    private readonly onCompactFailed: (proposalId: string, error: unknown) => void = () => undefined,
  ) {}

  private get burst(): number {
    return this.limits.bytesPerSecond * COLLAB_LIMITS.burstSeconds;
  }

  private state(proposalId: string): LogState {
    let state = this.logs.get(proposalId);
    if (!state) {
      state = { bytes: 0, base: 0, tokens: this.burst, refilledAt: performance.now(), compacting: false };
      this.logs.set(proposalId, state);
    }
    return state;
  }

  /** The brief was loaded: its stored log holds `bytes`. */
  loaded(proposalId: string, bytes: number): void {
    const state = this.state(proposalId);
    state.bytes = bytes;
    state.base = bytes;
  }

  /** Bytes the stored log of a brief holds, as far as this instance knows. */
  bytesOf(proposalId: string): number {
    return this.logs.get(proposalId)?.bytes ?? 0;
  }

  /**
   * True when the log takes `bytes` more now: within its size limit, and with byte
   * allowance left. What is stored is charged by `charge` (an update that changes
   * nothing, e.g. one sent twice, is never stored and costs nothing), so the log grows at
   * most one update past the allowance.
   */
  admits(proposalId: string, bytes: number): boolean {
    const state = this.state(proposalId);
    this.refill(state);
    if (state.bytes + bytes > this.limits.maxLogBytes) {
      this.maybeCompact(proposalId, state);
      return false;
    }
    return state.tokens > 0;
  }

  /** An update of `bytes` is handed to storage: it counts against the brief's byte rate. */
  charge(proposalId: string, bytes: number): void {
    const state = this.state(proposalId);
    this.refill(state);
    state.tokens -= bytes;
  }

  private refill(state: LogState): void {
    const now = performance.now();
    state.tokens = Math.min(this.burst, state.tokens + ((now - state.refilledAt) / 1000) * this.limits.bytesPerSecond);
    state.refilledAt = now;
  }

  /** A row of `bytes` was committed to the brief's log. */
  stored(proposalId: string, bytes: number): void {
    const state = this.state(proposalId);
    state.bytes += bytes;
    this.maybeCompact(proposalId, state);
  }

  private maybeCompact(proposalId: string, state: LogState): void {
    if (state.compacting || state.bytes - state.base <= this.limits.compactAboveBytes) return;
    state.compacting = true;
    const before = state.bytes;
    this.compact(proposalId).then(
      (after) => {
        // Rows committed meanwhile stayed in the log beside the compacted state.
        state.base = after;
        state.bytes = after + Math.max(0, state.bytes - before);
        state.compacting = false;
        this.maybeCompact(proposalId, state);
      },
      (error: unknown) => {
        // The log stays as it was; the next commit tries again.
        state.compacting = false;
        this.onCompactFailed(proposalId, error);
      },
    );
  }
}
