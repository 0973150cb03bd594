import { generateKeyPairSync, createPublicKey } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  type EvidenceBundle,
  EvidenceFormatError,
  keyIdOf,
  parseEvidenceBundle,
  type PublishedKey,
  verifyEvidenceBundle,
} from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { editLiveBrief, freezeOk, readyCast, sign, type VersionView } from '../support/contract.js';
import { makeUser, type TestUser } from '../support/factories.js';
import { CLI_TIMEOUT, runVerify } from '../support/verify-cli.js';

const t = useTestApp();
let scratch: string;
beforeAll(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'brieflock-evidence-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

async function signOk(user: TestUser, version: VersionView) {
  const result = await sign(t, user, version.id, version.contentHash, { 'user-agent': `Signer ${user.name}` });
  if (!result.data?.signVersion) throw new Error(JSON.stringify(result.errors));
  return result.data.signVersion;
}

function download(versionId: string, user?: TestUser) {
  return fetch(`${t.app.url}/export/versions/${versionId}.evidence.json`, {
    headers: user ? { authorization: `Bearer ${user.token}` } : {},
  });
}

async function bundleOf(versionId: string, user: TestUser): Promise<{ text: string; bundle: EvidenceBundle }> {
  const response = await download(versionId, user);
  expect(response.status).toBe(200);
  const text = await response.text();
  return { text, bundle: parseEvidenceBundle(text) };
}

async function fileOf(name: string, text: string): Promise<string> {
  const file = path.join(scratch, name);
  await writeFile(file, text);
  return file;
}

/** A proposal with v1 superseded, v2 signed by both parties, each with their passkey. */
async function signedHistory() {
  const cast = await readyCast(t);
  const v1 = await freezeOk(t, cast.client, cast.proposal.id);
  await signOk(cast.client, v1);
  await editLiveBrief(t, cast.freelancer, cast.proposal.id, (doc) => doc.getMap('ownership').set('ipOwner', 'SHARED'));
  const v2 = await freezeOk(t, cast.client, cast.proposal.id);
  await signOk(cast.client, v2);
  await signOk(cast.freelancer, v2);
  return { ...cast, v1, v2 };
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Every string and number leaf under `value`, as a path and its value. */
function leaves(value: Json, at: (string | number)[] = []): { at: (string | number)[]; value: string | number }[] {
  if (typeof value === 'string' || typeof value === 'number') return [{ at, value }];
  if (value === null || typeof value === 'boolean') return [];
  if (Array.isArray(value)) return value.flatMap((item, index) => leaves(item, [...at, index]));
  return Object.entries(value).flatMap(([key, item]) => leaves(item, [...at, key]));
}

/** A copy of `bundle` with the leaf at `at` changed by one character (or one unit). */
function changed(bundle: EvidenceBundle, at: (string | number)[]): EvidenceBundle {
  const copy = structuredClone(bundle) as unknown as Json;
  let parent = copy as Record<string | number, Json>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, Json>;
  const last = at.at(-1)!;
  const value = parent[last];
  if (typeof value === 'number') parent[last] = value + 1;
  else if (typeof value === 'string') {
    const index = Math.floor(value.length / 2);
    const char = value[index] ?? '';
    parent[last] = `${value.slice(0, index)}${char === 'A' ? 'B' : 'A'}${value.slice(index + 1)}`;
  }
  return copy as unknown as EvidenceBundle;
}

describe('GET /export/versions/<id>.evidence.json', () => {
  it('gives a party everything needed to check the version offline, and it checks', async () => {
    const h = await signedHistory();
    const response = await download(h.v2.id, h.client);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename=".+-v2\.evidence\.json"$/);
    expect(response.headers.get('cache-control')).toBe('private, no-store');
    const bundle = parseEvidenceBundle(await response.text());

    expect(bundle.proposal).toEqual({ id: h.proposal.id, title: h.proposal.title });
    expect(bundle.versionId).toBe(h.v2.id);
    expect(bundle.versions.map((version) => [version.number, version.status])).toEqual([
      [1, 'SUPERSEDED'],
      [2, 'SIGNED'],
    ]);
    // Only the version's own content travels; v1 is there as its record.
    expect(bundle.versions[0]!.contentJson).toBeUndefined();
    expect(bundle.versions[1]!.contentJson).toMatchObject({ ownership: { ipOwner: 'SHARED' } });
    expect(bundle.signatures).toHaveLength(3);
    for (const signature of bundle.signatures) {
      expect(signature.passkey?.publicKey).toBeTruthy();
      expect(signature.passkey?.signature).toBeTruthy();
      expect(signature.seal?.signature).toBeTruthy();
      expect(signature.userAgent).toMatch(/^Signer /);
    }
    expect(bundle.audit.map((row) => row.kind)).toEqual([
      'VERSION_FROZEN',
      'VERSION_SIGNED',
      'VERSION_SUPERSEDED',
      'VERSION_FROZEN',
      'VERSION_SIGNED',
      'VERSION_SIGNED',
      'VERSION_EXECUTED',
      'MILESTONE_TRACKED',
      'MILESTONE_TRACKED',
    ]);
    expect(bundle.receipt).toMatchObject({ proposalId: h.proposal.id, length: 9, headHash: bundle.audit[8]!.hash });
    const published = (await (await fetch(`${t.app.url}/.well-known/brieflock-keys`)).json()) as {
      keys: PublishedKey[];
    };
    expect(bundle.keys).toEqual(published.keys);
    expect(bundle.people.map((person) => person.name).sort()).toEqual([h.client.name, h.freelancer.name].sort());

    const report = await verifyEvidenceBundle(bundle, { pinnedKeys: published.keys });
    expect(report.mismatches).toEqual([]);
    expect(report).toMatchObject({ ok: true, keySource: 'pinned', versionId: h.v2.id });
    const passed = (field: string) => report.checks.filter((check) => check.ok && check.field === field);
    expect(passed('assertion')).toHaveLength(3);
    expect(passed('recordHash')).toHaveLength(3);
    expect(passed('serverSignature')).toHaveLength(2 + 3 + 9);
    expect(passed('contentJson')).toHaveLength(2);
    expect(passed('headHash')).toHaveLength(1);
  });

  it('withholds signers’ IP addresses and user agents from viewers, and still checks', async () => {
    const h = await signedHistory();
    const { bundle, text } = await bundleOf(h.v2.id, h.viewer);
    for (const signature of bundle.signatures) {
      expect(signature).toMatchObject({ ip: null, userAgent: null, withheld: true });
    }
    expect(text).not.toContain('Signer ');
    const report = await verifyEvidenceBundle(bundle);
    expect(report.mismatches).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.checks.filter((check) => check.field === 'recordHash').map((check) => check.message)).toEqual(
      Array(3).fill('record hash not recomputed: IP address and user agent are shown to the parties only'),
    );
    // The party's copy of the same version carries them.
    const party = await bundleOf(h.v2.id, h.freelancer);
    expect(party.bundle.signatures.every((signature) => signature.ip && signature.userAgent)).toBe(true);
  });

  it('answers 404 to anyone outside the proposal and 401 without a session', async () => {
    const h = await signedHistory();
    const outsider = await makeUser(t.api, { name: 'Oscar Outsider' });
    const refused = await download(h.v2.id, outsider);
    expect(refused.status).toBe(404);
    expect(await refused.json()).toMatchObject({ errors: [{ extensions: { code: 'NOT_FOUND' } }] });
    expect((await download('00000000-0000-4000-8000-000000000000', h.client)).status).toBe(404);
    expect((await download(h.v2.id)).status).toBe(401);
    // The id's spelling does not matter.
    expect((await download(h.v2.id.toUpperCase(), h.client)).status).toBe(200);
  });
});

describe('checking a bundle', () => {
  let h: Awaited<ReturnType<typeof signedHistory>>;
  let bundle: EvidenceBundle;
  beforeAll(async () => {
    h = await signedHistory();
    bundle = (await bundleOf(h.v2.id, h.client)).bundle;
  });

  it('fails when any character of any record, signature, assertion, seal, audit row or the receipt changes', async () => {
    // Every value the bundle's checks cover: all of it but the display names, the export
    // time, the title and the keys' dates (the keys themselves are covered: a changed key
    // no longer matches its id, so nothing it signed is trusted).
    const skipped = (at: (string | number)[]) =>
      ['people', 'exportedAt', 'proposal', 'format', 'formatVersion'].includes(String(at[0])) ||
      (at[0] === 'keys' && (at[2] === 'createdAt' || at[2] === 'retiredAt' || at[2] === 'alg'));
    const covered = leaves(bundle as unknown as Json).filter((leaf) => !skipped(leaf.at));
    expect(covered.length).toBeGreaterThan(150);
    const survivors: string[] = [];
    let unreadable = 0;
    for (const leaf of covered) {
      let copy: EvidenceBundle;
      try {
        // As a checker gets it: as text.
        copy = parseEvidenceBundle(JSON.stringify(changed(bundle, leaf.at)));
      } catch (error) {
        expect(error).toBeInstanceOf(EvidenceFormatError);
        unreadable += 1;
        continue;
      }
      if ((await verifyEvidenceBundle(copy)).ok) survivors.push(leaf.at.join('.'));
    }
    // A changed date may no longer be a date: refused as not a bundle rather than checked.
    expect(unreadable).toBeLessThan(covered.length / 4);
    expect(survivors).toEqual([]);
  });

  it('names what was changed: content, a signature, an assertion, a seal, an audit row', async () => {
    const first = async (mutate: (copy: EvidenceBundle) => void) => {
      const copy = structuredClone(bundle);
      mutate(copy);
      return (await verifyEvidenceBundle(copy)).firstMismatch;
    };
    const v2 = 1;
    expect(
      await first((copy) => {
        (copy.versions[v2]!.contentJson as { ownership: { ipOwner: string } }).ownership.ipOwner = 'CLIENT';
      }),
    ).toMatchObject({ kind: 'VERSION', id: h.v2.id, field: 'contentJson' });
    expect(
      await first((copy) => {
        copy.signatures[1]!.consentStatement += ' ';
      }),
    ).toMatchObject({ kind: 'SIGNATURE', id: bundle.signatures[1]!.id, field: 'recordHash' });
    expect(
      await first((copy) => {
        const passkey = copy.signatures[2]!.passkey!;
        passkey.signature = `${passkey.signature.slice(0, -4)}AAAA`;
      }),
    ).toMatchObject({ kind: 'SIGNATURE', field: 'recordHash' });
    expect(
      await first((copy) => {
        copy.versions[0]!.seal!.signature = copy.versions[1]!.seal!.signature;
      }),
    ).toMatchObject({ kind: 'VERSION', id: h.v1.id, field: 'serverSignature', actual: 'bad-signature' });
    expect(
      await first((copy) => {
        copy.audit[3]!.at = new Date(Date.parse(copy.audit[3]!.at) + 1000).toISOString();
      }),
    ).toMatchObject({ kind: 'AUDIT_EVENT', id: '4', field: 'hash' });
  });

  it('fails when a row, a signature or a version is deleted', async () => {
    const without = async (mutate: (copy: EvidenceBundle) => void) => {
      const copy = structuredClone(bundle);
      mutate(copy);
      return verifyEvidenceBundle(copy);
    };
    const lastRow = await without((copy) => {
      copy.audit.pop();
    });
    expect(lastRow.ok).toBe(false);
    expect(lastRow.mismatches).toContainEqual(expect.objectContaining({ kind: 'RECEIPT', field: 'length' }));
    const middleRow = await without((copy) => {
      copy.audit.splice(2, 1);
    });
    expect(middleRow.firstMismatch).toMatchObject({ kind: 'AUDIT_EVENT', field: 'sequence' });
    const signature = await without((copy) => {
      copy.signatures.pop();
    });
    expect(signature.ok).toBe(false);
    expect(signature.mismatches).toContainEqual(expect.objectContaining({ kind: 'AUDIT_EVENT', field: 'signatureId' }));
    const version = await without((copy) => {
      copy.versions.shift();
    });
    expect(version.ok).toBe(false);
    const subject = await without((copy) => {
      copy.versions[1]!.contentJson = undefined;
    });
    expect(subject.firstMismatch).toMatchObject({ kind: 'VERSION', field: 'contentJson', actual: 'missing' });
  });

  it('trusts keys it was given over the bundle’s own: a bundle re-signed with another key fails', async () => {
    // An operator who rewrote the records could re-seal them with a key of their own and
    // put that key in the bundle; checked against the server's published keys, nothing holds.
    const { privateKey } = generateKeyPairSync('ed25519');
    const publicKey = createPublicKey(privateKey).export({ format: 'jwk' }).x!;
    const swapped = structuredClone(bundle);
    swapped.keys = [{ ...swapped.keys[0]!, keyId: keyIdOf(publicKey), publicKey }];
    const pinned = await verifyEvidenceBundle(swapped, { pinnedKeys: bundle.keys });
    expect(pinned.keySource).toBe('pinned');
    expect(pinned.ok).toBe(true);
    const own = await verifyEvidenceBundle(swapped);
    expect(own.ok).toBe(false);
    expect(own.firstMismatch).toMatchObject({ field: 'serverSignature', actual: 'unknown-key' });
  });
});

describe('pnpm verify --bundle', () => {
  it('exits 0 for a downloaded bundle without any database, 1 naming a change, 2 for what it cannot read', {
    timeout: CLI_TIMEOUT,
  }, async () => {
    const h = await signedHistory();
    const { text, bundle } = await bundleOf(h.v2.id, h.client);
    const good = await fileOf('good.json', text);
    const tampered = structuredClone(bundle);
    (tampered.versions[1]!.contentJson as { ownership: { ipOwner: string } }).ownership.ipOwner = 'CLIENT';
    const bad = await fileOf('bad.json', JSON.stringify(tampered));
    const keys = await fileOf('keys.json', JSON.stringify({ keys: bundle.keys }));
    const [ok, pinned, mismatch, missing, notBundle] = await Promise.all([
      runVerify(null, '--bundle', good),
      runVerify(null, '--bundle', good, '--keys', keys),
      runVerify(null, '--bundle', bad, '--json'),
      runVerify(null, '--bundle', path.join(scratch, 'no-such-bundle.json')),
      runVerify(null, '--bundle', await fileOf('receipt.json', JSON.stringify(bundle.receipt))),
    ]);
    expect(ok, ok.stderr).toMatchObject({ code: 0 });
    expect(ok.stdout).toMatch(/^OK: every hash, link and signature in the bundle matches$/m);
    expect(ok.stdout).toContain('server keys from the bundle itself (pin them with --keys)');
    expect(pinned, pinned.stderr).toMatchObject({ code: 0 });
    expect(pinned.stdout).toContain('server keys from --keys');
    expect(mismatch, mismatch.stderr).toMatchObject({ code: 1 });
    expect(JSON.parse(mismatch.stdout).firstMismatch).toMatchObject({
      kind: 'VERSION',
      id: h.v2.id,
      field: 'contentJson',
    });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/cannot read the bundle .*no-such-bundle\.json: ENOENT/);
    expect(notBundle.code).toBe(2);
    expect(notBundle.stderr).toMatch(/not an evidence bundle: "format" is not "brieflock-evidence"/);
  });
});
