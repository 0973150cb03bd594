import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BUILT = Symbol.for('brieflock.test.built');

/**
 * Builds what `pnpm start` runs (incrementally, through the same script), so process and
 * browser tests exercise the shipped artefacts. Projects that share a run build once.
 */
export default function setup(): void {
  if (process.env.BRIEFLOCK_TEST_SKIP_BUILD === '1') return;
  const state = globalThis as { [BUILT]?: boolean };
  if (state[BUILT]) return;
  execFileSync(process.execPath, [path.join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
  state[BUILT] = true;
}
