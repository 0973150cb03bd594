import { serverAudits, type AuditResult } from 'graphql-http';
import { describe, expect, it } from 'vitest';
import { useTestApp } from './support/app.js';

const t = useTestApp();

/** The GraphQL over HTTP conformance audits of graphql-http, against the running app. */
const audits = serverAudits({ url: () => `${t.app.url}/graphql`, fetchFn: fetch });
const required = audits.filter((audit) => audit.name.startsWith('MUST'));

/** "name: reason" for each failed result. */
const describeFailures = (results: AuditResult[]) =>
  results.flatMap((result) => (result.status === 'ok' ? [] : [`${result.name} (${result.id}): ${result.reason}`]));

describe('GraphQL over HTTP conformance (graphql-http audits)', () => {
  it('has required audits to run', () => {
    expect(required.length).toBeGreaterThan(10);
  });

  it.each(required.map((audit) => [audit.name, audit] as const))('%s', async (_name, audit) => {
    const result = await audit.fn();
    expect(describeFailures([result]), 'failed MUST audit').toEqual([]);
  });

  it('fails no MUST audit when they all run together', async () => {
    const results = await Promise.all(required.map((audit) => audit.fn()));
    const failures = describeFailures(results);
    expect(failures, `failed MUST audits:\n${failures.join('\n')}`).toEqual([]);
  });
});
