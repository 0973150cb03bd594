import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO_ROOT } from './process.js';

const read = (file: string) => readFileSync(path.join(REPO_ROOT, file), 'utf8');

/** The last stage of the Dockerfile: what the production image runs. */
function runtimeStage(): string[] {
  const lines = read('Dockerfile').split('\n');
  const from = lines.findLastIndex((line) => /^FROM\s/i.test(line));
  return lines.slice(from);
}

/** The Dockerfile's CMD (exec form), e.g. `["node", "--enable-source-maps", "server/dist/main.js"]`. */
export function dockerCmd(): string[] {
  const line = runtimeStage().find((candidate) => /^CMD\s/i.test(candidate));
  if (!line) throw new Error('the Dockerfile has no CMD');
  const command: unknown = JSON.parse(line.replace(/^CMD\s+/i, ''));
  if (!Array.isArray(command) || !command.every((part) => typeof part === 'string'))
    throw new Error(`the Dockerfile's CMD is not in exec form: ${line}`);
  return command;
}

/** The Dockerfile's WORKDIR: where the repository is copied and the CMD runs. */
export function dockerWorkdir(): string {
  const line = runtimeStage().findLast((candidate) => /^WORKDIR\s/i.test(candidate));
  return line?.replace(/^WORKDIR\s+/i, '').trim() ?? '/';
}

/** The runtime stage's `ENV KEY=value …` settings. */
export function dockerEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const line of runtimeStage().filter((candidate) => /^ENV\s/i.test(candidate)))
    for (const pair of line
      .replace(/^ENV\s+/i, '')
      .trim()
      .split(/\s+/)) {
      const [key, ...value] = pair.split('=');
      if (!key || value.length === 0) throw new Error(`an ENV the harness cannot read: ${line}`);
      env[key] = value.join('=');
    }
  return env;
}

interface ComposeService {
  build?: unknown;
  environment?: Record<string, string | number | boolean | null> | string[];
  [key: string]: unknown;
}

/** docker-compose.yml, parsed (anchors and aliases resolved). */
export function compose(): { services: Record<string, ComposeService> } {
  return parse(read('docker-compose.yml'), { merge: true });
}

/** The services built from this repository (the app instances). */
export function appServices(): [string, ComposeService][] {
  return Object.entries(compose().services).filter(([, service]) => service.build !== undefined);
}

/** A service's environment as written, list or map form. */
export function environmentOf(service: ComposeService): Record<string, string> {
  const env = service.environment ?? {};
  if (Array.isArray(env))
    return Object.fromEntries(
      env.map((entry) => {
        const [key, ...value] = entry.split('=');
        return [key!, value.join('=')];
      }),
    );
  return Object.fromEntries(Object.entries(env).map(([key, value]) => [key, value === null ? '' : String(value)]));
}

/**
 * Compose's variable interpolation: `${VAR}`, `${VAR:-default}`, `${VAR-default}`,
 * `${VAR:?message}` and `${VAR?message}` (an error when VAR is missing), `$$` a dollar.
 */
export function interpolate(value: string, vars: Record<string, string | undefined>): string {
  return value.replace(
    /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?)([-?])([^}]*))?\}/g,
    (whole, name, colon, kind, rest) => {
      if (whole === '$$') return '$';
      const set = vars[name as string];
      const missing = set === undefined || (colon === ':' && set === '');
      if (!missing) return set!;
      if (kind === '-') return rest as string;
      if (kind === '?') throw new Error(`docker-compose.yml needs ${name}: ${rest}`);
      return '';
    },
  );
}
