import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MikroORM } from '@mikro-orm/postgresql';
import type { Config } from '../config.js';
import { DomainError } from '../errors.js';
import { authenticate } from '../modules/accounts/sessions.js';
import type { EvidenceBundle } from '@brieflock/schema';
import { loadEvidenceBundle } from '../modules/contract/export/evidence-bundle.js';
import { loadVersionDocument } from '../modules/contract/export/load-version-document.js';
import type { VersionDocument } from '../modules/contract/export/version-document.js';
import { WORK_RETRY_AFTER_SECONDS, workPool, workTask } from '../work/pool.js';
import type { ServerKeys } from '../modules/trust/server-keys.js';
import { currentReceipt } from '../modules/trust/receipts.js';
import { tokenFrom } from './request.js';

/** pdfkit lays out every page on the CPU (4 s for a 60,000-word brief): it runs on the work pool. */
const renderPdfTask = workTask<VersionDocument, Uint8Array>(
  import.meta.url,
  '../modules/contract/export/render-pdf',
  'renderPdf',
);
import { canonicalId } from '../validation.js';

const EXPORT_PATH = /^\/export\/versions\/([0-9a-f-]{36})\.(md|pdf|evidence\.json)$/i;

function sendError(
  res: ServerResponse,
  status: number,
  code: string,
  message: string,
  headers: Record<string, string> = {},
): void {
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
    ...headers,
  });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}

/** A file name safe in a Content-Disposition header. */
const fileName = (title: string, number: number, extension: string) =>
  `${
    title
      .normalize('NFKD')
      .replace(/[^\w-]+/g, '-')
      .replace(/^-+|-+$/g, '')
      .slice(0, 60)
      .toLowerCase() || 'brief'
  }-v${number}.${extension}`;

/**
 * `GET /export/versions/<versionId>.md|.pdf|.evidence.json`: a version as Markdown, as PDF
 * with its certificate page, or as its evidence bundle (checked offline by `pnpm verify
 * --bundle` and the /verify page). Bearer token or session cookie; participants of the
 * proposal only (anyone else gets the same 404 as for a version that does not exist).
 */
export function createExportHandler({ orm, keys }: { orm: MikroORM; config: Config; keys: ServerKeys }) {
  return async (req: IncomingMessage, res: ServerResponse, url: URL): Promise<void> => {
    const match = EXPORT_PATH.exec(url.pathname);
    if (!match) return sendError(res, 404, 'NOT_FOUND', 'Not found.');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendError(res, 405, 'BAD_REQUEST', 'Use GET.');
    }
    const token = tokenFrom(req);
    const em = orm.em.fork();
    const viewer = token ? await authenticate(em, token) : undefined;
    if (!viewer || typeof viewer === 'string')
      return sendError(res, 401, 'UNAUTHENTICATED', 'Sign in to download contract versions.');
    const versionId = canonicalId(match[1]!);
    const extension = match[2]!.toLowerCase();
    if (extension === 'evidence.json') {
      let bundle: EvidenceBundle;
      try {
        bundle = await loadEvidenceBundle(em, keys, versionId, viewer.user.id);
      } catch (error) {
        if (error instanceof DomainError) return sendError(res, 404, error.code, error.message);
        throw error;
      }
      const number = bundle.versions.find((version) => version.id === versionId)?.number ?? 0;
      return send(
        req,
        res,
        Buffer.from(`${JSON.stringify(bundle, null, 2)}\n`, 'utf8'),
        'application/json; charset=utf-8',
        fileName(bundle.proposal.title, number, 'evidence.json'),
      );
    }
    let document: VersionDocument;
    try {
      document = await loadVersionDocument(em, versionId, viewer.user.id);
    } catch (error) {
      if (error instanceof DomainError) return sendError(res, 404, error.code, error.message);
      throw error;
    }
    document.receipt = await currentReceipt(em, keys, document.proposal.id);
    let body: Buffer;
    if (extension === 'md') {
      // Markdown is a string walk over the brief: cheap enough to stay on the event loop.
      const { renderMarkdown } = await import('../modules/contract/export/render-markdown.js');
      body = Buffer.from(renderMarkdown(document), 'utf8');
    } else {
      try {
        const pdf = await workPool().run(renderPdfTask, document);
        body = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
      } catch (error) {
        if (error instanceof DomainError && error.code === 'RATE_LIMITED') {
          return sendError(res, 429, error.code, error.message, { 'retry-after': String(WORK_RETRY_AFTER_SECONDS) });
        }
        throw error;
      }
    }
    send(
      req,
      res,
      body,
      extension === 'md' ? 'text/markdown; charset=utf-8' : 'application/pdf',
      fileName(document.proposal.title, document.version.number, extension),
    );
  };
}

function send(req: IncomingMessage, res: ServerResponse, body: Buffer, type: string, name: string): void {
  res.writeHead(200, {
    'content-type': type,
    'content-length': body.length,
    'content-disposition': `attachment; filename="${name}"`,
    'cache-control': 'private, no-store',
    'x-content-type-options': 'nosniff',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
