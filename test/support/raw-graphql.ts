import { afterAll, beforeAll, expect } from 'vitest';
import { startTestApp, type TestApp } from './app.js';

export interface RawResponse {
  status: number;
  headers: Headers;
  text: string;
  /** The body parsed as JSON; undefined when it is not JSON. */
  json:
    | { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: { code?: string } }[] }
    | undefined;
}

/** Every response body this file received: none may carry a stack trace. */
const seenBodies: string[] = [];

/** A request to `/graphql` exactly as given (method, headers, raw body). */
export async function send(app: TestApp, init: RequestInit & { search?: string } = {}): Promise<RawResponse> {
  const response = await fetch(`${app.app.url}/graphql${init.search ?? ''}`, init);
  const text = await response.text();
  seenBodies.push(text);
  let json: RawResponse['json'];
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}

/** POSTs one operation as application/json. */
export function post(
  app: TestApp,
  query: string,
  variables?: Record<string, unknown>,
  headers: Record<string, string> = {},
) {
  return send(app, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ query, variables }),
  });
}

export const codes = (response: RawResponse) => response.json?.errors?.map((error) => error.extensions?.code);
export const messages = (response: RawResponse) => response.json?.errors?.map((error) => error.message) ?? [];

/** Asserts a successful execution: 200, data, no errors. */
export function expectExecuted(response: RawResponse) {
  expect(response.json?.errors, response.text.slice(0, 300)).toBeUndefined();
  expect(response.status).toBe(200);
  expect(response.json?.data).toBeTruthy();
}

/** Asserts a refusal before execution: the status, an error with `code` and a matching message, no data. */
export function expectRefused(response: RawResponse, status: number, code: string, message: RegExp) {
  expect(response.status, response.text.slice(0, 300)).toBe(status);
  expect(response.json?.data).toBeUndefined();
  expect(codes(response)).toContain(code);
  expect(
    messages(response).some((text) => message.test(text)),
    JSON.stringify(messages(response)),
  ).toBe(true);
}

/** Asserts that no response received so far carried a stack trace. */
export function expectNoStackTraces(): void {
  expect(seenBodies.length).toBeGreaterThan(0);
  const withStack = seenBodies.filter((body) => /stacktrace/i.test(body));
  expect(withStack, 'responses carrying a stack trace').toEqual([]);
}

/**
 * A development and a production app for the calling test file; when the file is
 * done, asserts that no response it received carried a stack trace.
 */
export function useDevAndProdApps(): { dev: TestApp; prod: TestApp } {
  const apps = {} as { dev: TestApp; prod: TestApp };
  beforeAll(async () => {
    [apps.dev, apps.prod] = await Promise.all([
      startTestApp({ NODE_ENV: 'development' }),
      startTestApp({ NODE_ENV: 'production' }),
    ]);
  });
  afterAll(async () => {
    expectNoStackTraces();
    await Promise.all([apps.dev?.close(), apps.prod?.close()]);
  });
  return apps;
}
