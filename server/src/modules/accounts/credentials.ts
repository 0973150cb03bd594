import { createHash, randomBytes } from 'node:crypto';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane. */
// `Algorithm` is an ambient const enum; 2 is its Argon2id member.
const ARGON2 = { algorithm: 2 as Algorithm.Argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export const hashPassword = (password: string): Promise<string> => hash(password, ARGON2);

/** A hash of a random password, verified against when the e-mail is unknown so timing does not reveal it. */
let decoy: Promise<string> | undefined;

/** Verifies a password against a stored hash; with no hash it spends the same time and fails. */
export async function verifyPassword(stored: string | null, password: string): Promise<boolean> {
  if (!stored) {
    decoy ??= hashPassword(randomBytes(16).toString('hex'));
    await verify(await decoy, password).catch(() => false);
    return false;
  }
  return verify(stored, password).catch(() => false);
}

const TOKEN_PREFIX = 'blk_';

/** A new session token: 256 random bits, prefixed so leaked tokens are easy to spot. */
export const newSessionToken = (): string => TOKEN_PREFIX + randomBytes(32).toString('base64url');

/** The only form in which a token is stored. */
export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');
