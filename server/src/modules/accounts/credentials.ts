import { createHash, randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';
import { BoundedLimit, type BoundedLimitOptions } from '../../work/limit.js';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
// `Algorithm` is an ambient const enum; 2 is its Argon2id member.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * Argon2 runs on libuv's thread pool, which file reads (static files, exports) share: a
 * flood of sign-ins would fill all of it and stall every page. Hashes therefore run a few
 * at a time (PASSWORD_HASH_CONCURRENCY, kept below the pool's size), with a bounded
 * queue (PASSWORD_HASH_QUEUE) beyond which a sign-in or sign-up gets RATE_LIMITED.
 */
let hashing = new BoundedLimit({ concurrency: 2, queue: 64 }, 'Too many sign-ins at once. Try again in a moment.');

/** Sets how many password hashes run at once and how many may wait (from the configuration). */
export function configurePasswordHashing(options: BoundedLimitOptions): void {
  const { concurrency, queue } = hashing.options;
  if (options.concurrency === concurrency && options.queue === queue) return;
  hashing = new BoundedLimit(options, 'Too many sign-ins at once. Try again in a moment.');
}

/** Password hashes running and waiting. */
export const passwordHashesPending = (): number => hashing.pending;

export const hashPassword = (password: string): Promise<string> => hashing.run(() => hash(password, ARGON2));

/** A hash of a random password, verified against when the e-mail is unknown so timing does not reveal it. */
let decoy: Promise<string> | undefined;

/** Verifies a password against a stored hash; with no hash it spends the same time and fails. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hash(randomBytes(16).toString('hex'), ARGON2);
    const target = await decoy;
    await hashing.run(() => verify(target, password).catch(() => false));
    return false;
  }
  return hashing.run(() => verify(stored, password).catch(() => false));
}

const TOKEN_PREFIX = 'blk_';

/** A new session token: 256 random bits, prefixed so leaked tokens are easy to spot. */
export const newSessionToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

/** The only form in which a token is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
