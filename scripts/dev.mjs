// `pnpm dev`: the server with reload on change, the schema package rebuilt on change,
// and Vite's dev server for the web client (http://localhost:5173, proxying the API).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);
const env = {
  ...process.env,
  ALLOWED_ORIGINS: process.env.ALLOWED_ORIGINS ?? `http://localhost:${process.env.PORT ?? 4000},http://localhost:5173`,
};

const children = [
  spawn(bin('tsc'), ['-p', 'schema/tsconfig.build.json', '--watch', '--preserveWatchOutput'], {
    cwd: root,
    stdio: 'inherit',
    env,
  }),
  spawn(
    process.execPath,
    [
      '--watch-path=server/src',
      '--watch-path=schema/dist',
      '--import',
      '@swc-node/register/esm-register',
      'server/src/main.ts',
    ],
    {
      cwd: root,
      stdio: 'inherit',
      env,
    },
  ),
  spawn(bin('vite'), [], { cwd: path.join(root, 'client'), stdio: 'inherit', env }),
];

const stop = (signal) => {
  for (const child of children) child.kill(signal);
};
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
for (const child of children) child.on('exit', (code) => code && code !== 0 && stop('SIGTERM'));
