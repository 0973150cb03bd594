import { lookup as dnsLookup } from 'node:dns/promises';
import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { addressKind, mayDeliverTo } from './address-policy.js';

/** How one attempt ended; REFUSED: the address was not one a webhook may be sent to. */
export interface SendOutcome {
  status: 'SUCCEEDED' | 'FAILED' | 'REFUSED';
  responseCode: number | null;
  error: string | null;
}

/** Resolves a host name to every address it has (the `dns.lookup` the operating system uses). */
export type ResolveAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface SendOptions {
  /** WEBHOOK_ALLOW_PRIVATE: loopback and private networks may be reached (and http:// to them). */
  allowPrivate: boolean;
  /** The whole attempt, connect to last byte read. */
  timeoutMs?: number;
  /** Test hook: name resolution. */
  resolve?: ResolveAll;
}

export const DEFAULT_SEND_TIMEOUT_MS = 10_000;
/** Only the status matters; a little of the body is read so the connection ends cleanly. */
const MAX_RESPONSE_BYTES = 4096;

const systemResolve: ResolveAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

const failed = (error: string, responseCode: number | null = null): SendOutcome => ({
  status: 'FAILED',
  responseCode,
  error: error.slice(0, 300),
});
const refused = (error: string): SendOutcome => ({ status: 'REFUSED', responseCode: null, error: error.slice(0, 300) });

/**
 * The address to connect to, or why there is none. Every address the name has must be
 * allowed (a name with one public and one internal record is refused), and the one
 * returned is the one connected to: the name is not resolved a second time, so it cannot
 * be rebound to another address between the check and the connection.
 */
export async function vetHost(
  url: URL,
  allowPrivate: boolean,
  resolve: ResolveAll = systemResolve,
): Promise<{ address: string; family: 4 | 6 } | SendOutcome> {
  const hostname = url.hostname.replace(/^\[|\]$/g, '');
  let addresses: { address: string; family: number }[];
  if (ipaddr.isValid(hostname)) {
    addresses = [{ address: hostname, family: hostname.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await resolve(hostname);
    } catch (error) {
      return failed(`could not resolve ${hostname}: ${(error as NodeJS.ErrnoException).code ?? 'error'}`);
    }
    if (addresses.length === 0) return failed(`could not resolve ${hostname}`);
  }
  for (const { address } of addresses) {
    if (!mayDeliverTo(address, allowPrivate))
      return refused(`${hostname} resolves to ${address} (${addressKind(address)}), where webhooks are not sent`);
    // Plain http only ever to this machine or its own network, and only when allowed.
    if (url.protocol === 'http:' && addressKind(address) === 'public')
      return refused('http:// is allowed only to loopback or private addresses');
  }
  const chosen = addresses[0]!;
  return { address: chosen.address, family: chosen.family === 6 ? 6 : 4 };
}

/**
 * One POST of a signed body: to the vetted address only, never following a redirect (a
 * 3xx is a failed attempt), within a deadline, reading at most a few KB of the answer.
 * A 2xx is success; anything else, or no answer, fails.
 */
export async function sendWebhook(
  target: string,
  body: string,
  headers: Record<string, string>,
  options: SendOptions,
): Promise<SendOutcome> {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return refused('not a URL');
  }
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && options.allowPrivate))
    return refused(`${url.protocol} URLs are not allowed`);
  const vetted = await vetHost(url, options.allowPrivate, options.resolve);
  if ('status' in vetted) return vetted;
  // The connection is made to the vetted address whatever the name resolves to now;
  // TLS still checks the certificate against the name (servername is the URL's host).
  const pinned: LookupFunction = (_hostname, lookupOptions, callback) => {
    if (lookupOptions.all) callback(null, [{ address: vetted.address, family: vetted.family }]);
    else callback(null, vetted.address, vetted.family);
  };
  const request = url.protocol === 'https:' ? https.request : http.request;
  const timeoutMs = options.timeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;
  return new Promise<SendOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: SendOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const req = request(
      url,
      {
        method: 'POST',
        lookup: pinned,
        // A fresh connection per attempt: a pooled one could lead to an address vetted for another name.
        agent: false,
        headers: {
          'content-type': 'application/json',
          'content-length': String(Buffer.byteLength(body)),
          'user-agent': 'Brieflock-Webhooks/1',
          ...headers,
        },
      },
      (res) => {
        const code = res.statusCode ?? 0;
        let read = 0;
        const finish = () => {
          if (code >= 200 && code < 300) settle({ status: 'SUCCEEDED', responseCode: code, error: null });
          else if (code >= 300 && code < 400) settle(failed(`redirect (${code}) not followed`, code));
          else settle(failed(`answered ${code}`, code));
          req.destroy();
        };
        res.on('data', (chunk: Buffer) => {
          read += chunk.length;
          if (read >= MAX_RESPONSE_BYTES) finish();
        });
        res.on('end', finish);
        res.on('error', finish);
      },
    );
    const timer = setTimeout(() => {
      settle(failed(`no answer within ${timeoutMs} ms`));
      req.destroy();
    }, timeoutMs);
    req.on('error', (error: NodeJS.ErrnoException) => settle(failed(`request failed: ${error.code ?? error.message}`)));
    req.end(body);
  });
}
