/**
 * `pnpm verify <proposalId> [--receipt <file>] [--keys <file>] [--json]`: recomputes every
 * hash, link and server signature of a proposal's contract straight from the database,
 * cross-checks the audit trail and, given a receipt, reports any deletion or rollback
 * behind it. `pnpm verify --bundle <file> [--keys <file>] [--json]` checks an evidence
 * bundle without any database. Exit code 0 when everything matches, 1 when something
 * does not (the first mismatch is named), 2 when the proposal is unknown or the input
 * cannot be read.
 *
 * Trusted server keys: SIGNING_KEY (or the key file in DATA_DIR) and SIGNING_KEYS_RETIRED,
 * or the keys of a `--keys` file in the format of GET /.well-known/brieflock-keys. A bundle
 * is checked against its own keys unless `--keys` pins others.
 *
 * Uses DATABASE_URL, or the embedded PostgreSQL under DATA_DIR: a running app's
 * database is read where it runs; otherwise it is started for the check and stopped.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { type Config, ConfigError, loadConfig } from '../config.js';
import { ensureDatabase } from '../db/orm.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../db/embedded-postgres.js';
import {
  type EvidenceBundle,
  EvidenceFormatError,
  type Mismatch,
  parseEvidenceBundle,
  type PublishedKey,
  type Receipt,
  verifyEvidenceBundle,
} from '@brieflock/schema';
import { verifyProposal, type QueryRows } from '../modules/contract/verify-proposal.js';
import { loadServerKeys } from '../modules/trust/server-keys.js';
import { isAlive } from '../system.js';
import { canonicalId, isId } from '../validation.js';

const EMBEDDED_DATABASE = 'brieflock';

/** The URL of an embedded cluster a running app already serves, if any. */
async function runningEmbedded(dataDir: string): Promise<string | null> {
  try {
    const lines = (await readFile(path.join(dataDir, 'pgdata', 'postmaster.pid'), 'utf8')).split('\n');
    const pid = Number(lines[0]);
    const port = Number(lines[3]);
    if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return null;
    const password = (await readFile(path.join(dataDir, 'postgres-password'), 'utf8')).trim();
    return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${EMBEDDED_DATABASE}`;
  } catch {
    return null;
  }
}

class UsageError extends Error {}

/** The value after `--name`, if the flag is given. */
function flag(args: string[], name: string): string | undefined {
  const index = args.indexOf(name);
  if (index === -1) return undefined;
  const value = args[index + 1];
  if (!value || value.startsWith('--')) throw new UsageError(`${name} needs a file`);
  return value;
}

async function readInput(file: string, what: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read the ${what} ${file}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`);
  }
}

/** Keys in the format of GET /.well-known/brieflock-keys. */
async function keysFile(file: string): Promise<PublishedKey[]> {
  try {
    const parsed = JSON.parse(await readInput(file, 'keys file')) as { keys?: PublishedKey[] };
    if (!Array.isArray(parsed.keys)) throw new Error('no "keys" array');
    return parsed.keys;
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`the keys file ${file} is not a /.well-known/brieflock-keys document`);
  }
}

function trustedOf(keys: readonly PublishedKey[]): Map<string, string> {
  return new Map(keys.map((key) => [key.keyId, key.publicKey]));
}

function printMismatch(first: Mismatch, more: number): void {
  process.stdout.write(
    `MISMATCH: ${first.kind.toLowerCase().replace('_', ' ')} ${first.id}${first.number !== null ? ` (version ${first.number})` : ''}, ${first.field}: ${first.message}\n` +
      `  expected ${first.expected ?? 'null'}\n  actual   ${first.actual ?? 'null'}\n`,
  );
  if (more > 0) process.stdout.write(`${more} more mismatches follow from it or elsewhere (--json lists them)\n`);
}

async function verifyBundle(file: string, pinned: PublishedKey[] | undefined, json: boolean): Promise<number> {
  let bundle: EvidenceBundle;
  try {
    bundle = parseEvidenceBundle(await readInput(file, 'bundle'));
  } catch (error) {
    if (error instanceof EvidenceFormatError) throw new UsageError(`${file}: ${error.message}`);
    throw error;
  }
  const report = await verifyEvidenceBundle(bundle, { pinnedKeys: pinned });
  if (json) process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
  else {
    process.stdout.write(
      `${bundle.proposal.title} (${bundle.proposal.id}), version ${bundle.versionId}: ${report.checks.length} checks, server keys from ${report.keySource === 'pinned' ? '--keys' : 'the bundle itself (pin them with --keys)'}\n`,
    );
    if (report.firstMismatch) printMismatch(report.firstMismatch, report.mismatches.length - 1);
    else process.stdout.write('OK: every hash, link and signature in the bundle matches\n');
  }
  return report.ok ? 0 : 1;
}

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const json = args.includes('--json');
  const bundleFile = flag(args, '--bundle');
  const receiptFile = flag(args, '--receipt');
  const keysPath = flag(args, '--keys');
  const pinned = keysPath ? await keysFile(keysPath) : undefined;
  if (bundleFile) return verifyBundle(bundleFile, pinned, json);

  const valued = new Set([receiptFile, keysPath]);
  const requested = args.find((arg) => !arg.startsWith('--') && !valued.has(arg));
  if (!requested || !isId(requested)) throw new UsageError(USAGE);
  const proposalId = canonicalId(requested);
  let receipt: Receipt | undefined;
  if (receiptFile) {
    try {
      receipt = JSON.parse(await readInput(receiptFile, 'receipt')) as Receipt;
      if (typeof receipt.headHash !== 'string' || typeof receipt.length !== 'number') throw new Error('not a receipt');
    } catch (error) {
      if (error instanceof UsageError) throw error;
      throw new UsageError(
        `${receiptFile} is not a receipt (JSON with proposalId, headHash, length, issuedAt, keyId, signature)`,
      );
    }
  }
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new UsageError(error.message);
    throw error;
  }
  let trusted: ReadonlyMap<string, string>;
  try {
    trusted = pinned ? trustedOf(pinned) : (await loadServerKeys(config, { create: false })).trusted;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    throw new UsageError(
      "no server key to check signatures with: set SIGNING_KEY (and SIGNING_KEYS_RETIRED), or pass --keys <file> with the server's /.well-known/brieflock-keys",
    );
  }

  let embedded: EmbeddedPostgres | undefined;
  let url = config.databaseUrl ?? (await runningEmbedded(config.dataDir));
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.dataDir });
    url = await ensureDatabase(embedded.url, EMBEDDED_DATABASE);
  }
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const query: QueryRows = async (sql, params) => (await client.query(sql, params)).rows;
    const id = proposalId.toLowerCase();
    const [proposal] = await query<{ title: string }>('select "title" from "proposals" where "id" = $1', [id]);
    if (!proposal) {
      process.stderr.write(`no proposal ${proposalId} in this database\n`);
      return 2;
    }
    const report = await verifyProposal(query, id, { trusted, receipt, rpId: config.relyingParty.id });
    if (json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(
        `${proposal.title} (${id}): ${report.versionsChecked} versions, ${report.signaturesChecked} signatures, ${report.auditEventsChecked} audit events checked${receipt ? `, against a receipt for ${receipt.length} audit events` : ''}\n`,
      );
      const first = report.firstMismatch;
      if (!first) process.stdout.write('OK: every hash, link and server signature matches\n');
      else printMismatch(first, report.mismatches.length - 1);
    }
    return report.ok ? 0 : 1;
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

const USAGE =
  'usage: pnpm verify <proposalId> [--receipt <file>] [--keys <file>] [--json]\n       pnpm verify --bundle <file> [--keys <file>] [--json]';

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    if ((error as { code?: unknown }).code === '42P01') {
      process.stderr.write(
        'verify failed: this database has no Brieflock tables yet; start the app once (pnpm start) to create them\n',
      );
      process.exit(2);
    }
    process.stderr.write(`verify failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  },
);
