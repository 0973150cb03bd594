import { beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast, sign, type VersionView } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';

const t = useTestApp();
const AGENT = 'SignerDetailsTest/2.0 (X11; Linux)';
let cast: Awaited<ReturnType<typeof readyCast>>;
let version: VersionView;

beforeAll(async () => {
  cast = await readyCast(t);
  version = await freezeOk(t, cast.client, cast.proposal.id);
  for (const signer of [cast.client, cast.freelancer]) {
    const signed = await sign(t, signer, version.id, version.contentHash, { 'user-agent': AGENT });
    if (signed.errors) throw new Error(JSON.stringify(signed.errors));
  }
});

async function signaturesAs(user: TestUser) {
  const result = await t.api.gql<{
    contractVersion: {
      signatures: { signer: { id: string }; signedAt: string; ip: string | null; userAgent: string | null }[];
    };
  }>(
    'query($id: ID!) { contractVersion(id: $id) { signatures { signer { id } signedAt ip userAgent } } }',
    { id: version.id },
    { token: user.token },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.contractVersion.signatures;
}

async function download(user: TestUser, extension: 'md' | 'pdf'): Promise<string> {
  const response = await fetch(`${t.app.url}/export/versions/${version.id}.${extension}`, {
    headers: { authorization: `Bearer ${user.token}` },
  });
  expect(response.status).toBe(200);
  const body = Buffer.from(await response.arrayBuffer());
  if (extension === 'md') return body.toString('utf8');
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    return (await parser.getText()).text;
  } finally {
    await parser.destroy();
  }
}

describe("signers' IP addresses and user agents", () => {
  it('are shown to the client and the freelancer over GraphQL', async () => {
    for (const party of [cast.client, cast.freelancer]) {
      const signatures = await signaturesAs(party);
      expect(signatures).toHaveLength(2);
      for (const signature of signatures) {
        expect(signature.ip).toMatch(/127\.0\.0\.1/);
        expect(signature.userAgent).toBe(AGENT);
      }
    }
  });

  it('are withheld from a viewer, who still sees who signed and when', async () => {
    const signatures = await signaturesAs(cast.viewer);
    expect(signatures.map((signature) => signature.signer.id).sort()).toEqual(
      [cast.client.id, cast.freelancer.id].sort(),
    );
    for (const signature of signatures) {
      expect(signature.signedAt).toMatch(/^\d{4}-/);
      expect(signature.ip).toBeNull();
      expect(signature.userAgent).toBeNull();
    }
  });

  it('are in the parties’ Markdown and PDF exports and not in a viewer’s', async () => {
    for (const extension of ['md', 'pdf'] as const) {
      const party = await download(cast.freelancer, extension);
      expect(party).toContain('127.0.0.1');
      expect(party.replace(/\s+/g, ' ')).toContain('SignerDetailsTest/2.0');
      const viewer = await download(cast.viewer, extension);
      expect(viewer).not.toContain('127.0.0.1');
      expect(viewer).not.toContain('SignerDetailsTest');
      expect(viewer).toContain('shown to the parties only');
      expect(viewer).toContain('Finn Freelancer');
    }
  });
});
