// `pnpm start`: build what changed, then run the server in this very process. One process
// from pnpm down means Ctrl-C and SIGTERM reach only the server, which shuts down in order
// and exits 0; a shell between them (`build && node …`) would die of the SIGINT itself and
// make pnpm report a failed command.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const build = spawnSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

process.setSourceMapsEnabled(true);
await import(pathToFileURL(path.join(root, 'server/dist/main.js')).href);
