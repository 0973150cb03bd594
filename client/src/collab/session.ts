import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import { IndexeddbPersistence } from 'y-indexeddb';
import { removeAwarenessStates } from 'y-protocols/awareness';
import * as decoding from 'lib0/decoding';
import { COLLAB_PATH, CollabMessage, type PresenceUser } from '@brieflock/schema';
import { describeClose, isFatalClose, type CloseInfo } from './close-codes';
import { DEVICE_COPY_PREFIX } from './device-copies';
import { SaveTracker } from './save-tracker';

export type ConnectionState = 'connecting' | 'connected' | 'reconnecting' | 'offline' | 'refused';

export interface CollabStatus {
  connection: ConnectionState;
  /** Connected and the first exchange with the server finished. */
  synced: boolean;
  /** Everything this device contributed is durable on the server. */
  saved: boolean;
  /** The brief can be shown: it came from the server, or from this device when the server is slow or away. */
  ready: boolean;
  /** Whether edits survive a reload while offline (IndexedDB works here). */
  keptOnDevice: boolean;
  /** Why the server refused the socket; no reconnecting after it. */
  refusal: CloseInfo | null;
  /** The last deliberate close the server made before it reconnects. */
  problem: CloseInfo | null;
}

/** Past this, content restored from this device is shown while the server is still silent. */
const SHOW_LOCAL_AFTER_MS = 1200;
/** Past this, the editor appears even if neither storage nor server answered. */
const SHOW_ANYWAY_AFTER_MS = 4000;
/**
 * While connected, the server is asked for the presence states this often (a message it
 * always answers); no answer within `HEARTBEAT_TIMEOUT_MS` means the connection died
 * without a close: it is shown at once and the socket is replaced.
 */
export const HEARTBEAT_INTERVAL_MS = 10_000;
export const HEARTBEAT_TIMEOUT_MS = 5_000;

/** The QUERY_AWARENESS frame: the message type alone. */
const HEARTBEAT_FRAME = new Uint8Array([CollabMessage.QUERY_AWARENESS]);

export function collabServerUrl(): string {
  const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
  return `${scheme}//${window.location.host}${COLLAB_PATH}`;
}

/**
 * One open brief: the Y.Doc, its WebSocket provider, its IndexedDB copy and a status
 * store for React (useSyncExternalStore). Created per proposal and user, destroyed on
 * unmount.
 */
export class CollabSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  private persistence: IndexeddbPersistence | null;
  private readonly tracker: SaveTracker;
  private readonly listeners = new Set<() => void>();
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private wsStatus: 'connecting' | 'connected' | 'disconnected' = 'connecting';
  private hadClose = false;
  private synced = false;
  private localLoaded = false;
  private keptOnDevice = true;
  private waitedMs = 0;
  private readyLatch = false;
  private refusal: CloseInfo | null = null;
  private problem: CloseInfo | null = null;
  private destroyed = false;
  /** The last heartbeat went unanswered: the socket is not trusted until it hears from the server. */
  private heartbeatMissed = false;
  private heartbeatTimer: ReturnType<typeof setTimeout> | undefined;
  private status: CollabStatus;

  constructor(
    proposalId: string,
    readonly user: PresenceUser,
  ) {
    this.tracker = new SaveTracker(() => this.update());
    // Keyed by user as well: two people sharing a browser must not merge each other's drafts.
    this.persistence = new IndexeddbPersistence(`${DEVICE_COPY_PREFIX}${proposalId}:${user.id}`, this.doc);
    this.persistence.on('synced', () => {
      this.localLoaded = true;
      this.update();
    });
    this.persistence._db.catch(() => {
      this.keptOnDevice = false;
      this.update();
    });
    this.provider = new WebsocketProvider(collabServerUrl(), encodeURIComponent(proposalId), this.doc, {
      connect: false,
      params: { saved: '1' },
      // y-websocket gives up on every 44xx; DOCUMENT_TOO_LARGE and RATE_LIMITED are worth retrying.
      shouldReconnect: (event) => !isFatalClose(event.code),
    });
    this.installMessageHandlers();
    // The server replaces `user` with the authenticated identity; the carets read it locally too.
    this.provider.awareness.setLocalStateField('user', user);
    this.doc.on('update', this.onDocUpdate);
    this.provider.on('status', this.onStatus);
    this.provider.on('connection-close', this.onClose);
    this.provider.on('sync', this.onSync);
    window.addEventListener('online', this.onOnline);
    window.addEventListener('offline', this.onOffline);
    this.timers.push(
      setTimeout(() => this.waited(SHOW_LOCAL_AFTER_MS), SHOW_LOCAL_AFTER_MS),
      setTimeout(() => this.waited(SHOW_ANYWAY_AFTER_MS), SHOW_ANYWAY_AFTER_MS),
    );
    this.status = this.compute();
    this.provider.connect();
    this.scheduleHeartbeat();
  }

  private scheduleHeartbeat(): void {
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => this.heartbeat(), HEARTBEAT_INTERVAL_MS);
  }

  /** Asks the server for a reply and checks it came; a silent server is treated as gone. */
  private heartbeat(): void {
    if (this.destroyed) return;
    const ws = this.provider.ws;
    if (!this.provider.wsconnected || !ws || ws.readyState !== WebSocket.OPEN) {
      this.scheduleHeartbeat();
      return;
    }
    const askedAt = Date.now();
    ws.send(HEARTBEAT_FRAME);
    clearTimeout(this.heartbeatTimer);
    this.heartbeatTimer = setTimeout(() => {
      if (this.destroyed) return;
      if (this.provider.ws === ws && this.provider.wsLastMessageReceived < askedAt) {
        this.heartbeatMissed = true;
        this.update();
        // y-websocket reconnects once this socket reports its close.
        ws.close();
      }
      this.scheduleHeartbeat();
    }, HEARTBEAT_TIMEOUT_MS);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getStatus = (): CollabStatus => this.status;

  /** Tries again after a refusal the user may have fixed (signed in again, access granted). */
  retry(): void {
    if (this.destroyed) return;
    this.refusal = null;
    this.provider.connect();
    this.update();
  }

  destroy(): void {
    if (this.destroyed) return;
    this.destroyed = true;
    this.timers.forEach(clearTimeout);
    clearTimeout(this.heartbeatTimer);
    window.removeEventListener('online', this.onOnline);
    window.removeEventListener('offline', this.onOffline);
    this.doc.off('update', this.onDocUpdate);
    // Tell the others at once instead of letting the presence time out.
    removeAwarenessStates(this.provider.awareness, [this.doc.clientID], 'left');
    this.provider.destroy();
    this.provider.awareness.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
    this.listeners.clear();
  }

  private installMessageHandlers(): void {
    this.provider.messageHandlers[CollabMessage.SAVED] = (_encoder, decoder) => {
      decoding.readVarUint8Array(decoder); // the durable state vector; the frame count is exact
      if (decoding.hasContent(decoder)) this.tracker.noteDurable(decoding.readVarUint(decoder));
    };
  }

  private readonly onDocUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider) return;
    // The provider sends a local change at once when its socket is open (counted as a
    // document frame); otherwise it travels in the next sync step 2.
    this.tracker.noteLocalChange(this.provider.wsconnected);
  };

  private readonly onStatus = ({ status }: { status: 'connected' | 'connecting' | 'disconnected' }) => {
    this.wsStatus = status;
    if (status === 'connected') this.heartbeatMissed = false;
    const ws = this.provider.ws;
    if (status === 'connected' && ws) {
      // Emitted before the provider sends anything on the new socket: count its frames.
      this.tracker.noteSocket();
      const send = ws.send.bind(ws);
      ws.send = (data) => {
        this.tracker.noteSent(data);
        send(data);
      };
    }
    this.update();
  };

  private readonly onClose = (event: CloseEvent | null) => {
    this.hadClose = true;
    const info = describeClose(event?.code);
    if (info?.fatal) this.refuse(info);
    else if (info) this.problem = info;
    this.update();
  };

  private readonly onSync = (synced: boolean) => {
    this.synced = synced;
    if (synced) {
      this.problem = null;
      this.tracker.noteSynced();
    }
    this.update();
  };

  private readonly onOnline = () => {
    // Skip the remaining back-off: the network just came back.
    if (!this.refusal) this.provider.connect();
    this.update();
  };

  private readonly onOffline = () => this.update();

  private refuse(info: CloseInfo): void {
    this.refusal = info;
    // Also stops the cross-tab channel; deferred because y-websocket is mid-close here.
    queueMicrotask(() => {
      if (!this.destroyed) this.provider.disconnect();
    });
    if (info.forgetLocalCopy && this.persistence) {
      const persistence = this.persistence;
      this.persistence = null;
      void persistence.clearData();
    }
  }

  private waited(ms: number): void {
    this.waitedMs = Math.max(this.waitedMs, ms);
    this.update();
  }

  private compute(): CollabStatus {
    const online = navigator.onLine;
    let connection: ConnectionState;
    if (this.refusal) connection = 'refused';
    // A socket can look open for a while after the network went away: the browser's word
    // (or a missed heartbeat) counts, with or without edits waiting.
    else if (!online) connection = 'offline';
    else if (this.wsStatus === 'connected') connection = this.heartbeatMissed ? 'reconnecting' : 'connected';
    else if (this.hadClose) connection = 'reconnecting';
    else connection = 'connecting';
    const localFallback = this.localLoaded && (this.hadClose || !online || this.waitedMs >= SHOW_LOCAL_AFTER_MS);
    this.readyLatch ||= this.synced || this.refusal !== null || localFallback || this.waitedMs >= SHOW_ANYWAY_AFTER_MS;
    return {
      connection,
      synced: this.synced && connection === 'connected',
      saved: this.tracker.saved,
      ready: this.readyLatch,
      keptOnDevice: this.keptOnDevice && this.persistence !== null,
      refusal: this.refusal,
      problem: this.problem,
    };
  }

  private update(): void {
    if (this.destroyed) return;
    const next = this.compute();
    const previous = this.status as unknown as Record<string, unknown>;
    const changed = Object.entries(next).some(([key, value]) => previous[key] !== value);
    if (!changed) return;
    this.status = next;
    for (const listener of this.listeners) listener();
  }
}
