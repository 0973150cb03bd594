import type { IncomingMessage } from 'node:http';
import type { Config } from '../config.js';

/**
 * May a WebSocket be opened from this request's Origin? Browsers always send Origin on
 * WebSocket upgrades, so a missing one is a non-browser client (which cannot be made to
 * send a victim's cookie). With ALLOWED_ORIGINS unset the app's own origin is allowed:
 * PUBLIC_URL's, or the origin of the host the request was sent to.
 */
export function originAllowed(
  request: IncomingMessage,
  config: Pick<Config, 'allowedOrigins' | 'sameOriginAllowed'>,
): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  if (config.allowedOrigins.includes(origin)) return true;
  if (!config.sameOriginAllowed) return false;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
