import { describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type * as Y from 'yjs';
import { BROWSER_TEST_TIMEOUT_MS, chromiumPath, useBrowserSession } from '../support/browser.js';
import { completeBrief } from '../support/brief.js';
import { editLiveBrief, freezeOk, writeLiveBrief } from '../support/contract.js';
import { makeProposal, makeUser } from '../support/factories.js';

/** The little of the page's globals these checks read (the tests compile without the DOM's types). */
interface PageGlobals {
  history: { length: number };
  document: {
    activeElement: { tagName: string; textContent: string | null; getAttribute(name: string): string | null } | null;
  };
}

/** How many entries the tab's history holds. */
const historyLength = (page: Page) => page.evaluate(() => (globalThis as unknown as PageGlobals).history.length);

/** The focused element's tag and text, as a screen reader would land on it. */
const focused = (page: Page) =>
  page.evaluate(() => {
    const active = (globalThis as unknown as PageGlobals).document.activeElement;
    return {
      tag: active?.tagName ?? null,
      text: active?.textContent ?? '',
      testId: active?.getAttribute('data-testid') ?? null,
    };
  });

describe.skipIf(!chromiumPath)('routing in Chromium', { timeout: BROWSER_TEST_TIMEOUT_MS }, () => {
  const session = useBrowserSession();
  const { t } = session;

  it('a new page hands focus to its heading, back and forward too; compare choices replace the entry and keep focus', async () => {
    const client = await makeUser(t.api, { name: 'Cora Client' });
    const proposal = await makeProposal(t.api, client, 'Routed proposal');
    await writeLiveBrief(t, client, proposal.id, completeBrief());
    const v1 = await freezeOk(t, client, proposal.id, 'first');
    await editLiveBrief(t, client, proposal.id, (doc) => {
      (doc.getMap('ownership') as Y.Map<unknown>).set('ipOwner', 'SHARED');
    });
    const v2 = await freezeOk(t, client, proposal.id, 'second');

    const page = await session.open(client.token, `/proposals/${proposal.id}`);
    await page.getByRole('heading', { level: 1, name: 'Routed proposal' }).waitFor();
    // A first load leaves focus where the browser puts it.
    await expect(focused(page)).resolves.toMatchObject({ tag: 'BODY' });

    await page.locator('[data-testid="compare-versions"]').click();
    await page.waitForURL(new RegExp(`/proposals/${proposal.id}/compare\\?from=${v1.id}&to=${v2.id}$`));
    await expect.poll(async () => (await focused(page)).tag).toBe('H1');
    await expect(focused(page)).resolves.toMatchObject({ text: 'Compare versions of “Routed proposal”' });
    const entries = await historyLength(page);

    // Choosing versions rewrites the address in place; the select keeps the keyboard.
    await page.locator('[data-testid="compare-swap"]').click();
    await page.waitForURL(new RegExp(`compare\\?from=${v2.id}&to=${v1.id}$`));
    await page.locator('[data-testid="version-diff"][data-from="2"][data-to="1"]').waitFor();
    await expect(focused(page)).resolves.toMatchObject({ testId: 'compare-swap' });
    await expect(historyLength(page)).resolves.toBe(entries);

    await page.goBack();
    await page.waitForURL(new RegExp(`/proposals/${proposal.id}$`));
    await expect.poll(async () => (await focused(page)).text).toBe('Routed proposal');
    await page.goForward();
    await page.waitForURL(/compare/);
    await expect.poll(async () => (await focused(page)).tag).toBe('H1');
    await expect(page.locator('[data-testid="compare-from"]').inputValue()).resolves.toBe(v2.id);
  });

  it('an unknown address shows the not-found page, whose link leads to the proposals', async () => {
    const user = await makeUser(t.api, { name: 'Nora Nowhere' });
    const page = await session.open(user.token, '/no/such/page');
    await page.getByRole('heading', { level: 1, name: 'Page not found' }).waitFor();
    await expect(page.title()).resolves.toBe('Page not found · Brieflock');
    // Inside the signed-in shell: the way home is in the header.
    await page.getByRole('button', { name: 'Sign out', exact: true }).waitFor();

    await page.getByRole('link', { name: 'Go to your proposals' }).click();
    await page.waitForURL(`${t.app.url}/`);
    await expect.poll(async () => (await focused(page)).text).toBe('Your proposals');
  });
});
