import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { keyIdOf, sealPayload, verifyEd25519 } from '@brieflock/schema';
import { ConfigError, loadConfig } from '../../config.js';
import { keyFileOf, loadServerKeys } from './server-keys.js';

const dirs: string[] = [];
afterAll(async () => {
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});
const scratch = async () => {
  const dir = await mkdtemp(path.join(tmpdir(), 'brieflock-keys-'));
  dirs.push(dir);
  return dir;
};
const SEED = Buffer.alloc(32, 7).toString('base64url');

describe('the server signing key', () => {
  it('is required in production with DATABASE_URL, and the error names SIGNING_KEY without any value', () => {
    let error: unknown;
    try {
      loadConfig({ NODE_ENV: 'production', DATABASE_URL: 'postgres://db.example/app' });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).variable).toBe('SIGNING_KEY');
    expect((error as ConfigError).message.split('\n')).toHaveLength(1);
  });

  it('refuses a malformed key and never echoes it', () => {
    let error: unknown;
    try {
      loadConfig({ SIGNING_KEY: 'not-a-key-secret-material' });
    } catch (caught) {
      error = caught;
    }
    expect((error as ConfigError).variable).toBe('SIGNING_KEY');
    expect((error as ConfigError).message).not.toContain('secret-material');
  });

  it('takes a base64 seed or a PKCS#8 PEM, and the retired keys stay trusted', async () => {
    const { privateKey, publicKey } = generateKeyPairSync('ed25519');
    const pem = privateKey.export({ format: 'pem', type: 'pkcs8' }) as string;
    const retired = generateKeyPairSync('ed25519').publicKey.export({ format: 'jwk' }).x!;
    const fromPem = await loadServerKeys(
      loadConfig({
        SIGNING_KEY: pem.replace(/\n/g, '\\n'),
        SIGNING_KEYS_RETIRED: JSON.stringify([{ publicKey: retired, retiredAt: '2026-11-30T00:00:00Z' }]),
      }),
    );
    expect(fromPem.publicKey).toBe(publicKey.export({ format: 'jwk' }).x);
    expect([...fromPem.trusted.keys()]).toEqual([fromPem.keyId, keyIdOf(retired)]);
    expect(fromPem.published()[1]).toMatchObject({ keyId: keyIdOf(retired), retiredAt: '2026-11-30T00:00:00.000Z' });
    const fromSeed = await loadServerKeys(loadConfig({ SIGNING_KEY: SEED }));
    const seal = fromSeed.seal({ record: 'version', ref: 'v', hash: 'a'.repeat(64) });
    expect(
      await verifyEd25519(
        fromSeed.publicKey,
        sealPayload({ record: 'version', ref: 'v', hash: 'a'.repeat(64), keyId: seal.keyId }),
        seal.signature,
      ),
    ).toBe(true);
  });

  it('is generated once into DATA_DIR with mode 0600 when no SIGNING_KEY is set, and reused', async () => {
    const dataDir = await scratch();
    const config = loadConfig({ DATA_DIR: dataDir });
    const first = await loadServerKeys(config);
    expect((await stat(keyFileOf(dataDir))).mode & 0o777).toBe(0o600);
    const again = await loadServerKeys(config);
    expect(again.keyId).toBe(first.keyId);
    await expect(loadServerKeys(loadConfig({ DATA_DIR: await scratch() }), { create: false })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});
