import * as Y from 'yjs';

type Clocks = Map<number, number>;

/**
 * Decides whether everything this device contributed is durable on the server.
 *
 * The server reports durability as a state vector (CollabMessage.SAVED). Anything that
 * entered the local doc from somewhere other than the server (keystrokes, or edits
 * restored from IndexedDB that an earlier session never delivered) is a target the
 * durable vector must cover. Deletions carry no clock, so a local delete-only change is
 * acknowledged by the first SAVED message after it reached the server instead.
 */
export class SaveTracker {
  private readonly target: Clocks = new Map();
  private readonly durable: Clocks = new Map();
  /** A local deletion: null when none is pending, else whether it has reached the server. */
  private pendingDelete: { sent: boolean } | null = null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly onChange: () => void,
  ) {}

  get saved(): boolean {
    return this.target.size === 0 && this.pendingDelete === null;
  }

  /**
   * An update entered the doc. `fromServer` ones are the server's already; `restored`
   * ones come from this device's storage and may or may not have been delivered.
   */
  noteUpdate(update: Uint8Array, source: 'server' | 'restored' | 'local', connectedAndSynced: boolean): void {
    if (source === 'server') return;
    const { to } = Y.parseUpdateMeta(update);
    if (to.size === 0) {
      if (source === 'local') this.pendingDelete = { sent: connectedAndSynced };
    } else {
      for (const [client, clock] of to) {
        if (clock > (this.durable.get(client) ?? 0) && clock > (this.target.get(client) ?? 0)) {
          this.target.set(client, clock);
        }
      }
    }
    this.onChange();
  }

  /**
   * The server's state vector from its sync step 1. Restored content it already holds
   * came from earlier sessions and was stored then; this session's own edits still wait
   * for a SAVED message.
   */
  noteServerStateVector(stateVector: Clocks): void {
    for (const [client, clock] of [...this.target]) {
      if (client !== this.doc.clientID && (stateVector.get(client) ?? 0) >= clock) this.target.delete(client);
    }
    this.onChange();
  }

  /** The first sync finished: whatever was pending locally has now been sent. */
  noteSynced(): void {
    if (this.pendingDelete) this.pendingDelete.sent = true;
  }

  /** A SAVED message: everything its state vector covers is committed in PostgreSQL. */
  noteDurable(stateVector: Clocks): void {
    for (const [client, clock] of stateVector) {
      if (clock > (this.durable.get(client) ?? 0)) this.durable.set(client, clock);
    }
    for (const [client, clock] of [...this.target]) {
      if ((this.durable.get(client) ?? 0) >= clock) this.target.delete(client);
    }
    if (this.pendingDelete?.sent) this.pendingDelete = null;
    this.onChange();
  }
}
