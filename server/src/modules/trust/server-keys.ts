import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
  sign,
} from 'node:crypto';
import { chmod, link, mkdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import {
  base64urlEncode,
  ed25519Pkcs8,
  keyIdOf,
  type PublishedKey,
  type Seal,
  type SealFacts,
  SERVER_KEY_ALG,
  sealPayload,
} from '@brieflock/schema';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { Config } from '../../config.js';

/**
 * The server's Ed25519 key: it seals every contract record and signs receipts. The
 * private half lives outside the database (SIGNING_KEY, or a 0600 file in DATA_DIR for
 * the embedded database); someone with only database access cannot make a seal.
 */
export interface ServerKeys {
  keyId: string;
  /** Raw public key, base64url. */
  publicKey: string;
  /** Every public key whose signatures are accepted, by key id: the current one and the retired ones. */
  trusted: ReadonlyMap<string, string>;
  /** When this server first used the current key (informational; set by `registerServerKey`). */
  createdAt: Date | null;
  /** What `GET /.well-known/brieflock-keys` lists. */
  published(): PublishedKey[];
  /** Ed25519 signature of `payload`'s UTF-8 bytes, base64url. */
  sign(payload: string): string;
  /** The current key's seal over one record. */
  seal(facts: Omit<SealFacts, 'keyId'>): Seal;
  /**
   * A 32-byte key for one purpose (e.g. encrypting stored secrets), derived from the
   * current key's seed with HKDF-SHA256: the seed itself never leaves this module, and
   * keys for different purposes are independent. Rotating SIGNING_KEY changes them too.
   */
  derive(purpose: string): Buffer;
}

/** Where the embedded database's key is kept. */
export const keyFileOf = (dataDir: string) => path.join(dataDir, 'signing-key.pem');

/** Reads the key file, or creates it (0600) with a fresh key. Never logs or prints the key. */
async function keyFromFile(file: string, create = true): Promise<{ key: KeyObject; createdAt: Date }> {
  try {
    const pem = await readFile(file, 'utf8');
    const info = await stat(file);
    // A copied or unpacked file may have come with wider permissions.
    if ((info.mode & 0o077) !== 0) await chmod(file, 0o600);
    return { key: createPrivateKey(pem), createdAt: info.birthtime.getTime() > 0 ? info.birthtime : info.mtime };
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT' || !create) throw error;
  }
  await mkdir(path.dirname(file), { recursive: true });
  const { privateKey } = generateKeyPairSync('ed25519');
  const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
  // Written aside and linked into place, so a process starting at the same time never
  // reads a half-written file; whoever links first wins and the other uses theirs.
  const aside = `${file}.${process.pid}.${randomBytes(4).toString('hex')}`;
  await writeFile(aside, pem, { mode: 0o600, flag: 'wx' });
  try {
    await link(aside, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return keyFromFile(file);
    throw error;
  } finally {
    await unlink(aside);
  }
  return { key: privateKey, createdAt: new Date() };
}

/** Builds the key set from a private key and the retired public keys. */
export function serverKeysOf(
  privateKey: KeyObject,
  createdAt: Date | null,
  retired: Config['retiredSigningKeys'],
): ServerKeys {
  const publicKey = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
  const keyId = keyIdOf(publicKey);
  const trusted = new Map<string, string>([[keyId, publicKey]]);
  for (const key of retired) trusted.set(keyIdOf(key.publicKey), key.publicKey);
  const seed = Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url');
  const signPayload = (payload: string) => base64urlEncode(sign(null, Buffer.from(payload, 'utf8'), privateKey));
  const keys: ServerKeys = {
    keyId,
    publicKey,
    trusted,
    createdAt,
    published: () => [
      { keyId, alg: SERVER_KEY_ALG, publicKey, createdAt: keys.createdAt?.toISOString() ?? null, retiredAt: null },
      ...retired
        .filter((key) => keyIdOf(key.publicKey) !== keyId)
        .map((key) => ({
          keyId: keyIdOf(key.publicKey),
          alg: SERVER_KEY_ALG,
          publicKey: key.publicKey,
          createdAt: key.createdAt ? new Date(key.createdAt).toISOString() : null,
          retiredAt: new Date(key.retiredAt).toISOString(),
        })),
    ],
    sign: signPayload,
    seal: (facts) => ({ keyId, signature: signPayload(sealPayload({ ...facts, keyId })) }),
    derive: (purpose) => Buffer.from(hkdfSync('sha256', seed, `brieflock:${keyId}`, `brieflock ${purpose}`, 32)),
  };
  return keys;
}

/**
 * The server's keys from the configuration: SIGNING_KEY when set, otherwise the key file
 * in DATA_DIR (created on first start). `loadConfig` already refused production with
 * DATABASE_URL and no SIGNING_KEY.
 */
export async function loadServerKeys(config: Config, { create = true } = {}): Promise<ServerKeys> {
  if (config.signingKeySeed) {
    const key = createPrivateKey({
      key: Buffer.from(ed25519Pkcs8(config.signingKeySeed)),
      format: 'der',
      type: 'pkcs8',
    });
    return serverKeysOf(key, null, config.retiredSigningKeys);
  }
  const { key, createdAt } = await keyFromFile(keyFileOf(config.dataDir), create);
  return serverKeysOf(key, createdAt, config.retiredSigningKeys);
}

/** Records the current key in `server_keys` (once) and takes its first-use time from there. */
export async function registerServerKey(em: EntityManager, keys: ServerKeys): Promise<void> {
  await em.execute(
    'insert into "server_keys" ("key_id", "public_key", "created_at") values (?, ?, ?) on conflict ("key_id") do nothing',
    [keys.keyId, keys.publicKey, keys.createdAt ?? new Date()],
  );
  const [row] = await em.execute<{ created_at: Date | string }[]>(
    'select "created_at" from "server_keys" where "key_id" = ?',
    [keys.keyId],
  );
  if (row) keys.createdAt = new Date(row.created_at);
}
