import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { percentile } from '../support/bystander.js';

/**
 * Password hashing (argon2) runs on libuv's thread pool, which file reads share. A flood
 * of sign-ins must slow sign-ins only: the home page, a static file, stays served while
 * the flood is being hashed. Nothing here is an absolute speed: home-page requests during
 * the flood are measured against home-page requests just before it, on the same machine.
 */

const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token } }';
/** Sign-ins sent at once, each for an e-mail of its own (so no e-mail is locked out). */
const FLOOD = 200;
/** Home-page requests that must complete before half of the flood is answered. */
const MIN_PAGES_DURING = 10;
/** Idle home-page requests measured first. */
const BASELINE_PAGES = 20;
/** The median home page during the flood may take at most this many times the idle p90. */
const SLOWDOWN_FACTOR = 10;
/** The flood comes from one client: its guessing throttle would refuse it before any hashing. */
const UNTHROTTLED = { signInThrottle: { clientFreeFailures: 100_000 } };
/** Pause between two home-page requests: pacing, not waiting for anything. */
const PAGE_PACE_MS = 20;

const clientDist = mkdtempSync(path.join(os.tmpdir(), 'brieflock-static-'));
writeFileSync(path.join(clientDist, 'index.html'), '<!doctype html><title>Brieflock</title>');
afterAll(() => rmSync(clientDist, { recursive: true, force: true }));

function signInFlood(api: { url: string }, count: number, tag: string) {
  let answered = 0;
  const codes = Promise.all(
    Array.from({ length: count }, (_, i) =>
      fetch(`${api.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: SIGN_IN,
          variables: { input: { email: `flood-${tag}-${i}@example.test`, password: 'not-the-password-1' } },
        }),
      })
        .then((response) => response.json() as Promise<{ errors?: { extensions?: { code?: string } }[] }>)
        .then((body) => {
          answered += 1;
          return body.errors?.[0]?.extensions?.code ?? 'OK';
        }),
    ),
  );
  return { codes, answered: () => answered };
}

describe('a flood of sign-ins', () => {
  // The default concurrency, and a queue that takes the whole flood.
  const t = useTestApp({ CLIENT_DIST: clientDist, PASSWORD_HASH_QUEUE: '1000' }, UNTHROTTLED);

  it('leaves the home page served while the flood is hashed', async () => {
    const home = async () => {
      const started = performance.now();
      const response = await fetch(`${t.app.url}/`);
      await response.text();
      return { status: response.status, ms: performance.now() - started };
    };
    expect((await home()).status).toBe(200);
    const idle: number[] = [];
    for (let i = 0; i < BASELINE_PAGES; i++) {
      idle.push((await home()).ms);
      await new Promise((resolve) => setTimeout(resolve, PAGE_PACE_MS));
    }

    const flood = signInFlood(t.api, FLOOD, 'a');
    let pagesWhileHalfUnanswered = 0;
    const pageStatuses: number[] = [];
    const pageTimes: number[] = [];
    while (flood.answered() < FLOOD / 2) {
      const page = await home();
      pageStatuses.push(page.status);
      pageTimes.push(page.ms);
      if (flood.answered() < FLOOD / 2) pagesWhileHalfUnanswered += 1;
      await new Promise((resolve) => setTimeout(resolve, PAGE_PACE_MS));
    }
    const codes = await flood.codes;

    expect(
      codes.every((code) => code === 'UNAUTHENTICATED'),
      JSON.stringify(codes.slice(0, 5)),
    ).toBe(true);
    expect(pageStatuses.every((status) => status === 200)).toBe(true);
    const report = `idle p90 ${percentile(idle, 90).toFixed(1)} ms, during: ${pageTimes.length} pages, median ${percentile(pageTimes, 50).toFixed(1)} ms, longest ${Math.max(...pageTimes).toFixed(0)} ms`;
    expect(pagesWhileHalfUnanswered, report).toBeGreaterThanOrEqual(MIN_PAGES_DURING);
    expect(percentile(pageTimes, 50), report).toBeLessThan(SLOWDOWN_FACTOR * percentile(idle, 90));
  }, 180_000);
});

describe('sign-ins beyond the hashing queue', () => {
  const t = useTestApp(
    { CLIENT_DIST: clientDist, PASSWORD_HASH_CONCURRENCY: '1', PASSWORD_HASH_QUEUE: '4' },
    UNTHROTTLED,
  );

  it('are refused with RATE_LIMITED at once; the rest are checked as usual', async () => {
    const codes = await signInFlood(t.api, 30, 'b').codes;
    const refused = codes.filter((code) => code === 'RATE_LIMITED').length;
    expect(refused).toBeGreaterThanOrEqual(1);
    expect(codes.filter((code) => code === 'UNAUTHENTICATED').length).toBeGreaterThanOrEqual(5);
    expect(refused + codes.filter((code) => code === 'UNAUTHENTICATED').length).toBe(codes.length);
  }, 120_000);
});
