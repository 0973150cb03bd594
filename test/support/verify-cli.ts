import { execFile } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { TEST_SIGNING_KEY } from './constants.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The verify command compiles its sources at start: slow on a busy machine. */
export const CLI_TIMEOUT = 160_000;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** `pnpm verify …`, exactly as a person runs it, against `databaseUrl` (none: no database at all). */
export function runVerify(databaseUrl: string | null, ...args: string[]): Promise<CliResult> {
  const env: NodeJS.ProcessEnv = { ...process.env, SIGNING_KEY: TEST_SIGNING_KEY };
  if (databaseUrl) env.DATABASE_URL = databaseUrl;
  else delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(
      'pnpm',
      ['--silent', 'verify', ...args],
      { cwd: repoRoot, env, timeout: 50_000 },
      (error, stdout, stderr) =>
        resolve({
          code: error ? Number(error.code ?? -1) : 0,
          stdout,
          stderr: error && error.code === undefined ? `${stderr}${error.signal ?? ''} ${error.message}` : stderr,
        }),
    );
  });
}
