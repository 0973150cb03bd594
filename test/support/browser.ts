import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { SESSION_COOKIE } from '@brieflock/schema';

const CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

/** A Chromium on this machine: CHROMIUM_PATH, else the usual Debian/Ubuntu paths. */
export function findChromium(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CANDIDATES.find((candidate) => existsSync(candidate));
}

export const chromiumPath = findChromium();

if (!chromiumPath) {
  console.log('SKIPPED: browser tests need Chromium — install it with "apt-get install -y chromium" or set CHROMIUM_PATH');
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

/**
 * A new browser context signed in as the holder of `token` through the session cookie,
 * with a page open at `path` of the app at `appUrl`.
 */
export async function openSignedIn(browser: Browser, appUrl: string, token: string, urlPath: string, options: { acceptDownloads?: boolean } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext(options);
  const { hostname } = new URL(appUrl);
  await context.addCookies([{ name: SESSION_COOKIE, value: token, domain: hostname, path: '/', httpOnly: true, sameSite: 'Lax' }]);
  const page = await context.newPage();
  await page.goto(`${appUrl}${urlPath}`);
  return { context, page };
}
