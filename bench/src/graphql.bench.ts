import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer, HeaderMap } from '@apollo/server';
import pg from 'pg';
import type { App } from '../../server/src/app.js';
import { load, postJson, result, type Result } from './harness.js';

const REQUESTS = 3000;
const CONCURRENCY = 8;

/** Bare Apollo Server 5 hello world behind the same kind of node:http glue. */
async function startHelloWorld(): Promise<{ url: string; close(): Promise<void> }> {
  const apollo = new ApolloServer({ typeDefs: 'type Query { hello: String }', resolvers: { Query: { hello: () => 'world' } } });
  await apollo.start();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: { method: req.method ?? 'POST', headers, search: '', body: JSON.parse(Buffer.concat(chunks).toString('utf8')) },
        context: async () => ({}),
      });
      for (const [key, value] of response.headers) res.setHeader(key, value);
      res.statusCode = response.status ?? 200;
      res.end(response.body.kind === 'complete' ? response.body.string : '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/graphql`,
    close: async () => {
      await new Promise((resolve) => server.close(resolve));
      await apollo.stop();
    },
  };
}

export async function gql(url: string, query: string, variables: Record<string, unknown> = {}, token?: string) {
  const response = await postJson(url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {});
  const body = JSON.parse(response.body) as { data?: any; errors?: unknown[] };
  if (response.status !== 200 || body.errors) throw new Error(`request failed: ${response.status} ${response.body.slice(0, 300)}`);
  return body.data;
}

/** P4: a GraphQL request through our HTTP glue, hardening and resolver path, no database. */
export async function benchResolverPath(app: App): Promise<Result> {
  const url = `${app.url}/graphql`;
  const reference = await startHelloWorld();
  try {
    const run = (target: string, query: string) => load(() => gql(target, query).then(() => undefined), REQUESTS, CONCURRENCY);
    await run(url, '{ me { id } }'); // warm-up
    await run(reference.url, '{ hello }');
    const ours = await run(url, '{ me { id } }');
    const ref = await run(reference.url, '{ hello }');
    return result('P4', 'GraphQL request, resolver path, no database', ours.perRequestUs, ref.perRequestUs, 'µs/req', {
      oursRps: Math.round(ours.requestsPerSecond),
      referenceRps: Math.round(ref.requestsPerSecond),
      oursP99Ms: ours.p99Ms,
    });
  } finally {
    await reference.close();
  }
}

const PROPOSAL_QUERY = `query($id: ID!) { proposal(id: $id) { id title myRole participants { id role pending user { id name email } } } }`;

/** P5: a proposal with 20 participants, against the same rows read with raw `pg`. */
export async function benchProposalQuery(app: App, databaseUrl: string, queries: string[]): Promise<Result[]> {
  const url = `${app.url}/graphql`;
  const signUp = (n: number) =>
    gql(url, 'mutation($i: SignUpInput!) { signUp(input: $i) { token user { id email } } }', {
      i: { email: `bench-${n}-${process.pid}@example.test`, password: 'benchmark passphrase', name: `Bench ${n}` },
    }).then((data) => data.signUp as { token: string; user: { id: string; email: string } });
  const owner = await signUp(0);
  const proposal = (await gql(url, 'mutation { createProposal(input: { title: "Bench" }) { id } }', {}, owner.token)).createProposal as { id: string };
  for (let n = 1; n < 20; n++) {
    await gql(url, 'mutation($i: AddParticipantInput!) { addParticipant(input: $i) { id } }', {
      i: { proposalId: proposal.id, email: `invitee-${n}-${process.pid}@example.test`, role: n % 3 ? 'FREELANCER' : 'VIEWER' },
    }, owner.token);
  }

  queries.length = 0;
  await gql(url, PROPOSAL_QUERY, { id: proposal.id }, owner.token);
  // MikroORM's log lines carry ANSI colours: strip them before looking at the statement.
  const statements = queries.map((line) => line.replace(/\x1b\[[0-9;]*m/g, '')).filter((sql) => /\[query\] (select|insert|update|delete)\b/i.test(sql)).length;

  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  const tokenHash = (await pool.query('select token_hash from sessions where user_id = $1', [owner.user.id])).rows[0].token_hash as string;
  let referenceStatements = 0;
  const query = (sql: string, params: unknown[]) => {
    referenceStatements++;
    return pool.query(sql, params);
  };
  const raw = async () => {
    const session = await query('select s.*, u.* from sessions s join users u on u.id = s.user_id where s.token_hash = $1', [tokenHash]);
    const userId = session.rows[0].user_id as string;
    await query('select role from participants where proposal_id = $1 and user_id = $2', [proposal.id, userId]);
    await query('select * from proposals where id = $1', [proposal.id]);
    const participants = await query('select * from participants where proposal_id = $1 order by created_at, id', [proposal.id]);
    await query('select * from users where id = any($1)', [participants.rows.map((row) => row.user_id)]);
  };
  try {
    await raw();
    const statementsPerReference = referenceStatements;
    await load(raw, 300, 8);
    await load(() => gql(url, PROPOSAL_QUERY, { id: proposal.id }, owner.token).then(() => undefined), 300, 8);
    const ref = await load(raw, 2000, 8);
    const ours = await load(() => gql(url, PROPOSAL_QUERY, { id: proposal.id }, owner.token).then(() => undefined), 2000, 8);
    return [
      result('P5', 'proposal with 20 participants (and their users)', ours.perRequestUs, ref.perRequestUs, 'µs/req', {
        oursP99Ms: ours.p99Ms,
        referenceP99Ms: ref.p99Ms,
      }),
      result('P5q', 'SQL statements for that query', statements, statementsPerReference, 'statements'),
    ];
  } finally {
    await pool.end();
  }
}
