import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, REPO_ROOT } from './config.js';

/** The checkout this test file lives in (server/src/config.unit.test.ts). */
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

/** The ConfigError `loadConfig(env)` throws; fails the test when it does not throw one. */
function configErrorFor(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return error as ConfigError;
  }
  throw new Error(`loadConfig(${JSON.stringify(env)}) did not throw`);
}

describe('loadConfig defaults', () => {
  it('serves on port 4000 of every interface, in development, with an embedded database', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      port: 4000,
      host: '0.0.0.0',
      databaseUrl: undefined,
      redisUrl: undefined,
      publicUrl: 'http://localhost:4000',
      secureCookies: false,
      sessionTtlMs: 14 * 24 * 3_600_000,
    });
  });

  it("allows WebSockets only from the app's own origin", () => {
    expect(loadConfig({}).allowedOrigins).toEqual(['http://localhost:4000']);
    expect(loadConfig({ PORT: '5123' }).allowedOrigins).toEqual(['http://localhost:5123']);
  });

  it("keeps the embedded database's data in .data/ at the repository root, whatever the working directory", () => {
    expect(REPO_ROOT).toBe(repoRoot);
    expect(loadConfig({}).dataDir).toBe(path.join(repoRoot, '.data'));
    expect(loadConfig({ DATA_DIR: 'var/pg' }).dataDir).toBe(path.join(repoRoot, 'var', 'pg'));
    expect(loadConfig({ DATA_DIR: '/srv/brieflock' }).dataDir).toBe('/srv/brieflock');
  });

  it('serves the web client from client/dist at the repository root', () => {
    expect(loadConfig({}).clientDist).toBe(path.join(repoRoot, 'client', 'dist'));
  });

  it('reads only the environment it is given, not process.env', () => {
    const saved = process.env.PORT;
    process.env.PORT = '4321';
    try {
      expect(loadConfig({}).port).toBe(4000);
      expect(loadConfig().port).toBe(4321);
    } finally {
      if (saved === undefined) delete process.env.PORT;
      else process.env.PORT = saved;
    }
  });
});

describe('loadConfig with values', () => {
  it('refuses an origin that is not http(s): its origin would be "null"', () => {
    expect(configErrorFor({ ALLOWED_ORIGINS: 'https://app.example,localhost:5173' }).variable).toBe('ALLOWED_ORIGINS');
  });

  it('accepts PORT=0 (a free port, as the tests use)', () => {
    expect(loadConfig({ PORT: '0' }).port).toBe(0);
  });

  it('takes a postgres:// or postgresql:// DATABASE_URL and a redis:// or rediss:// REDIS_URL', () => {
    expect(loadConfig({ DATABASE_URL: 'postgres://u:p@db:5432/app' }).databaseUrl).toBe('postgres://u:p@db:5432/app');
    expect(loadConfig({ DATABASE_URL: 'postgresql://db/app' }).databaseUrl).toBe('postgresql://db/app');
    expect(loadConfig({ REDIS_URL: 'redis://cache:6379' }).redisUrl).toBe('redis://cache:6379');
    expect(loadConfig({ REDIS_URL: 'rediss://cache:6380' }).redisUrl).toBe('rediss://cache:6380');
  });

  it('reduces a comma-separated ALLOWED_ORIGINS to origins', () => {
    const config = loadConfig({ ALLOWED_ORIGINS: ' https://app.example/path , http://localhost:5173,' });
    expect(config.allowedOrigins).toEqual(['https://app.example', 'http://localhost:5173']);
  });

  it('makes cookies Secure when PUBLIC_URL is https, and derives the own origin from it', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://brieflock.example/app' });
    expect(config.secureCookies).toBe(true);
    expect(config.allowedOrigins).toEqual(['https://brieflock.example']);
  });

  it('derives the passkey relying party from PUBLIC_URL and ALLOWED_ORIGINS', () => {
    const config = loadConfig({
      PUBLIC_URL: 'https://app.brieflock.example/app',
      WEBAUTHN_RP_ID: 'Brieflock.example',
      ALLOWED_ORIGINS: 'https://admin.brieflock.example,https://other.example',
    });
    expect(config.relyingParty).toEqual({
      id: 'brieflock.example',
      name: 'Brieflock',
      origins: ['https://app.brieflock.example', 'https://admin.brieflock.example'],
      anyPortOnHost: false,
    });
    expect(loadConfig({}).relyingParty).toMatchObject({ id: 'localhost', anyPortOnHost: true });
  });

  it('refuses an RP ID the public host is not within, and an IP address as RP ID', () => {
    expect(() => loadConfig({ PUBLIC_URL: 'https://brieflock.example', WEBAUTHN_RP_ID: 'other.example' })).toThrow(
      /^Invalid configuration: WEBAUTHN_RP_ID must be PUBLIC_URL's host name or a parent domain/,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'https://ample.example', WEBAUTHN_RP_ID: 'example.example' })).toThrow(
      /WEBAUTHN_RP_ID/,
    );
    expect(() => loadConfig({ PUBLIC_URL: 'http://10.0.0.5:4000' })).toThrow(
      /^Invalid configuration: PUBLIC_URL must name a domain, not an IP address/,
    );
    expect(() => loadConfig({ WEBAUTHN_RP_ID: 'https://brieflock.example' })).toThrow(
      /WEBAUTHN_RP_ID must be a domain name/,
    );
  });

  it('keeps cookies without Secure when PUBLIC_URL is http', () => {
    expect(loadConfig({ PUBLIC_URL: 'http://brieflock.example' }).secureCookies).toBe(false);
  });

  it('leaves /metrics open without METRICS_TOKEN and takes a token of 16 or more characters', () => {
    expect(loadConfig({}).metricsToken).toBeUndefined();
    expect(loadConfig({ METRICS_TOKEN: 'scrape-token-0123456789' }).metricsToken).toBe('scrape-token-0123456789');
  });

  it('keeps /metrics open on the public port in development and tests, and off in production without a token', () => {
    expect(loadConfig({}).publicMetrics).toBe('open');
    expect(loadConfig({ NODE_ENV: 'test' }).publicMetrics).toBe('open');
    expect(loadConfig({ NODE_ENV: 'production' }).publicMetrics).toBe('off');
    expect(loadConfig({ NODE_ENV: 'production' }).metricsPort).toBeUndefined();
  });

  it('guards the public /metrics with METRICS_TOKEN in every environment', () => {
    for (const NODE_ENV of ['development', 'production', 'test'])
      expect(loadConfig({ NODE_ENV, METRICS_TOKEN: 'scrape-token-0123456789' }).publicMetrics).toBe('token');
  });

  it('keeps webhooks off private networks unless WEBHOOK_ALLOW_PRIVATE says true', () => {
    expect(loadConfig({}).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: '' }).webhookAllowPrivate).toBe(false);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'true' }).webhookAllowPrivate).toBe(true);
    expect(loadConfig({ WEBHOOK_ALLOW_PRIVATE: '0' }).webhookAllowPrivate).toBe(false);
    expect(() => loadConfig({ WEBHOOK_ALLOW_PRIVATE: 'yes' })).toThrow(/WEBHOOK_ALLOW_PRIVATE must be true or false/);
  });

  it('moves /metrics to METRICS_PORT on loopback, off the public port unless a token guards it', () => {
    const config = loadConfig({ NODE_ENV: 'production', METRICS_PORT: '9464' });
    expect(config.metricsPort).toBe(9464);
    expect(config.publicMetrics).toBe('off');
    expect(loadConfig({ METRICS_PORT: '9464' }).publicMetrics).toBe('off');
    expect(loadConfig({ METRICS_PORT: '9464', METRICS_TOKEN: 'scrape-token-0123456789' }).publicMetrics).toBe('token');
    expect(loadConfig({ METRICS_PORT: '0' }).metricsPort).toBe(0);
    expect(loadConfig({ METRICS_PORT: '' }).metricsPort).toBeUndefined();
  });

  it('trusts no proxy by default, a number of hops, or listed proxy addresses and CIDRs', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '0' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '2' }).trustProxy).toBe(2);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 172.16.0.1,loopback' }).trustProxy).toEqual([
      '10.0.0.0/8',
      '172.16.0.1',
      'loopback',
    ]);
    expect(loadConfig({ TRUST_PROXY: 'fd00::/8' }).trustProxy).toEqual(['fd00::/8']);
  });

  it('converts SESSION_TTL_HOURS to milliseconds', () => {
    expect(loadConfig({ SESSION_TTL_HOURS: '2' }).sessionTtlMs).toBe(7_200_000);
  });
});

describe('empty variables count as unset', () => {
  it('an empty DATABASE_URL means the embedded database', () => {
    expect(loadConfig({ DATABASE_URL: '' }).databaseUrl).toBeUndefined();
  });

  it('an empty REDIS_URL, ALLOWED_ORIGINS or PUBLIC_URL falls back to the default', () => {
    const config = loadConfig({ REDIS_URL: '', ALLOWED_ORIGINS: '', PUBLIC_URL: '' });
    expect(config.redisUrl).toBeUndefined();
    expect(config.allowedOrigins).toEqual(['http://localhost:4000']);
    expect(config.publicUrl).toBe('http://localhost:4000');
  });

  it('an empty METRICS_TOKEN leaves /metrics open', () => {
    expect(loadConfig({ METRICS_TOKEN: '' }).metricsToken).toBeUndefined();
  });

  it('an empty PORT means 4000, not a random free port', () => {
    expect(loadConfig({ PORT: '' }).port).toBe(4000);
  });
});

describe('collaboration socket limits', () => {
  it('allow 8 sockets per person on a document and 32 on the instance by default', () => {
    const config = loadConfig({});
    expect(config.collabMaxSocketsPerDocument).toBe(8);
    expect(config.collabMaxSocketsPerUser).toBe(32);
    expect(config.collabMaxBufferedBytes).toBe(4 * 1024 * 1024);
    expect(config.collabMaxNewClientIdsPerUpdate).toBe(64);
    expect(config.collabMaxClientIdsPerDocument).toBe(10_000);
    expect(config.collabCompactAboveBytes).toBe(4 * 1024 * 1024);
    expect(config.collabMaxLogBytes).toBe(64 * 1024 * 1024);
    expect(config.collabDocumentBytesPerSecond).toBe(1024 * 1024);
  });

  it('refuse a per-update client id limit above the per-document one', () => {
    const error = configErrorFor({
      COLLAB_MAX_NEW_CLIENT_IDS_PER_UPDATE: '500',
      COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT: '100',
    });
    expect(error.variable).toBe('COLLAB_MAX_NEW_CLIENT_IDS_PER_UPDATE');
  });

  it('refuse a per-document limit above the per-instance one', () => {
    const error = configErrorFor({ COLLAB_MAX_SOCKETS_PER_DOCUMENT: '40', COLLAB_MAX_SOCKETS_PER_USER: '32' });
    expect(error.variable).toBe('COLLAB_MAX_SOCKETS_PER_DOCUMENT');
  });
});

describe('invalid configuration', () => {
  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['PORT', '-1'],
    ['PORT', '80.5'],
    ['DATABASE_URL', 'mysql://x'],
    ['DATABASE_URL', 'nope'],
    ['REDIS_URL', 'http://x'],
    ['ALLOWED_ORIGINS', 'not-a-url'],
    ['ALLOWED_ORIGINS', ' , '],
    ['ALLOWED_ORIGINS', 'localhost:5173'],
    ['PUBLIC_URL', 'localhost:4000'],
    ['PUBLIC_URL', 'ftp://files.example'],
    ['NODE_ENV', 'staging'],
    ['SESSION_TTL_HOURS', '0'],
    ['SESSION_TTL_HOURS', 'forever'],
    ['LOG_LEVEL', 'loud'],
    ['TRUST_PROXY', 'yes'],
    ['TRUST_PROXY', 'true'],
    ['TRUST_PROXY', '11'],
    ['TRUST_PROXY', '10.0.0.0/33'],
    ['TRUST_PROXY', '1.5'],
    ['METRICS_TOKEN', 'fifteen-chars15'],
    ['METRICS_TOKEN', 'sixteen or more but spaced'],
    ['COLLAB_MAX_BUFFERED_BYTES', '1000'],
    ['COLLAB_MAX_BUFFERED_BYTES', 'lots'],
    ['COLLAB_MAX_NEW_CLIENT_IDS_PER_UPDATE', '0'],
    ['COLLAB_MAX_CLIENT_IDS_PER_DOCUMENT', '10'],
    ['COLLAB_COMPACT_ABOVE_BYTES', '1000'],
    ['COLLAB_MAX_LOG_BYTES', String(8 * 1024 * 1024)],
    ['COLLAB_DOCUMENT_BYTES_PER_SECOND', '0'],
    ['COLLAB_MAX_SOCKETS_PER_DOCUMENT', '0'],
    ['COLLAB_MAX_SOCKETS_PER_DOCUMENT', 'many'],
    ['COLLAB_MAX_SOCKETS_PER_USER', '0'],
    ['COLLAB_MAX_SOCKETS_PER_USER', '2.5'],
    ['METRICS_PORT', 'metrics'],
    ['METRICS_PORT', '65536'],
  ])('%s=%j stops start-up with a ConfigError naming the variable on one line', (variable, value) => {
    const error = configErrorFor({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message).toMatch(new RegExp(`^Invalid configuration: ${variable} \\S`));
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('refuses a METRICS_PORT equal to PORT: the metrics would land on the public port', () => {
    const error = configErrorFor({ PORT: '4000', METRICS_PORT: '4000' });
    expect(error.variable).toBe('METRICS_PORT');
    expect(error.message).toBe('Invalid configuration: METRICS_PORT must differ from PORT (both 4000)');
    expect(configErrorFor({ METRICS_PORT: '4000' }).variable).toBe('METRICS_PORT');
  });

  it('refuses TRUST_PROXY=true, saying what to set instead', () => {
    const error = configErrorFor({ TRUST_PROXY: 'true' });
    expect(error.variable).toBe('TRUST_PROXY');
    expect(error.message).toMatch(/no longer accepts true/);
    expect(error.message).toMatch(/number of proxies .*\(e\.g\. 1/);
    expect(error.message).toMatch(/CIDRs/);
  });

  it('keeps the message on one line even when the value spans lines', () => {
    const error = configErrorFor({ PORT: '40\n00' });
    expect(error.variable).toBe('PORT');
    expect(error.message).not.toMatch(/[\r\n]/);
  });

  it('shows the rejected value, so the operator sees what was read', () => {
    expect(configErrorFor({ NODE_ENV: 'staging' }).message).toContain('"staging"');
  });

  it('does not echo the password of a rejected connection URL', () => {
    const error = configErrorFor({ DATABASE_URL: 'mysql://brieflock:s3cret-pass@db.example/app' });
    expect(error.variable).toBe('DATABASE_URL');
    expect(error.message).toContain('db.example');
    expect(error.message).not.toContain('s3cret-pass');
    const redis = configErrorFor({ REDIS_URL: 'http://:r3dis-secret@cache.example:6379' });
    expect(redis.message).not.toContain('r3dis-secret');
    const unencoded = configErrorFor({ DATABASE_URL: 'mysql://app:p@ss@word@db.example/app' });
    expect(unencoded.message).not.toMatch(/p@ss|ss@word|word@/);
    expect(unencoded.message).toContain('db.example');
  });

  it('never shows a rejected METRICS_TOKEN, which is a secret', () => {
    const error = configErrorFor({ METRICS_TOKEN: 'short-secret' });
    expect(error.variable).toBe('METRICS_TOKEN');
    expect(error.message).toContain('16');
    expect(error.message).not.toContain('short-secret');
  });

  it('names only the invalid variable when the others are valid', () => {
    const error = configErrorFor({ PORT: '4000', DATABASE_URL: 'postgres://db/app', REDIS_URL: 'http://x' });
    expect(error.variable).toBe('REDIS_URL');
    expect(error.message).not.toContain('DATABASE_URL');
    expect(error.message).not.toContain('PORT');
  });
});

describe('the CPU work pool and password hashing bounds', () => {
  it('default to a bounded pool and two password hashes at once below libuv’s four threads', () => {
    const config = loadConfig({});
    expect(config.work.threads).toBeGreaterThanOrEqual(1);
    expect(config.work.queue).toBe(16);
    expect(config.passwordHashing).toEqual({ concurrency: 2, queue: 64 });
  });

  it('take WORKER_THREADS, WORKER_QUEUE, PASSWORD_HASH_CONCURRENCY and PASSWORD_HASH_QUEUE', () => {
    const config = loadConfig({
      WORKER_THREADS: '3',
      WORKER_QUEUE: '0',
      PASSWORD_HASH_CONCURRENCY: '5',
      PASSWORD_HASH_QUEUE: '10',
      UV_THREADPOOL_SIZE: '8',
    });
    expect(config.work).toEqual({ threads: 3, queue: 0 });
    expect(config.passwordHashing).toEqual({ concurrency: 5, queue: 10 });
  });

  it.each([
    ['WORKER_THREADS', { WORKER_THREADS: '0' }],
    ['WORKER_QUEUE', { WORKER_QUEUE: '-1' }],
    ['PASSWORD_HASH_CONCURRENCY', { PASSWORD_HASH_CONCURRENCY: 'two' }],
    ['PASSWORD_HASH_QUEUE', { PASSWORD_HASH_QUEUE: '1.5' }],
  ])('refuse a bad %s', (variable, env) => {
    expect(configErrorFor(env).variable).toBe(variable);
  });

  it('refuse as many password hashes at once as libuv has threads, which file reads share', () => {
    const error = configErrorFor({ PASSWORD_HASH_CONCURRENCY: '4' });
    expect(error.variable).toBe('PASSWORD_HASH_CONCURRENCY');
    expect(error.message).toMatch(/UV_THREADPOOL_SIZE \(4\)/);
    expect(loadConfig({ PASSWORD_HASH_CONCURRENCY: '4', UV_THREADPOOL_SIZE: '6' }).passwordHashing.concurrency).toBe(4);
  });
});
