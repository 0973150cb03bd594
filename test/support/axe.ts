import axe from 'axe-core';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';

/** One rule an accessibility check found broken, and where: what a failing test prints. */
export interface AxeFinding {
  rule: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * Runs axe-core on what `page` shows (the page, and any dialog open on it) and fails with
 * every violation found, each naming its rule and the elements. A page whose code is still
 * loading (the router's placeholder, `data-page-loading`) is waited for first: the check is
 * of the page, not of the moment before it. axe is evaluated through the DevTools
 * protocol, so the app's content security policy does not stop it.
 */
export async function expectNoAxeViolations(page: Page, what: string): Promise<void> {
  await page.locator('[data-page-loading]').waitFor({ state: 'detached' });
  const loaded = await page.evaluate<boolean>('typeof window.axe === "object"');
  if (!loaded) await page.evaluate<boolean>(`${axe.source};\ntrue`);
  const findings = await page.evaluate<AxeFinding[]>(`
    window.axe.run(document, { resultTypes: ['violations'] }).then((results) =>
      results.violations.map((violation) => ({
        rule: violation.id,
        impact: violation.impact ?? null,
        help: violation.help,
        targets: violation.nodes.map((node) => node.target.join(' ')),
      })),
    )`);
  expect(findings, `accessibility violations on ${what}`).toEqual([]);
}
