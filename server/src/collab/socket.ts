import type { WebSocket } from 'ws';

/**
 * Starts the close handshake of a socket, reading again first if it was paused (by the
 * throttle or while its document loaded): a paused socket never reads the peer's close
 * frame, and the handshake would hang until ws's 30-second timeout.
 */
export function closeSocket(socket: WebSocket, code: number, reason: string): void {
  if (socket.isPaused) socket.resume();
  socket.close(code, reason);
}
