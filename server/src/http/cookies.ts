import type { IncomingMessage } from 'node:http';

/** Reads one cookie from a request. */
export function readCookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie;
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const index = part.indexOf('=');
    if (index < 0) continue;
    if (part.slice(0, index).trim() === name) {
      try {
        return decodeURIComponent(part.slice(index + 1).trim());
      } catch {
        return undefined;
      }
    }
  }
  return undefined;
}

export interface CookieOptions {
  expires: Date;
  secure: boolean;
}

/** An httpOnly, SameSite=Lax cookie for the whole site. */
export function serializeCookie(name: string, value: string, options: CookieOptions): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Expires=${options.expires.toUTCString()}`,
  ];
  if (options.secure) parts.push('Secure');
  return parts.join('; ');
}
