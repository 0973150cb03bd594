import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll } from 'vitest';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '@brieflock/schema';
import { useTestApp, type TestApp } from './app.js';

const CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
];

/** A Chromium on this machine: CHROMIUM_PATH, else the usual Debian/Ubuntu paths. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export const chromiumPath = findChromium();

/**
 * How long one browser test may take. Two Chromium contexts typing against a server,
 * while the rest of the suite loads both cores, take 20–25 s; a hang still fails.
 */
export const BROWSER_TEST_TIMEOUT_MS = 90_000;

if (!chromiumPath) {
  console.log(
    'SKIPPED: browser tests need Chromium — install it with "apt-get install -y chromium" or set CHROMIUM_PATH',
  );
}

/** Headless Chromium with the flags this sandboxed, offline machine needs. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: chromiumPath,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}

const ARTEFACTS = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test-results/screenshots');

/** Keeps a screenshot as a test artefact under test-results/screenshots. */
export async function keepScreenshot(page: Page, name: string): Promise<string> {
  await fs.mkdir(ARTEFACTS, { recursive: true });
  const file = path.join(ARTEFACTS, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  return file;
}

/** One app and one Chromium for a browser test file, with signed-in contexts closed after it. */
export interface BrowserSession {
  t: TestApp;
  /** A new context signed in as the holder of `token` through the session cookie. */
  signedInContext(token: string, options?: BrowserContextOptions): Promise<BrowserContext>;
  /** A page of a new signed-in context, opened at `urlPath` of the app. */
  open(token: string, urlPath: string, options?: BrowserContextOptions): Promise<Page>;
  /**
   * A page on the passkeys' relying party (`localhost`: WebAuthn refuses IP addresses),
   * with a virtual platform authenticator (Chrome DevTools WebAuthn domain), signed in as
   * the holder of `token` unless it is null.
   */
  openWithAuthenticator(token: string | null, urlPath: string, options?: BrowserContextOptions): Promise<Page>;
  /** The app's address on the relying party's host. */
  rpUrl(): string;
}

/** Gives `page` a virtual CTAP2 platform authenticator that holds discoverable keys and verifies its user. */
export async function addVirtualAuthenticator(page: Page): Promise<string> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

/** Starts the file's app (with `env`) and Chromium before its tests and closes both after them. */
export function useBrowserSession(env: Record<string, string> = {}): BrowserSession {
  const t = useTestApp(env);
  let browser: Browser | undefined;
  const contexts: BrowserContext[] = [];
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    for (const context of contexts.splice(0)) await context.close().catch(() => undefined);
    await browser?.close();
  });
  const session: BrowserSession = {
    t,
    async signedInContext(token, options = {}) {
      const context = await browser!.newContext(options);
      contexts.push(context);
      const { hostname } = new URL(t.app.url);
      await context.addCookies([
        { name: SESSION_COOKIE, value: token, domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' },
      ]);
      return context;
    },
    async open(token, urlPath, options) {
      const page = await (await session.signedInContext(token, options)).newPage();
      await page.goto(`${t.app.url}${urlPath}`);
      return page;
    },
    rpUrl() {
      return t.app.url.replace('//127.0.0.1:', '//localhost:');
    },
    async openWithAuthenticator(token, urlPath, options = {}) {
      const context = await browser!.newContext(options);
      contexts.push(context);
      if (token)
        await context.addCookies([
          { name: SESSION_COOKIE, value: token, domain: 'localhost', path: '/', httpOnly: true, sameSite: 'Lax' },
        ]);
      const page = await context.newPage();
      await addVirtualAuthenticator(page);
      await page.goto(`${session.rpUrl()}${urlPath}`);
      return page;
    },
  };
  return session;
}
