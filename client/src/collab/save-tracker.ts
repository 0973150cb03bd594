import { isDocumentFrame } from '@brieflock/schema';

/**
 * Decides whether everything this device contributed is durable on the server.
 *
 * The server's SAVED message says how many document frames of this socket are durable.
 * This device counts the document frames it sends on the socket; when the counts meet,
 * every edit it sent, deletions included, is stored. Edits made without a synced socket
 * (offline, or restored from this device's storage) travel in the next sync step 2, so
 * they count as saved only once a synced socket has acknowledged everything it sent.
 */
export class SaveTracker {
  private sent = 0;
  private durable = 0;
  /** Local content the server may not have yet and that no frame on this socket carried. */
  private unsent = false;
  private synced = false;

  constructor(private readonly onChange: () => void) {}

  get saved(): boolean {
    return !this.unsent && this.durable >= this.sent;
  }

  /** A new socket: its frame counts start at zero and it has not synced yet. */
  noteSocket(): void {
    this.sent = 0;
    this.durable = 0;
    this.synced = false;
    this.onChange();
  }

  /** A frame this device sends on the current socket. */
  noteSent(data: unknown): void {
    if (isDocumentFrame(data)) this.sent++;
  }

  /** A change entered the local doc from this device (typing, or restored from storage). */
  noteLocalChange(deliveredNow: boolean): void {
    if (!deliveredNow) this.unsent = true;
    this.onChange();
  }

  /** The first exchange finished: this device's sync step 2 (all it had) is sent. */
  noteSynced(): void {
    this.synced = true;
    this.onChange();
  }

  /** A SAVED message: `frames` document frames of this socket are committed in PostgreSQL. */
  noteDurable(frames: number): void {
    this.durable = Math.max(this.durable, frames);
    if (this.synced && this.durable >= this.sent) this.unsent = false;
    this.onChange();
  }
}
