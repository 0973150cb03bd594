import * as Y from 'yjs';
import { WebsocketProvider } from 'y-websocket';
import WebSocket from 'ws';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import * as syncProtocol from 'y-protocols/sync';
import { CloseCode, CollabMessage, isDocumentFrame } from '@brieflock/schema';
import { waitFor } from './wait.js';

export interface TestPeer {
  doc: Y.Doc;
  provider: WebsocketProvider;
  /** Close codes this provider's sockets were closed with, in order. */
  closeCodes: number[];
  /** The latest durable state vector the server announced (SAVED messages). */
  durable(): Map<number, number>;
  /** True when the server announced every local change of this peer (deletions included) as durable. */
  isSaved(): boolean;
  destroy(): void;
}

/**
 * A real y-websocket `WebsocketProvider` on `/collab/<proposalId>` (BroadcastChannel off,
 * so peers in one process sync only through the server).
 */
export function connectPeer(
  baseUrl: string,
  proposalId: string,
  token: string | null,
  options: { doc?: Y.Doc; saved?: boolean; connect?: boolean; protocols?: string[] } = {},
): TestPeer {
  const doc = options.doc ?? new Y.Doc();
  const params: Record<string, string> = {};
  if (token !== null) params.token = token;
  if (options.saved !== false) params.saved = '1';
  const provider = new WebsocketProvider(`${baseUrl.replace(/^http/, 'ws')}/collab`, proposalId, doc, {
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
    params,
    protocols: options.protocols,
    connect: options.connect ?? true,
    maxBackoffTime: 300,
  });
  const closeCodes: number[] = [];
  provider.on('connection-close', (event: { code: number } | null) => {
    if (event) closeCodes.push(event.code);
  });
  let durable = new Map<number, number>();
  // Exact durability, deletions included: document frames sent on the current socket
  // against the count the server reports durable (see CollabMessage.SAVED).
  let framesSent = 0;
  let framesDurable = 0;
  let unsent = false;
  provider.on('status', ({ status }: { status: string }) => {
    const ws = provider.ws;
    if (status !== 'connected' || !ws) return;
    framesSent = 0;
    framesDurable = 0;
    const send = ws.send.bind(ws);
    ws.send = (data: Parameters<typeof ws.send>[0]) => {
      if (isDocumentFrame(data)) framesSent++;
      send(data);
    };
  });
  doc.on('update', (_update: Uint8Array, origin: unknown) => {
    if (origin !== provider && !provider.wsconnected) unsent = true;
  });
  provider.messageHandlers[CollabMessage.SAVED] = (_encoder, decoder) => {
    durable = Y.decodeStateVector(decoding.readVarUint8Array(decoder));
    if (decoding.hasContent(decoder)) framesDurable = Math.max(framesDurable, decoding.readVarUint(decoder));
    if (provider.synced && framesDurable >= framesSent) unsent = false;
  };
  return {
    doc,
    provider,
    closeCodes,
    durable: () => durable,
    isSaved: () =>
      provider.synced &&
      !unsent &&
      framesDurable >= framesSent &&
      (Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0) <= (durable.get(doc.clientID) ?? 0),
    destroy() {
      provider.destroy();
      doc.destroy();
    },
  };
}

/** Waits until the provider finished its first sync with the server. */
export function synced(peer: TestPeer, timeoutMs = 10_000): Promise<void> {
  return waitFor(() => peer.provider.synced, { timeoutMs, what: 'the provider to sync' }).then(() => undefined);
}

export interface RawSocket {
  socket: WebSocket;
  /** Binary frames received, in order. */
  frames: Uint8Array[];
  /** Resolves with the close code (and the HTTP status when the upgrade was refused). */
  closed: Promise<{ code: number; reason: string; status?: number }>;
  opened: Promise<boolean>;
}

/** A bare WebSocket on `/collab/<proposalId>`, for frames a real provider never sends. */
export function rawSocket(
  baseUrl: string,
  proposalId: string,
  query: Record<string, string> = {},
  headers: Record<string, string> = {},
): RawSocket {
  const search = new URLSearchParams(query).toString();
  const socket = new WebSocket(`${baseUrl.replace(/^http/, 'ws')}/collab/${proposalId}${search ? `?${search}` : ''}`, {
    headers,
  });
  const frames: Uint8Array[] = [];
  socket.on('message', (data: Buffer) => frames.push(new Uint8Array(data)));
  return { socket, frames, ...lifecycleOf(socket) };
}

/** How a bare socket ends: its close code, or the HTTP status of a refused upgrade; and whether it opened. */
export function lifecycleOf(socket: WebSocket): Pick<RawSocket, 'closed' | 'opened'> {
  const closed = new Promise<{ code: number; reason: string; status?: number }>((resolve) => {
    socket.on('unexpected-response', (_req, res) => {
      resolve({ code: CloseCode.ABNORMAL_CLOSURE, reason: 'upgrade refused', status: res.statusCode });
      res.resume();
      socket.terminate();
    });
    socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() }));
    socket.on('error', () => undefined);
  });
  const opened = new Promise<boolean>((resolve) => {
    socket.on('open', () => resolve(true));
    void closed.then(() => resolve(false));
  });
  return { closed, opened };
}

/** A frame: message type followed by the given writes. */
export function frame(write: (encoder: encoding.Encoder) => void): Uint8Array {
  const encoder = encoding.createEncoder();
  write(encoder);
  return encoding.toUint8Array(encoder);
}

/** A sync-update frame carrying `update`. */
export const updateFrame = (update: Uint8Array) =>
  frame((e) => {
    encoding.writeVarUint(e, CollabMessage.SYNC);
    syncProtocol.writeUpdate(e, update);
  });

/** Message types of the frames received. */
export const messageTypes = (frames: Uint8Array[]) =>
  frames.map((f) => decoding.readVarUint(decoding.createDecoder(f)));
