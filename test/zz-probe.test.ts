import { afterAll, beforeAll, it } from 'vitest';
import { LIMITS } from '@brieflock/schema';
import { startTestApp, type TestApp } from './support/app.js';

let t: TestApp;
beforeAll(async () => { t = await startTestApp(); });
afterAll(() => t.close());

async function post(body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) {
  const r = await fetch(`${t.app.url}/graphql`, { method: 'POST', headers, body });
  return `${r.status} ${r.headers.get('content-type')} ${(await r.text()).slice(0, 400)}`;
}
const q = (query: string) => JSON.stringify({ query });

it('probe', async () => {
  const ofType = (n: number) => { let s = 'name'; for (let i = 0; i < n; i++) s = `ofType { ${s} }`; return s; };
  // depth: __type=1, fields=2, type=3, ofType... name
  const deep = (d: number) => `{ __type(name: "Query") { fields { type { ${ofType(d - 4)} } } } }`;
  console.log('depth10', await post(q(deep(10))));
  console.log('depth11', await post(q(deep(11))));
  const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
  console.log('alias15', await post(q(aliases(15))));
  console.log('alias16', await post(q(aliases(16))));
  const dirs = (n: number) => `{ me { id ${Array.from({ length: n }, () => '@include(if: true)').join(' ')} } }`;
  console.log('dir20', await post(q(dirs(20))));
  console.log('dir21', await post(q(dirs(21))));
  const tokens = (n: number) => `{ ${Array.from({ length: n - 2 }, () => '__typename').join(' ')} }`;
  console.log('tok2000', await post(q(tokens(2000))));
  console.log('tok2001', await post(q(tokens(2001))));
  console.log('batch', await post(JSON.stringify([{ query: '{ me { id } }' }, { query: '{ me { id } }' }])));
  console.log('textplain', await post(q('{ __typename }'), { 'content-type': 'text/plain' }));
  console.log('badjson', await post('{"query": ', { 'content-type': 'application/json' }));
  console.log('suggest', await post(q('{ mee { id } }')));
  const g = await fetch(`${t.app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`);
  console.log('get', g.status, await g.text());
  const g2 = await fetch(`${t.app.url}/graphql?query=${encodeURIComponent('{ __typename }')}`, { headers: { 'apollo-require-preflight': 'true' } });
  console.log('get-preflight', g2.status, await g2.text());
  const big = 'x'.repeat(LIMITS.graphqlMaxBodyBytes + 1);
  console.log('big', await post(JSON.stringify({ query: `{ __typename }`, variables: { big } })).catch((e) => `ERR ${e} ${e.cause}`));
  console.log('after', await post(q('{ __typename }')));
});
