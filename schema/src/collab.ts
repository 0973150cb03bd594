/**
 * The collaboration endpoint: the y-websocket protocol at `/collab/<proposalId>`.
 *
 * Message types 0 (sync), 1 (awareness), 2 (auth) and 3 (query awareness) are the
 * standard ones from y-protocols and y-websocket. Brieflock adds one, sent only to a
 * client that asks for it with `?saved=1`, because a standard `WebsocketProvider`
 * logs unknown message types:
 *
 * - `MESSAGE_SAVED` (100): a varUint8Array holding an encoded Yjs state vector of what is
 *   durable in PostgreSQL for the client ids this socket wrote (its latest few) or
 *   presents in awareness — not the document's whole state vector, whose size grows with
 *   every editing session — then a varUint: how many document frames (sync step 2 and
 *   sync update messages) this socket has sent whose effects are durable. A client that
 *   counts the document frames it sends on the socket knows exactly when all its edits,
 *   deletions included, are stored: when that count is reached. The server sends it on
 *   join and after every commit that concerns the document.
 *
 * Awareness: the server owns `state.user` ({ id, name, color, role }); whatever a client
 * writes there is replaced with its authenticated identity, so nobody can appear as
 * someone else or as an editor when they are a viewer. A connection may only publish
 * presence for the client ids it introduced.
 */
export const COLLAB_PATH = '/collab';

/**
 * Authentication without the token in the URL (where proxies and servers log it), for
 * clients that cannot set headers: offer the WebSocket subprotocols
 * `collabProtocols(token)`, i.e. `brieflock` and `brieflock.token.<token>`. The server
 * always selects `brieflock`, never the one carrying the token, so the token is not
 * echoed back. A session token (`blk_` and base64url) is a valid subprotocol token.
 */
export const COLLAB_SUBPROTOCOL = 'brieflock';
export const COLLAB_TOKEN_SUBPROTOCOL_PREFIX = 'brieflock.token.';

/** The subprotocols a collaboration client offers to authenticate with `token`. */
export const collabProtocols = (token: string): string[] => [
  COLLAB_SUBPROTOCOL,
  `${COLLAB_TOKEN_SUBPROTOCOL_PREFIX}${token}`,
];

export const CollabMessage = {
  SYNC: 0,
  AWARENESS: 1,
  AUTH: 2,
  QUERY_AWARENESS: 3,
  SAVED: 100,
} as const;

/**
 * The step after `CollabMessage.SYNC`, numbered as y-protocols' sync module numbers it
 * (`messageYjsSyncStep1`, `messageYjsSyncStep2`, `messageYjsUpdate`).
 */
export const SyncStep = {
  /** A state vector: "send me what I lack". */
  STEP_1: 0,
  /** The answer to step 1: everything the asker lacks. */
  STEP_2: 1,
  /** An incremental document update. */
  UPDATE: 2,
} as const;

/**
 * WebSocket close codes of the collaboration and subscription sockets. The 1xxx codes are
 * RFC 6455's; the 4xxx codes are Brieflock's, 44xx/45xx echoing the HTTP status they mean.
 */
export const CloseCode = {
  /** An ordinary close: the client left, or the server ended a socket it no longer needs. */
  NORMAL_CLOSURE: 1000,
  /** The server is shutting down; reconnect (to another instance). */
  GOING_AWAY: 1001,
  /** A frame that breaks the protocol (malformed, unknown type, hostile counts). */
  PROTOCOL_ERROR: 1002,
  /** A text frame: the collaboration socket speaks binary frames only. */
  UNSUPPORTED_DATA: 1003,
  /**
   * Never sent: what a client reports when a socket ended without a close frame (or its
   * upgrade was refused with an HTTP status).
   */
  ABNORMAL_CLOSURE: 1006,
  /** A frame or presence message over its limit. */
  MESSAGE_TOO_BIG: 1009,
  /** The server could not send to the socket. */
  INTERNAL_ERROR: 1011,
  /**
   * The socket did not read what it was sent: more than `COLLAB_MAX_BUFFERED_BYTES` waited
   * in its send buffer. It is closed so it cannot hold the server's memory; reconnect.
   */
  SLOW_READER: 4408,
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  /**
   * Too many sockets of one person: on this document, or on this instance, the
   * configured number (`COLLAB_MAX_SOCKETS_PER_DOCUMENT`, `COLLAB_MAX_SOCKETS_PER_USER`)
   * is already open. The new socket is refused before it receives anything; close
   * another tab and it is let in.
   */
  TOO_MANY_SOCKETS: 4409,
  PARTICIPANT_REMOVED: 4410,
  /**
   * The person's role on the proposal changed: the socket closes so that the reconnect
   * is let in with the new role (a viewer's updates are dropped from then on).
   * Reconnect at once.
   */
  ROLE_CHANGED: 4205,
  /** The document reached its size limit; the update was not applied. */
  DOCUMENT_TOO_LARGE: 4413,
  /**
   * The update would add too many Yjs client ids (editing sessions): more new ones than
   * one update may bring, or more than the document may hold. Nothing of it was applied
   * or stored.
   */
  TOO_MANY_CLIENT_IDS: 4422,
  RATE_LIMITED: 4429,
  /** The document could not be loaded from storage; nothing was sent or stored. */
  LOAD_FAILED: 4503,
  /**
   * The document's stored log is over its size limit or grows faster than allowed
   * (`COLLAB_MAX_LOG_BYTES`, `COLLAB_DOCUMENT_BYTES_PER_SECOND`); the update was not
   * applied or stored. The document stays readable; reconnect later.
   */
  STORAGE_LIMIT: 4507,
} as const;

/**
 * True for a frame that carries document content: sync step 2 or a sync update (the
 * first varuints are the message type and the step; both fit in one byte). These are the
 * frames the SAVED message counts.
 */
export function isDocumentFrame(data: unknown): boolean {
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  return (
    bytes !== null &&
    bytes.length >= 2 &&
    bytes[0] === CollabMessage.SYNC &&
    (bytes[1] === SyncStep.STEP_2 || bytes[1] === SyncStep.UPDATE)
  );
}

const BURST_SECONDS = 4;
const BYTES_PER_SECOND = 2 * 1024 * 1024;

/** Limits of one collaboration connection and document. Units are in the names. */
export const COLLAB_LIMITS = {
  /** Largest WebSocket frame accepted (larger frames close the socket with `CloseCode.MESSAGE_TOO_BIG`). */
  maxFrameBytes: 1024 * 1024,
  /** Largest encoded document; updates that would grow it further are refused (`CloseCode.DOCUMENT_TOO_LARGE`). */
  maxDocumentBytes: 8 * 1024 * 1024,
  /** Largest awareness message. */
  maxAwarenessBytes: 16 * 1024,
  /**
   * Presence changes of one document are broadcast at most once per this many
   * milliseconds: changes arriving meanwhile are merged into one message, so the cost of
   * presence grows with documents, not with sockets.
   */
  presenceIntervalMs: 50,
  /**
   * Default bytes that may wait in one socket's send buffer before it is closed as a slow
   * reader (COLLAB_MAX_BUFFERED_BYTES). Checked before each frame is queued, so one frame
   * larger than this (a join's whole document) still goes out to a socket that keeps up.
   */
  maxBufferedBytes: 4 * 1024 * 1024,
  /**
   * Default Yjs client ids (one per editing session) one update may bring that the
   * document does not know yet (COLLAB_MAX_NEW_CLIENT_IDS_PER_UPDATE), and that one
   * document may hold in all (COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT); past either the update
   * is refused (`CloseCode.TOO_MANY_CLIENT_IDS`).
   */
  maxNewClientIdsPerUpdate: 64,
  maxClientIdsPerDocument: 10_000,
  /**
   * The stored log of a document is compacted into one state, while it is open, once it
   * holds more than this many bytes (COLLAB_COMPACT_ABOVE_BYTES).
   */
  compactAboveBytes: 4 * 1024 * 1024,
  /**
   * Bytes a document's stored log may hold before updates are refused
   * (`CloseCode.STORAGE_LIMIT`) until compaction catches up (COLLAB_MAX_LOG_BYTES).
   */
  maxLogBytes: 64 * 1024 * 1024,
  /**
   * Sustained bytes per second one document's log may grow by, all sockets together
   * (COLLAB_DOCUMENT_BYTES_PER_SECOND), with bursts of `burstSeconds`; past it updates are
   * refused (`CloseCode.STORAGE_LIMIT`).
   */
  documentBytesPerSecond: 1024 * 1024,
  /** Default sockets one person may have open on one document (COLLAB_MAX_SOCKETS_PER_DOCUMENT). */
  maxSocketsPerDocument: 8,
  /** Default sockets one person may have open on one instance (COLLAB_MAX_SOCKETS_PER_USER). */
  maxSocketsPerUser: 32,
  /** Default sustained messages per second per connection (COLLAB_MESSAGES_PER_SECOND); faster senders are slowed down. */
  messagesPerSecond: 300,
  /** A connection may send this many seconds' worth of messages and bytes at once. */
  burstSeconds: BURST_SECONDS,
  /** Sustained bytes per second per connection; faster senders are slowed down. */
  bytesPerSecond: BYTES_PER_SECOND,
  byteBurst: BYTES_PER_SECOND * BURST_SECONDS,
} as const;

/** The `user` field every awareness state carries, set by the server. */
export interface PresenceUser {
  id: string;
  name: string;
  color: string;
  role: 'CLIENT' | 'FREELANCER' | 'VIEWER';
}

/** A stable colour per user id, so a person keeps their colour on every device. */
export function colorForUser(userId: string): string {
  const palette = [
    '#2563eb',
    '#db2777',
    '#059669',
    '#d97706',
    '#7c3aed',
    '#0891b2',
    '#dc2626',
    '#4d7c0f',
    '#c026d3',
    '#0f766e',
  ];
  let hash = 0;
  for (let i = 0; i < userId.length; i++) hash = (hash * 31 + userId.charCodeAt(i)) >>> 0;
  return palette[hash % palette.length]!;
}
