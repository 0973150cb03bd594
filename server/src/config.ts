import { availableParallelism } from 'node:os';
import { createPrivateKey } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import proxyaddr from 'proxy-addr';
import { z } from 'zod';
import { base64urlDecode, COLLAB_LIMITS } from '@brieflock/schema';

/** Repository root: two levels above this file in both `src/` and `dist/`. */
export const REPO_ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Worker threads when WORKER_THREADS is unset: one core is left to the event loop. */
export const defaultWorkerThreads = (): number => Math.max(1, Math.min(4, availableParallelism() - 1));

const port = z.coerce.number().int().min(0).max(65535);

const postgresUrl = z
  .string()
  .url()
  .refine((value) => /^postgres(ql)?:\/\//.test(value), 'must be a postgres:// or postgresql:// URL');

const redisUrl = z
  .string()
  .url()
  .refine((value) => /^rediss?:\/\//.test(value), 'must be a redis:// or rediss:// URL');

// Browsers send only http(s) origins; anything else (e.g. "localhost:4000", which
// parses as a URL with the scheme "localhost:") would have the origin "null".
const httpUrl = z
  .string()
  .url()
  .refine((value) => /^https?:\/\//i.test(value), 'must be an http:// or https:// URL');

const origins = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((item) => item.trim())
      .filter(Boolean),
  )
  .pipe(z.array(httpUrl.transform((value) => new URL(value).origin)).min(1, 'must list at least one origin'));

const emptyAsUndefined = (value: unknown) => (value === '' ? undefined : value);

/** The longest chain of proxies one may configure: more is a typo, not a deployment. */
const MAX_PROXY_HOPS = 10;

/**
 * TRUST_PROXY as the request layer uses it. `true` is refused: it believed every hop, so
 * any client could write the address recorded with its signature into X-Forwarded-For.
 */
function parseTrustProxy(raw: string, ctx: z.RefinementCtx): TrustProxy {
  const value = raw.trim().toLowerCase();
  if (value === 'false' || value === '0') return false;
  if (value === 'true') {
    ctx.addIssue({
      code: 'custom',
      message:
        'no longer accepts true, which believed any X-Forwarded-For a client sent: set the number of proxies in front of the app (e.g. 1 behind one load balancer) or their addresses or CIDRs (e.g. 10.0.0.0/8,loopback)',
    });
    return z.NEVER;
  }
  if (/^\d+$/.test(value)) {
    const hops = Number(value);
    if (hops <= MAX_PROXY_HOPS) return hops;
    ctx.addIssue({ code: 'custom', message: `must be at most ${MAX_PROXY_HOPS} proxy hops` });
    return z.NEVER;
  }
  const addresses = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean);
  try {
    if (addresses.length === 0) throw new TypeError('empty');
    proxyaddr.compile(addresses);
  } catch {
    ctx.addIssue({
      code: 'custom',
      message:
        'must be false, a number of proxy hops (e.g. 1), or comma-separated proxy addresses or CIDRs (e.g. 10.0.0.0/8, loopback, uniquelocal)',
    });
    return z.NEVER;
  }
  return addresses;
}

/**
 * Proxies whose X-Forwarded-For entries are believed: false (none: the peer address is
 * the client), a number of hops counted from the app, or their addresses and CIDRs.
 */
export type TrustProxy = false | number | string[];
/** An Ed25519 private key as a PKCS#8 PEM, or its 32-byte seed in base64 / base64url; yields the seed. */
const signingKey = z.string().transform((value, ctx): Uint8Array => {
  const text = value.trim();
  try {
    if (text.startsWith('-----BEGIN')) {
      const key = createPrivateKey(text.replace(/\\n/g, '\n'));
      if (key.asymmetricKeyType !== 'ed25519') throw new Error('not Ed25519');
      return base64urlDecode(key.export({ format: 'jwk' }).d!);
    }
    const seed = base64urlDecode(text);
    if (seed.length === 32) return seed;
  } catch {
    // reported below
  }
  ctx.addIssue({
    code: 'custom',
    message: 'must be an Ed25519 private key: a PKCS#8 PEM, or a 32-byte seed in base64 or base64url',
  });
  return z.NEVER;
});

const isoInstant = z.string().datetime({ offset: true });

const smtpUrl = z
  .string()
  .url()
  .refine((value) => /^smtps?:\/\/[^/?#]+/i.test(value), 'must be an smtp:// or smtps:// URL with a host');

/** `address` or `Name <address>`: what the From header of every e-mail says. */
const mailFrom = z
  .string()
  .trim()
  .max(320)
  .refine(
    (value) => /^[^<>@\s]+@[^<>@\s]+$/.test(value) || /^[^<>\r\n]*<[^<>@\s]+@[^<>@\s]+>$/.test(value),
    'must be an e-mail address or "Name <address>"',
  );

/** Comma-separated whole days, ascending and distinct, e.g. `1,3,7`. */
const reminderDays = z.string().transform((value, ctx): number[] => {
  const days = value
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean)
    .map(Number);
  const valid =
    days.length > 0 &&
    days.length <= 20 &&
    days.every((day, i) => Number.isInteger(day) && day >= 1 && day <= 365 && (i === 0 || day > days[i - 1]!));
  if (valid) return days;
  ctx.addIssue({ code: 'custom', message: 'must be ascending whole days between 1 and 365, e.g. 1,3,7' });
  return z.NEVER;
});

/** Public keys of earlier signing keys, still trusted for the records and receipts they signed. */
const retiredKeys = z
  .string()
  .transform((value, ctx) => {
    try {
      return JSON.parse(value) as unknown;
    } catch {
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array' });
      return z.NEVER;
    }
  })
  .pipe(
    z.array(
      z.object({
        publicKey: z.string().refine((key) => {
          try {
            return base64urlDecode(key).length === 32;
          } catch {
            return false;
          }
        }, 'publicKey must be a raw 32-byte Ed25519 public key in base64url'),
        createdAt: isoInstant.nullable().default(null),
        retiredAt: isoInstant,
      }),
    ),
  );

const EnvSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  /** TCP port of the HTTP, GraphQL and WebSocket server. */
  PORT: z.preprocess(emptyAsUndefined, port.default(4000)),
  /** Interface to bind. */
  HOST: z.string().min(1).default('0.0.0.0'),
  /** PostgreSQL 14+; when unset an embedded PostgreSQL is started with its data in DATA_DIR. */
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  /** Optional Redis for sharing real-time traffic between instances. */
  REDIS_URL: z.preprocess(emptyAsUndefined, redisUrl.optional()),
  /** Comma-separated origins allowed to open WebSockets; default: the app's own origin. */
  ALLOWED_ORIGINS: z.preprocess(emptyAsUndefined, origins.optional()),
  /** Public URL of the app, used for its own origin and for secure cookies (https). */
  PUBLIC_URL: z.preprocess(emptyAsUndefined, httpUrl.optional()),
  /** WebAuthn relying party ID (a domain); default: the host name of PUBLIC_URL. */
  WEBAUTHN_RP_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .toLowerCase()
      .regex(
        /^(?=.{1,253}$)[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/,
        'must be a domain name',
      )
      .optional(),
  ),
  /** The name passkey prompts show for this app. */
  WEBAUTHN_RP_NAME: z.string().trim().min(1).max(64).default('Brieflock'),
  /** Where the embedded PostgreSQL keeps its data. */
  DATA_DIR: z.string().min(1).default('.data'),
  /** Lifetime of a session token, in hours. */
  SESSION_TTL_HOURS: z.coerce
    .number()
    .int()
    .min(1)
    .max(24 * 365)
    .default(24 * 14),
  /**
   * Which proxies in front of the app to believe about the client's address: a number of
   * hops, or a comma-separated list of their addresses and CIDRs; unset or `false`: none.
   */
  TRUST_PROXY: z.preprocess(emptyAsUndefined, z.string().default('false')).transform(parseTrustProxy),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json`: one JSON object a line; `pretty`: readable lines; `auto`: pretty on a terminal, JSON otherwise. */
  LOG_FORMAT: z.enum(['auto', 'json', 'pretty']).default('auto'),
  /** Directory with the built web client; the server serves it at `/`. */
  CLIENT_DIST: z.string().min(1).default('client/dist'),
  /** Sustained collaboration messages per second one connection may send; faster senders are slowed down. */
  COLLAB_MESSAGES_PER_SECOND: z.coerce.number().int().min(1).max(1_000_000).default(COLLAB_LIMITS.messagesPerSecond),
  /** Bytes that may wait unread in one collaboration socket's send buffer before it is closed (4408). */
  COLLAB_MAX_BUFFERED_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(COLLAB_LIMITS.maxBufferedBytes),
  /** Yjs client ids one update may bring that its document does not know yet (4422 past it). */
  COLLAB_MAX_NEW_CLIENT_IDS_PER_UPDATE: z.coerce
    .number()
    .int()
    .min(1)
    .max(100_000)
    .default(COLLAB_LIMITS.maxNewClientIdsPerUpdate),
  /** Yjs client ids one document may hold in all (4422 past it). */
  COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT: z.coerce
    .number()
    .int()
    .min(16)
    .max(1_000_000)
    .default(COLLAB_LIMITS.maxClientIdsPerDocument),
  /** A brief's stored log is compacted while it is open once it holds more than this many bytes. */
  COLLAB_COMPACT_ABOVE_BYTES: z.coerce
    .number()
    .int()
    .min(64 * 1024)
    .max(1024 * 1024 * 1024)
    .default(COLLAB_LIMITS.compactAboveBytes),
  /** Bytes a brief's stored log may hold before updates are refused (4507) until compaction catches up. */
  COLLAB_MAX_LOG_BYTES: z.coerce
    .number()
    .int()
    .min(1024 * 1024)
    .max(16 * 1024 * 1024 * 1024)
    .default(COLLAB_LIMITS.maxLogBytes),
  /** Sustained bytes per second one brief's log may grow by, all sockets together (4507 past it). */
  COLLAB_DOCUMENT_BYTES_PER_SECOND: z.coerce
    .number()
    .int()
    .min(1024)
    .max(1024 * 1024 * 1024)
    .default(COLLAB_LIMITS.documentBytesPerSecond),
  /** Sockets one person may have open on one document; the next is refused (close code 4409). */
  COLLAB_MAX_SOCKETS_PER_DOCUMENT: z.coerce
    .number()
    .int()
    .min(1)
    .max(1_000)
    .default(COLLAB_LIMITS.maxSocketsPerDocument),
  /** Sockets one person may have open on this instance, all documents together (close code 4409). */
  COLLAB_MAX_SOCKETS_PER_USER: z.coerce.number().int().min(1).max(10_000).default(COLLAB_LIMITS.maxSocketsPerUser),
  /** Worker threads for CPU-heavy requests (PDF export, large diffs and verifications). */
  WORKER_THREADS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(64).optional()),
  /** CPU-heavy tasks that may wait for a worker thread; beyond them requests get RATE_LIMITED. */
  WORKER_QUEUE: z.coerce.number().int().min(0).max(10_000).default(16),
  /** Password hashes computed at once; the rest of libuv's thread pool stays free for files. */
  PASSWORD_HASH_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(2),
  /** Sign-ins and sign-ups that may wait for a password hash; beyond them RATE_LIMITED. */
  PASSWORD_HASH_QUEUE: z.coerce.number().int().min(0).max(10_000).default(64),
  /** Size of libuv's thread pool (Node's own variable, read here only to check the one above). */
  UV_THREADPOOL_SIZE: z.coerce.number().int().min(1).max(1024).default(4),
  /** When set, `/metrics` answers only requests with `Authorization: Bearer <token>`. */
  /** The server's Ed25519 signing key (PKCS#8 PEM or base64 seed). Required in production with DATABASE_URL. */
  SIGNING_KEY: z.preprocess(emptyAsUndefined, signingKey.optional()),
  /** JSON array of earlier keys: `[{ "publicKey": "<base64url>", "createdAt": "<ISO>", "retiredAt": "<ISO>" }]`. */
  SIGNING_KEYS_RETIRED: z.preprocess(emptyAsUndefined, retiredKeys.optional()),
  METRICS_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().min(16, 'must be at least 16 characters').regex(/^\S+$/, 'must not contain whitespace').optional(),
  ),
  /** When set, `/metrics` is served on this port of 127.0.0.1 (0: a free port), apart from PORT. */
  METRICS_PORT: z.preprocess(emptyAsUndefined, port.optional()),
  /** Where e-mail goes: `smtp://user:pass@host:port` or `smtps://…`; unset: the outbox table and the log. */
  SMTP_URL: z.preprocess(emptyAsUndefined, smtpUrl.optional()),
  /** The sender of every e-mail: an address, or `Name <address>`. */
  MAIL_FROM: z.preprocess(emptyAsUndefined, mailFrom.optional()),
  /** How long notifications that wait on no one gather before one digest e-mail goes out. */
  DIGEST_MINUTES: z.coerce.number().int().min(1).max(10_080).default(30),
  /** Days after a version starts awaiting signatures on which each pending signer is reminded. */
  SIGN_REMINDER_DAYS: z.preprocess(emptyAsUndefined, reminderDays.default([1, 3, 7])),
  /** Days before a milestone's due date on which its parties are told it is near (0: only on the day). */
  MILESTONE_DUE_SOON_DAYS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(90).default(2)),
  /** How often jobs whose instance died (or that ran too long) are taken up again, in seconds. */
  JOB_SUPERVISE_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  /**
   * `true`: webhooks may go to loopback and private networks, and over plain http:// there
   * (development and tests). Link-local, metadata and other internal addresses stay refused.
   */
  WEBHOOK_ALLOW_PRIVATE: z.preprocess(
    emptyAsUndefined,
    z
      .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
      .default('false')
      .transform((value) => value === 'true' || value === '1'),
  ),
});

/** Variables whose value an error line must never show. */
const SECRET_VARIABLES = new Set(['METRICS_TOKEN', 'SIGNING_KEY', 'SMTP_URL']);

export type Env = z.infer<typeof EnvSchema>;

export interface Config {
  env: Env['NODE_ENV'];
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  publicUrl: string;
  allowedOrigins: string[];
  /** ALLOWED_ORIGINS unset: a WebSocket whose Origin matches the Host it was sent to is the app's own. */
  sameOriginAllowed: boolean;
  collabMessagesPerSecond: number;
  /** Bytes that may wait in one collaboration socket's send buffer before it is closed. */
  collabMaxBufferedBytes: number;
  /** Yjs client ids one update may bring new, and one document may hold. */
  collabMaxNewClientIdsPerUpdate: number;
  collabMaxClientIdsPerDocument: number;
  /** Bounds on a brief's stored log: compaction threshold, size limit, growth rate. */
  collabCompactAboveBytes: number;
  collabMaxLogBytes: number;
  collabDocumentBytesPerSecond: number;
  /** Sockets one person may have open on one document, and on this instance. */
  collabMaxSocketsPerDocument: number;
  collabMaxSocketsPerUser: number;
  dataDir: string;
  sessionTtlMs: number;
  logLevel: Env['LOG_LEVEL'];
  logFormat: Env['LOG_FORMAT'];
  trustProxy: TrustProxy;
  clientDist: string;
  secureCookies: boolean;
  /** Bearer token `/metrics` requires wherever it is served; unset: no token is asked for. */
  metricsToken: string | undefined;
  /** Port of 127.0.0.1 serving `/metrics` apart from the public port; undefined: none. */
  metricsPort: number | undefined;
  /**
   * What `/metrics` on the public port does: `open` (development and tests without a
   * token), `token` (METRICS_TOKEN set), `off` (404: production without a token, or a
   * METRICS_PORT without a token — metrics are then served on loopback only or not at all).
   */
  publicMetrics: 'open' | 'token' | 'off';
  /** Who passkeys are registered with and which pages may use them. */
  relyingParty: RelyingPartyConfig;
  /** The CPU work pool's threads and queue bound. */
  work: { threads: number; queue: number };
  /** Password hashes at once, and how many may wait. */
  passwordHashing: { concurrency: number; queue: number };
  /** The seed of the server's Ed25519 key (SIGNING_KEY); unset: a key file in DATA_DIR (never in production with DATABASE_URL). */
  signingKeySeed: Uint8Array | undefined;
  /** Earlier keys' public halves, still trusted for what they signed. */
  retiredSigningKeys: { publicKey: string; createdAt: string | null; retiredAt: string }[];
  /** Outgoing e-mail: SMTP when `smtpUrl` is set, otherwise the outbox table and one log line each. */
  mail: { smtpUrl: string | undefined; from: string };
  /** How long non-urgent notifications gather before a digest e-mail. */
  digestMs: number;
  /** Days after signing opens on which pending signers are reminded. */
  signReminderDays: number[];
  /** Days ahead of a milestone's due date that its parties hear of it (0: only on the day). */
  milestoneDueSoonDays: number;
  /** How often the job queue reclaims jobs of dead instances. */
  jobSuperviseSeconds: number;
  /** WEBHOOK_ALLOW_PRIVATE: webhooks may reach loopback and private networks (never link-local or metadata). */
  webhookAllowPrivate: boolean;
}

export interface RelyingPartyConfig {
  /** The WebAuthn RP ID: PUBLIC_URL's host name or a parent domain of it. */
  id: string;
  name: string;
  /** Origins passkey ceremonies may come from: PUBLIC_URL's and the ALLOWED_ORIGINS on the RP ID's hosts. */
  origins: string[];
  /** PUBLIC_URL unset (development): any origin on the RP ID's host, whatever its port, is accepted. */
  anyPortOnHost: boolean;
}

const IP_ADDRESS = /^(\d{1,3}(\.\d{1,3}){3}|\[[0-9a-f:.]+\])$/i;

/** True when `host` is the RP ID or a subdomain of it, as WebAuthn requires. */
export const hostWithin = (host: string, rpId: string): boolean => host === rpId || host.endsWith(`.${rpId}`);

function relyingPartyOf(env: Env, publicUrl: string, allowedOrigins: string[]): RelyingPartyConfig {
  const host = new URL(publicUrl).hostname.toLowerCase();
  const id = env.WEBAUTHN_RP_ID ?? host;
  if (IP_ADDRESS.test(id))
    throw new ConfigError(
      env.WEBAUTHN_RP_ID ? 'WEBAUTHN_RP_ID' : 'PUBLIC_URL',
      `must name a domain, not an IP address: passkeys (WebAuthn) work only on domain names (got ${shownValue(id)})`,
    );
  if (!hostWithin(host, id))
    throw new ConfigError(
      'WEBAUTHN_RP_ID',
      `must be PUBLIC_URL's host name or a parent domain of it (got ${shownValue(id)})`,
    );
  const origins = [...new Set([new URL(publicUrl).origin, ...allowedOrigins])].filter((origin) =>
    hostWithin(new URL(origin).hostname, id),
  );
  return { id, name: env.WEBAUTHN_RP_NAME, origins, anyPortOnHost: env.PUBLIC_URL === undefined };
}

/** A configuration error: names the variable and what is wrong with it. */
export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    detail: string,
  ) {
    super(`Invalid configuration: ${variable} ${detail}`);
    this.name = 'ConfigError';
  }
}

/** A rejected value as the error line shows it: quoted, one line, without URL credentials. */
function shownValue(raw: string): string {
  return JSON.stringify(raw.replace(/([a-z][a-z0-9+.-]*:\/\/)[^/?#\s,]*@/gi, '$1***@'));
}

/**
 * Metrics tell an outsider how busy the service is and who is online: in production they
 * are never open on the public port.
 */
function publicMetricsOf(env: Env): Config['publicMetrics'] {
  if (env.METRICS_TOKEN !== undefined) return 'token';
  if (env.METRICS_PORT !== undefined || env.NODE_ENV === 'production') return 'off';
  return 'open';
}

/**
 * Parses and validates the environment once. Throws a ConfigError naming the
 * first invalid variable; nothing else in the server reads `process.env`.
 */
export function loadConfig(source: NodeJS.ProcessEnv = process.env): Config {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    const variable = String(issue.path[0] ?? 'environment');
    const raw = source[variable];
    const shown = raw === undefined || SECRET_VARIABLES.has(variable) ? '' : ` (got ${shownValue(raw)})`;
    throw new ConfigError(variable, `${issue.message}${shown}`);
  }
  const env = parsed.data;
  if (env.COLLAB_MAX_NEW_CLIENT_IDS_PER_UPDATE > env.COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT)
    throw new ConfigError(
      'COLLAB_MAX_NEW_CLIENT_IDS_PER_UPDATE',
      `must not exceed COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT (${env.COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT})`,
    );
  if (env.PASSWORD_HASH_CONCURRENCY >= env.UV_THREADPOOL_SIZE) {
    throw new ConfigError(
      'PASSWORD_HASH_CONCURRENCY',
      `must be below libuv's thread pool size UV_THREADPOOL_SIZE (${env.UV_THREADPOOL_SIZE}), which file reads share (got ${shownValue(String(env.PASSWORD_HASH_CONCURRENCY))})`,
    );
  }
  // The log must be able to hold a whole compacted document and what arrives before the
  // next compaction, or a brief at its size limit could never be written again.
  const logFloor = Math.max(env.COLLAB_COMPACT_ABOVE_BYTES, COLLAB_LIMITS.maxDocumentBytes) * 2;
  if (env.COLLAB_MAX_LOG_BYTES < logFloor)
    throw new ConfigError(
      'COLLAB_MAX_LOG_BYTES',
      `must be at least twice the larger of COLLAB_COMPACT_ABOVE_BYTES and the document size limit (${logFloor})`,
    );
  if (env.COLLAB_MAX_SOCKETS_PER_DOCUMENT > env.COLLAB_MAX_SOCKETS_PER_USER)
    throw new ConfigError(
      'COLLAB_MAX_SOCKETS_PER_DOCUMENT',
      `must not exceed COLLAB_MAX_SOCKETS_PER_USER (${env.COLLAB_MAX_SOCKETS_PER_USER})`,
    );
  if (env.METRICS_PORT !== undefined && env.METRICS_PORT !== 0 && env.METRICS_PORT === env.PORT)
    throw new ConfigError('METRICS_PORT', `must differ from PORT (both ${env.PORT})`);
  // The embedded database's key may live beside its data; a real deployment's must not.
  if (env.NODE_ENV === 'production' && env.DATABASE_URL && !env.SIGNING_KEY)
    throw new ConfigError(
      'SIGNING_KEY',
      'is required in production: an Ed25519 private key (PKCS#8 PEM or base64 32-byte seed) kept outside the database',
    );
  const publicUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const ownOrigin = new URL(publicUrl).origin;
  const allowedOrigins = env.ALLOWED_ORIGINS ?? [ownOrigin];
  return {
    env: env.NODE_ENV,
    port: env.PORT,
    host: env.HOST,
    databaseUrl: env.DATABASE_URL,
    redisUrl: env.REDIS_URL,
    publicUrl,
    allowedOrigins,
    sameOriginAllowed: env.ALLOWED_ORIGINS === undefined,
    collabMessagesPerSecond: env.COLLAB_MESSAGES_PER_SECOND,
    collabMaxBufferedBytes: env.COLLAB_MAX_BUFFERED_BYTES,
    collabCompactAboveBytes: env.COLLAB_COMPACT_ABOVE_BYTES,
    collabMaxLogBytes: env.COLLAB_MAX_LOG_BYTES,
    collabDocumentBytesPerSecond: env.COLLAB_DOCUMENT_BYTES_PER_SECOND,
    collabMaxNewClientIdsPerUpdate: env.COLLAB_MAX_NEW_CLIENT_IDS_PER_UPDATE,
    collabMaxClientIdsPerDocument: env.COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT,
    collabMaxSocketsPerDocument: env.COLLAB_MAX_SOCKETS_PER_DOCUMENT,
    collabMaxSocketsPerUser: env.COLLAB_MAX_SOCKETS_PER_USER,
    dataDir: path.resolve(REPO_ROOT, env.DATA_DIR),
    sessionTtlMs: env.SESSION_TTL_HOURS * 3_600_000,
    logLevel: env.LOG_LEVEL,
    logFormat: env.LOG_FORMAT,
    trustProxy: env.TRUST_PROXY,
    clientDist: path.resolve(REPO_ROOT, env.CLIENT_DIST),
    secureCookies: publicUrl.startsWith('https:'),
    metricsToken: env.METRICS_TOKEN,
    metricsPort: env.METRICS_PORT,
    publicMetrics: publicMetricsOf(env),
    relyingParty: relyingPartyOf(env, publicUrl, allowedOrigins),
    work: { threads: env.WORKER_THREADS ?? defaultWorkerThreads(), queue: env.WORKER_QUEUE },
    passwordHashing: { concurrency: env.PASSWORD_HASH_CONCURRENCY, queue: env.PASSWORD_HASH_QUEUE },
    signingKeySeed: env.SIGNING_KEY,
    retiredSigningKeys: env.SIGNING_KEYS_RETIRED ?? [],
    mail: { smtpUrl: env.SMTP_URL, from: env.MAIL_FROM ?? `Brieflock <no-reply@${new URL(publicUrl).hostname}>` },
    digestMs: env.DIGEST_MINUTES * 60_000,
    signReminderDays: env.SIGN_REMINDER_DAYS,
    milestoneDueSoonDays: env.MILESTONE_DUE_SOON_DAYS,
    jobSuperviseSeconds: env.JOB_SUPERVISE_SECONDS,
    webhookAllowPrivate: env.WEBHOOK_ALLOW_PRIVATE,
  };
}
