// `pnpm build`: the schema package, the server and the web client, rebuilding only what
// changed. tsc's build mode keeps its own record of inputs and outputs (*.tsbuildinfo), so an
// unchanged schema and server cost a few stat calls. Vite has no up-to-date check of its
// own, so the web client is rebuilt only when one of its inputs is newer than the
// index.html of the last build (a full build takes a few seconds; the check a few ms).
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const force = process.argv.includes('--force');

/** Runs a build step; a failure ends the build with the step's exit code. */
function run(command, args, cwd = root) {
  const result = spawnSync(command, args, { cwd, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

/** The newest modification time under `entry` (a file or a directory), 0 when missing. */
function newest(entry) {
  let stat;
  try {
    stat = fs.statSync(entry);
  } catch {
    return 0;
  }
  if (!stat.isDirectory()) return stat.mtimeMs;
  let latest = stat.mtimeMs;
  for (const name of fs.readdirSync(entry)) {
    if (name === 'node_modules' || name === 'dist') continue;
    latest = Math.max(latest, newest(path.join(entry, name)));
  }
  return latest;
}

const tscArgs = ['-b', 'schema/tsconfig.build.json', 'server/tsconfig.build.json'];
run(bin('tsc'), force ? [...tscArgs, '--force'] : tscArgs);

const clientInputs = [
  'client/src',
  'client/public',
  'client/index.html',
  'client/vite.config.ts',
  'client/package.json',
  'schema/src',
  'pnpm-lock.yaml',
].map((entry) => path.join(root, entry));
const builtAt = newest(path.join(root, 'client/dist/index.html'));
if (force || builtAt === 0 || clientInputs.some((entry) => newest(entry) > builtAt)) {
  run(bin('vite'), ['build', '--logLevel', 'warn'], path.join(root, 'client'));
}
