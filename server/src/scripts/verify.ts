/**
 * `pnpm verify <proposalId> [--json]`: recomputes every hash and link of a proposal's
 * contract straight from the database and reports the first record that does not
 * match. Exit code 0 when everything matches, 1 when something does not, 2 when the
 * proposal is unknown or the command is misused.
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
import { verifyProposal, type QueryRows } from '../modules/contract/verify-proposal.js';
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

async function main(): Promise<number> {
  const args = process.argv.slice(2).filter((arg) => arg !== '--');
  const json = args.includes('--json');
  const requested = args.find((arg) => !arg.startsWith('--'));
  if (!requested || !isId(requested)) {
    process.stderr.write('usage: pnpm verify <proposalId> [--json]\n');
    return 2;
  }
  const proposalId = canonicalId(requested);
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
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
    const [proposal] = await query<{ title: string }>('select "title" from "proposals" where "id" = $1', [proposalId]);
    if (!proposal) {
      process.stderr.write(`no proposal ${proposalId} in this database\n`);
      return 2;
    }
    const report = await verifyProposal(query, proposalId);
    if (json) {
      process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    } else {
      process.stdout.write(
        `${proposal.title} (${proposalId}): ${report.versionsChecked} versions, ${report.signaturesChecked} signatures, ${report.auditEventsChecked} audit events checked\n`,
      );
      const first = report.firstMismatch;
      if (!first) process.stdout.write('OK: every hash and link matches\n');
      else {
        process.stdout.write(
          `MISMATCH: ${first.kind.toLowerCase().replace('_', ' ')} ${first.id}${first.number !== null ? ` (version ${first.number})` : ''}, ${first.field}: ${first.message}\n` +
            `  expected ${first.expected ?? 'null'}\n  actual   ${first.actual ?? 'null'}\n`,
        );
        if (report.mismatches.length > 1)
          process.stdout.write(
            `${report.mismatches.length - 1} more mismatches follow from it or elsewhere (--json lists them)\n`,
          );
      }
    }
    return report.ok ? 0 : 1;
  } finally {
    await client.end();
    await embedded?.stop();
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
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
