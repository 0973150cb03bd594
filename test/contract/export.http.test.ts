import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { PDFParse } from 'pdf-parse';
import { BRIEF_SECTIONS, SESSION_COOKIE } from '@brieflock/schema';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast, sign, type VersionView } from '../support/contract.js';

const t = useTestApp();
let cast: Awaited<ReturnType<typeof readyCast>>;
let version: VersionView;

beforeAll(async () => {
  cast = await readyCast(t);
  version = await freezeOk(t, cast.client, cast.proposal.id, 'Signed by both');
  for (const signer of [cast.client, cast.freelancer]) {
    const signed = await sign(t, signer, version.id, version.contentHash);
    if (signed.errors) throw new Error(JSON.stringify(signed.errors));
  }
});

interface Download {
  status: number;
  headers: Headers;
  body: Buffer;
}

/** A request to `path` exactly as given. */
async function download(
  path: string,
  init: { token?: string; cookie?: string; method?: string; authorization?: string } = {},
): Promise<Download> {
  const headers: Record<string, string> = {};
  if (init.token) headers.authorization = `Bearer ${init.token}`;
  if (init.authorization) headers.authorization = init.authorization;
  if (init.cookie) headers.cookie = init.cookie;
  const response = await fetch(`${t.app.url}${path}`, { method: init.method ?? 'GET', headers });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
}

const mdPath = (id = version.id) => `/export/versions/${id}.md`;
const pdfPath = (id = version.id) => `/export/versions/${id}.pdf`;

async function pdfPages(body: Buffer): Promise<string[]> {
  const parser = new PDFParse({ data: new Uint8Array(body) });
  try {
    const { pages } = await parser.getText();
    return pages.map((page) => page.text);
  } finally {
    await parser.destroy();
  }
}

const errorCode = (download: Download) =>
  (JSON.parse(download.body.toString('utf8')) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions
    .code;

describe('GET /export/versions/<id>.md', () => {
  it('returns the version as a Markdown attachment with its title, every section, the content hash and the chain hash', async () => {
    const response = await download(mdPath(), { token: cast.freelancer.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/markdown\b/);
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w-]+\.md"$/);
    const markdown = response.body.toString('utf8');
    expect(markdown).toContain(cast.proposal.title);
    for (const section of BRIEF_SECTIONS) expect(markdown).toContain(section.title);
    expect(markdown).toContain(version.contentHash);
    expect(markdown).toContain(version.chainHash);
    expect(markdown).toContain('Cut monthly churn of paying customers');
  });
});

describe('GET /export/versions/<id>.pdf', () => {
  it('returns a PDF that ends in a certificate naming both signers with their IP addresses', async () => {
    const response = await download(pdfPath(), { token: cast.client.token });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/pdf');
    expect(response.headers.get('content-disposition')).toMatch(/^attachment; filename="[\w-]+\.pdf"$/);
    expect(response.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');

    const pages = await pdfPages(response.body);
    expect(pages.join('\n')).toContain(version.contentHash);
    // The certificate starts a page of its own after the brief and runs to the end (with
    // two signers and the receipt it continues under a "— Certificate" header).
    const start = pages.findIndex((page) => page.startsWith('Certificate of completion'));
    expect(start).toBeGreaterThan(0);
    expect(start).toBeGreaterThanOrEqual(pages.length - 2);
    const certificatePages = pages.slice(start);
    expect(pages.slice(0, start).join('\n')).not.toContain('Certificate');
    expect(pages.slice(0, start).join('\n')).toContain(BRIEF_SECTIONS[BRIEF_SECTIONS.length - 1]!.title);

    const certificate = certificatePages.join('\n');
    expect(certificate).toContain('All 2 required signers have signed this version.');
    expect(certificate).toContain(version.contentHash);
    expect(certificate).toContain(version.chainHash);
    expect(certificate).toMatch(/Receipt\s+Audit chain head [0-9a-f]{64}/);
    for (const signer of [cast.client, cast.freelancer]) {
      const block = certificate.slice(certificate.indexOf(`\n${signer.name}\nE-mail`));
      expect(block, signer.name).toMatch(
        /^\n[^\n]+\nE-mail [^\n]+\nRole [^\n]+\nSigned at [^\n]+\nIP address (?:::ffff:)?127\.0\.0\.1\n/,
      );
    }
  });
});

describe('an export download', () => {
  it('works with the session cookie instead of a Bearer token', async () => {
    for (const path of [mdPath(), pdfPath()]) {
      const response = await download(path, { cookie: `${SESSION_COOKIE}=${cast.client.token}` });
      expect(response.status).toBe(200);
    }
  });

  it('is open to a viewer', async () => {
    const markdown = await download(mdPath(), { token: cast.viewer.token });
    expect(markdown.status).toBe(200);
    expect(markdown.body.toString('utf8')).toContain(version.contentHash);
    const pdf = await download(pdfPath(), { token: cast.viewer.token });
    expect(pdf.status).toBe(200);
    expect(pdf.body.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('is refused with 401 without a token, with a token of no session and with a cookie of no session', async () => {
    for (const init of [
      {},
      { token: 'not-a-real-session-token' },
      { authorization: 'Basic abc' },
      { cookie: `${SESSION_COOKIE}=not-a-real-session-token` },
    ]) {
      for (const path of [mdPath(), pdfPath()]) {
        const response = await download(path, init);
        expect(response.status, `${path} ${JSON.stringify(init)}`).toBe(401);
        expect(errorCode(response)).toBe('UNAUTHENTICATED');
        expect(response.body.toString('utf8')).not.toContain(version.contentHash);
      }
    }
  });

  it('by an outsider gets 404 with the same body as a version that does not exist', async () => {
    const missingId = randomUUID();
    for (const [own, missing] of [
      [mdPath(), mdPath(missingId)],
      [pdfPath(), pdfPath(missingId)],
    ] as const) {
      const outsider = await download(own, { token: cast.outsider.token });
      const nowhere = await download(missing, { token: cast.outsider.token });
      expect(outsider.status).toBe(404);
      expect(nowhere.status).toBe(404);
      expect(outsider.body.toString('utf8')).toBe(nowhere.body.toString('utf8'));
      expect(errorCode(outsider)).toBe('NOT_FOUND');
    }
  });

  it('is refused with 405 for POST, naming GET in Allow', async () => {
    const response = await download(mdPath(), { token: cast.client.token, method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toMatch(/GET/);
    expect(response.body.toString('utf8')).not.toContain(version.contentHash);
  });

  it('of a malformed path is 404', async () => {
    for (const path of [
      `/export/versions/${version.id}.docx`,
      `/export/versions/${version.id}`,
      '/export/versions/not-a-uuid.md',
      `/export/versions/${'-'.repeat(36)}.md`,
      `/export/versions/${version.id}.md/extra`,
      `/export/${version.id}.md`,
    ]) {
      const response = await download(path, { token: cast.client.token });
      expect(response.status, path).toBe(404);
      expect(errorCode(response)).toBe('NOT_FOUND');
    }
  });
});
