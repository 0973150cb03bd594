import 'reflect-metadata';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startApp } from '../../server/src/app.js';
import { loadConfig } from '../../server/src/config.js';
import { startEmbeddedPostgres } from '../../server/src/db/embedded-postgres.js';
import { createLogger } from '../../server/src/logger.js';
import { benchProposalQuery, benchResolverPath } from './graphql.bench.js';
import { printTable, type Result } from './harness.js';

/**
 * `pnpm bench`: each case against a reference measured in the same run.
 * Prints a table and writes bench/results/latest.json.
 */
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const dataDir = await fs.mkdtemp(path.join(os.tmpdir(), 'brieflock-bench-pg-'));
await fs.chmod(dataDir, 0o755);
const embedded = process.env.DATABASE_URL ? undefined : await startEmbeddedPostgres({ dataDir });
const adminUrl = process.env.DATABASE_URL ?? embedded!.url;
const dbName = `brieflock_bench_${process.pid}`;
const admin = new pg.Client({ connectionString: adminUrl });
await admin.connect();
await admin.query(`create database "${dbName}"`);
const databaseUrl = Object.assign(new URL(adminUrl), { pathname: `/${dbName}` }).toString();

const queries: string[] = [];
const config = loadConfig({ NODE_ENV: 'production', PORT: '0', HOST: '127.0.0.1', DATABASE_URL: databaseUrl, LOG_LEVEL: 'silent' });
const app = await startApp(config, createLogger('silent'), { onQuery: (sql) => queries.push(sql) });

const results: Result[] = [];
try {
  results.push(await benchResolverPath(app));
  results.push(...(await benchProposalQuery(app, databaseUrl, queries)));
} finally {
  await app.close();
  await admin.query(`drop database if exists "${dbName}" with (force)`);
  await admin.end();
  await embedded?.stop();
  await fs.rm(dataDir, { recursive: true, force: true });
}

printTable(results);
const machine = `${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`;
console.log(`\nmachine: ${machine}`);
await fs.mkdir(path.join(root, 'bench/results'), { recursive: true });
await fs.writeFile(path.join(root, 'bench/results/latest.json'), `${JSON.stringify(results, null, 2)}\n`);
console.log('wrote bench/results/latest.json');
