import assert from 'node:assert/strict';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { stripVTControlCharacters } from 'node:util';
import { ApolloServer, HeaderMap } from '@apollo/server';
import pg from 'pg';
import type { App } from '../../server/src/app.js';
import { completeBrief, writeBrief } from '../../test/support/brief.js';
import { openPeer, SavedFrames, whenSynced, type CollabTarget } from './collab/peers.js';
import { load, median, postJson, result, roundsResult, type LoadStats, type Result } from './harness.js';
import { pageOriginOf, SoftwareAuthenticator } from '../../test/support/webauthn.js';

const CONCURRENCY = 8;
/** P4 and P5 alternate ours and the floor over this many rounds… */
const ROUNDS = 6;
/** …of this many requests each (P4's requests are short: more of them per round). */
const REQUESTS_PER_ROUND = 1500;
const P5_REQUESTS_PER_ROUND = 400;

/** Bare Apollo Server 5 hello world behind the same kind of node:http glue. */
async function startHelloWorld(): Promise<{ url: string; close(): Promise<void> }> {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  await apollo.start();
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = new HeaderMap();
      for (const [key, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(key, value);
      const response = await apollo.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: req.method ?? 'POST',
          headers,
          search: '',
          body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
        },
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
  // The benchmarks read what they asked for; the shape is theirs to know.
  // biome-ignore lint/suspicious/noExplicitAny: a GraphQL response's data, typed by each caller's query
  const body = JSON.parse(response.body) as { data?: any; errors?: unknown[] };
  if (response.status !== 200 || body.errors)
    throw new Error(`request failed: ${response.status} ${response.body.slice(0, 300)}`);
  return body.data;
}

/** One side's figures in one round; `cpuUs` is this process's CPU time per request. */
type Side = LoadStats & { cpuUs: number };

/**
 * Rounds of `sides`, each round running every side once, back to back, in an order that
 * alternates between rounds, so load from elsewhere on the machine weighs on both alike.
 */
async function alternate(
  sides: { ours: () => Promise<void>; reference: () => Promise<void> },
  requests: number,
): Promise<{ ours: Side; reference: Side }[]> {
  const rounds: { ours: Side; reference: Side }[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const order = round % 2 === 0 ? (['reference', 'ours'] as const) : (['ours', 'reference'] as const);
    const stats: Partial<Record<'ours' | 'reference', Side>> = {};
    for (const side of order) {
      const cpu = process.cpuUsage();
      const loaded = await load(sides[side], requests, CONCURRENCY);
      const used = process.cpuUsage(cpu);
      stats[side] = { ...loaded, cpuUs: (used.user + used.system) / requests };
    }
    rounds.push(stats as { ours: Side; reference: Side });
  }
  return rounds;
}

/**
 * The median over the rounds of ours' CPU time per request over the floor's: both run in
 * this process (PostgreSQL's own work is in neither), and on a busy machine CPU time
 * moves less than wall time does.
 */
const cpuRatio = (rounds: { ours: Side; reference: Side }[]) =>
  Math.round(median(rounds.map((round) => round.ours.cpuUs / round.reference.cpuUs)) * 100) / 100;

/** P4: a GraphQL request through our HTTP glue, hardening and resolver path, no database. */
export async function benchResolverPath(app: App): Promise<Result> {
  const url = `${app.url}/graphql`;
  const reference = await startHelloWorld();
  try {
    const sides = {
      ours: () => gql(url, '{ me { id } }').then(() => undefined),
      reference: () => gql(reference.url, '{ hello }').then(() => undefined),
    };
    await load(sides.ours, REQUESTS_PER_ROUND, CONCURRENCY); // warm-up
    await load(sides.reference, REQUESTS_PER_ROUND, CONCURRENCY);
    const rounds = await alternate(sides, REQUESTS_PER_ROUND);
    return roundsResult(
      'P4',
      'GraphQL request, resolver path, no database',
      'µs/req',
      rounds.map((round) => ({ ours: round.ours.perRequestUs, reference: round.reference.perRequestUs })),
      {
        oursRps: Math.round(median(rounds.map((round) => round.ours.requestsPerSecond))),
        referenceRps: Math.round(median(rounds.map((round) => round.reference.requestsPerSecond))),
        oursP99Ms: Math.round(median(rounds.map((round) => round.ours.p99Ms)) * 100) / 100,
        cpuRatio: cpuRatio(rounds),
      },
    );
  } finally {
    await reference.close();
  }
}

/** What the proposal page and its version timeline show, in one request. */
export const PROPOSAL_QUERY = `query($id: ID!) { proposal(id: $id) { id title createdAt myRole
  participants { id role pending user { id name email } }
  versions { id number status contentHash chainHash previousHash frozenAt note statusChangedAt
    frozenBy { id name email }
    signatures { id contentHash signedAt authMethod signer { id name email } } } } }`;

const PARTICIPANTS = 20;
const VERSIONS = 20;

interface Person {
  token: string;
  user: { id: string; email: string };
}

/**
 * A proposal whose participants are `people` (the first creates it; the others join as
 * clients and freelancers, so everyone signs) with `versions` versions, each frozen and
 * then signed by every participant — through the GraphQL mutations and the collaboration
 * socket a client uses, so every row is one the server wrote and the database's checks
 * accepted.
 */
async function seedProposal(app: App, people: Person[], versions: number): Promise<string> {
  const url = `${app.url}/graphql`;
  const [owner, ...others] = people as [Person, ...Person[]];
  const proposal = (await gql(url, 'mutation { createProposal(input: { title: "Bench" }) { id } }', {}, owner.token))
    .createProposal as { id: string };
  for (const [n, person] of others.entries()) {
    // An invitation joins nobody until its invitee accepts it through the link.
    const invited = await gql(
      url,
      'mutation($i: AddParticipantInput!) { addParticipant(input: $i) { id inviteLink } }',
      {
        i: { proposalId: proposal.id, email: person.user.email, role: n % 3 ? 'FREELANCER' : 'CLIENT' },
      },
      owner.token,
    );
    const link = (invited.addParticipant as { inviteLink: string }).inviteLink;
    await gql(
      url,
      'mutation($t: String!) { acceptInvitation(token: $t) { id } }',
      { t: link.slice(link.lastIndexOf('/') + 1) },
      person.token,
    );
  }

  // The live brief, written through a collaboration socket and stored before the first freeze.
  const target: CollabTarget = {
    name: 'ours',
    url: `ws://127.0.0.1:${app.port}/collab`,
    reportsSaved: true,
    newRoom: async () => ({ room: proposal.id, params: { token: owner.token } }),
  };
  const peer = openPeer(target, proposal.id, { token: owner.token, saved: '1' });
  const saved = new SavedFrames(peer);
  try {
    await whenSynced(target, [peer]);
    writeBrief(peer.doc, completeBrief());
    await saved.allDurable('the bench brief to be stored', 15_000);
    for (let v = 1; v <= versions; v++) {
      if (v > 1) {
        // A version freezes a changed brief only: each round changes the meeting cadence.
        peer.doc.getMap<unknown>('communication').set('cadence', `Weekly demo, round ${v}`);
        await saved.allDurable(`round ${v}'s brief to be stored`, 15_000);
      }
      const frozen = await gql(
        url,
        'mutation($i: FreezeProposalInput!) { freezeProposal(input: $i) { id contentHash } }',
        {
          i: { proposalId: proposal.id, note: `Round ${v}` },
        },
        owner.token,
      );
      const { id: versionId, contentHash } = frozen.freezeProposal as { id: string; contentHash: string };
      for (const person of people) {
        const authenticator = await passkeyFor(url, person.token);
        const started = await gql(
          url,
          'mutation($v: ID!) { startVersionSigning(versionId: $v) }',
          { v: versionId },
          person.token,
        );
        const assertion = authenticator.assert(started.startVersionSigning);
        await gql(
          url,
          'mutation($i: SignVersionInput!) { signVersion(input: $i) { id } }',
          { i: { versionId, contentHash, assertion } },
          person.token,
        );
      }
    }
  } finally {
    peer.close();
  }
  return proposal.id;
}

/** Follows the link of the verification e-mail sign-up kept in the outbox for `person`. */
async function verifyAddress(url: string, databaseUrl: string, person: Person): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(
      `select "text_body" from "emails" where "user_id" = $1 and "kind" = 'verify-email' order by "created_at" desc limit 1`,
      [person.user.id],
    );
    const token = /verify-email\?token=([\w%-]+)/.exec(String(rows[0]?.text_body ?? ''))?.[1];
    if (!token) throw new Error(`no verification link kept for ${person.user.email}`);
    await gql(url, 'mutation($t: String!) { verifyEmail(token: $t) { id } }', { t: decodeURIComponent(token) });
  } finally {
    await client.end();
  }
}

const authenticators = new Map<string, SoftwareAuthenticator>();

/** A software passkey for the person with `token`, registered on first use: signing needs one. */
async function passkeyFor(url: string, token: string): Promise<SoftwareAuthenticator> {
  const known = authenticators.get(token);
  if (known) return known;
  const authenticator = new SoftwareAuthenticator(pageOriginOf(url));
  const started = await gql(url, 'mutation { startPasskeyRegistration }', {}, token);
  await gql(
    url,
    'mutation($r: JSON!) { finishPasskeyRegistration(response: $r, name: "Bench") { id } }',
    { r: authenticator.register(started.startPasskeyRegistration) },
    token,
  );
  authenticators.set(token, authenticator);
  return authenticator;
}

/** Data statements (and their text) one request of `query` costs, with parameters inlined as sent. */
async function statementsOf(
  app: App,
  queries: string[],
  query: string,
  variables: Record<string, unknown>,
  token: string,
): Promise<string[]> {
  const { config } = app.orm;
  const debug = config.get('debug');
  config.set('debug', ['query', 'query-params']);
  try {
    queries.length = 0;
    await gql(`${app.url}/graphql`, query, variables, token);
    return queries.map(loggedSql).filter((sql): sql is string => sql !== undefined);
  } finally {
    config.set('debug', debug);
  }
}

/**
 * A statement as the log shows it, without colours, prefix and timing. With the
 * `query-params` namespace on, that is the text PostgreSQL receives: MikroORM inlines
 * parameters itself and sends the statement without bindings (whitespace runs, which
 * the log collapses, aside).
 */
function loggedSql(line: string): string | undefined {
  const plain = stripVTControlCharacters(line);
  const match = /^\[query\] ([\s\S]*?)(?: \[took [^\]]*\])?$/.exec(plain);
  const sql = match?.[1]?.trim();
  return sql && /^(select|with)\b/i.test(sql) ? sql : undefined;
}

// biome-ignore lint/suspicious/noExplicitAny: rows of any table, compared column by column
type Row = Record<string, any>;

interface Statement {
  sql: string;
  /** The table after the first `from`: what the reference makes of its rows. */
  table: string;
  /** Statements run in waves: a wave starts once everything it names is known. */
  wave: number;
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;
const KNOWN_TABLES = new Set(['sessions', 'proposals', 'participants', 'users', 'contract_versions', 'signatures']);

/**
 * Orders the captured statements the way a hand-written raw `pg` version would have to
 * run them: one after the other up to the access check (the session, then the proposal
 * read only for its participants); after it, a statement waits only for the statements
 * whose results hold the ids it names. Statements of one wave run concurrently, as our
 * batch loaders' do.
 */
async function planStatements(pool: pg.Pool, sqls: string[], proposalId: string): Promise<Statement[]> {
  const producedIn = new Map<string, number>([[proposalId, 0]]);
  const plan: Statement[] = [];
  let gate: number | undefined;
  for (const sql of sqls) {
    const table = /\bfrom\s+"?(\w+)"?/i.exec(sql)?.[1] ?? '';
    if (!KNOWN_TABLES.has(table))
      throw new Error(`P5 reference: unexpected statement, the reference does not know how to read it: ${sql}`);
    let wave = gate === undefined ? plan.length + 1 : gate + 1;
    for (const id of sql.match(UUID) ?? []) {
      const producer = producedIn.get(id);
      if (producer === undefined) throw new Error(`P5 reference: ${id} in "${sql}" comes from no earlier statement`);
      wave = Math.max(wave, producer + 1);
    }
    if (gate === undefined && table === 'proposals') gate = wave;
    const { rows } = await pool.query(sql);
    for (const id of JSON.stringify(rows).match(UUID) ?? []) if (!producedIn.has(id)) producedIn.set(id, wave);
    plan.push({ sql, table, wave });
  }
  if (gate === undefined) throw new Error('P5 reference: the server read no proposal');
  return plan;
}

/** A user as GraphQL shows it, from `users` rows or from columns joined under a prefix. */
function collectUsers(users: Map<string, Row>, rows: Row[], prefix = ''): void {
  for (const row of rows) {
    if (row[`${prefix}email`] === undefined) continue;
    const id = row[`${prefix}id`] as string;
    users.set(id, { id, name: row[`${prefix}name`], email: row[`${prefix}email`], pending: row[`${prefix}pending`] });
  }
}

/** The rows of the planned statements, assembled into the answer PROPOSAL_QUERY gets. */
function assemble(plan: Statement[], results: Row[][]): unknown {
  const rowsOf = (table: string) =>
    plan.flatMap((statement, index) => (statement.table === table ? results[index]! : []));
  const [session] = rowsOf('sessions');
  const [proposal] = rowsOf('proposals');
  const users = new Map<string, Row>();
  collectUsers(users, rowsOf('users'));
  const participants = rowsOf('participants');
  const versions = rowsOf('contract_versions');
  const signatures = rowsOf('signatures');
  collectUsers(users, participants, 'user_');
  collectUsers(users, versions, 'frozen_by_');
  collectUsers(users, signatures, 'signer_');
  const user = (id: string) => {
    const found = users.get(id);
    if (!found) throw new Error(`P5 reference: user ${id} was not read`);
    return { id: found.id, name: found.name, email: found.email };
  };
  const signaturesByVersion = new Map<string, Row[]>(versions.map((version) => [version.id, []]));
  for (const signature of signatures) {
    signaturesByVersion.get(signature.version_id)!.push({
      id: signature.id,
      contentHash: signature.content_hash,
      signedAt: signature.signed_at,
      authMethod: signature.auth_method,
      signer: user(signature.signer_id),
    });
  }
  return {
    data: {
      proposal: {
        id: proposal!.id,
        title: proposal!.title,
        createdAt: proposal!.created_at,
        myRole: participants.find((participant) => participant.user_id === session!.id)!.role,
        participants: participants.map((participant) => ({
          id: participant.id,
          role: participant.role,
          pending: users.get(participant.user_id)!.pending,
          user: user(participant.user_id),
        })),
        versions: versions.map((version) => ({
          id: version.id,
          number: version.number,
          status: version.status,
          contentHash: version.content_hash,
          chainHash: version.chain_hash,
          previousHash: version.previous_hash,
          frozenAt: version.frozen_at,
          note: version.note,
          statusChangedAt: version.status_changed_at,
          frozenBy: user(version.frozen_by_id),
          signatures: signaturesByVersion.get(version.id),
        })),
      },
    },
  };
}

const answerAgent = new http.Agent({ keepAlive: true, maxSockets: 64 });

/**
 * A request that must get exactly `expected` back, as one client of the server. The
 * client only compares the bytes it receives: decoding and parsing the answer would be
 * client work counted against the server, which the reference has no counterpart of.
 */
function answerOf(url: string, body: unknown, token: string, expected: Buffer): () => Promise<void> {
  const payload = JSON.stringify(body);
  const headers = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(payload),
    authorization: `Bearer ${token}`,
  };
  return () =>
    new Promise((resolve, reject) => {
      const req = http.request(url, { method: 'POST', agent: answerAgent, headers }, (res) => {
        let offset = 0;
        let same = res.statusCode === 200;
        res.on('data', (chunk: Buffer) => {
          same &&=
            offset + chunk.length <= expected.length &&
            expected.compare(chunk, 0, chunk.length, offset, offset + chunk.length) === 0;
          offset += chunk.length;
        });
        res.on('end', () =>
          same && offset === expected.length
            ? resolve()
            : reject(new Error(`P5: status ${res.statusCode}, an answer that differs from the first one`)),
        );
      });
      req.on('error', reject);
      req.end(payload);
    });
}

/**
 * P5: the proposal page with its version timeline (20 participants, 20 versions, 20
 * signatures each) over HTTP, against the statements our server issues for it, captured
 * from its query log, run with raw `pg` in the same order and concurrency and assembled
 * into the same JSON answer (checked equal once). The query log is off while timing, as
 * in production. P5q counts the statements, and notes the count for a proposal with one
 * participant, one version and one signature: it does not grow with the lists.
 */
export async function benchProposalQuery(app: App, databaseUrl: string, queries: string[]): Promise<Result[]> {
  const url = `${app.url}/graphql`;
  const people: Person[] = [];
  for (let n = 0; n < PARTICIPANTS; n++) {
    const data = await gql(url, 'mutation($i: SignUpInput!) { signUp(input: $i) { token user { id email } } }', {
      i: { email: `bench-${n}-${process.pid}@example.test`, password: 'benchmark passphrase', name: `Bench ${n}` },
    });
    people.push(data.signUp as Person);
  }
  const owner = people[0]!;
  // Signing needs a proven address; invitees prove theirs by accepting, the owner by its link.
  await verifyAddress(url, databaseUrl, owner);
  const proposalId = await seedProposal(app, people, VERSIONS);
  // The same query on a proposal with one participant, one version and one signature.
  const smallId = await seedProposal(app, [owner], 1);
  const variables = { id: proposalId };

  const captured = await statementsOf(app, queries, PROPOSAL_QUERY, variables, owner.token);
  const smallStatements = (await statementsOf(app, queries, PROPOSAL_QUERY, { id: smallId }, owner.token)).length;
  // The timed runs log no statement, as in production.
  const { config } = app.orm;
  const debug = config.get('debug');
  config.set('debug', false);
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 8 });
  try {
    const plan = await planStatements(pool, captured, proposalId);
    const waves = [...new Set(plan.map((statement) => statement.wave))].sort((a, b) => a - b);
    const raw = async (): Promise<string> => {
      const results: Row[][] = [];
      for (const wave of waves) {
        await Promise.all(
          plan.map(async (statement, index) => {
            if (statement.wave === wave) results[index] = (await pool.query(statement.sql)).rows;
          }),
        );
      }
      return JSON.stringify(assemble(plan, results));
    };
    const response = await postJson(
      url,
      { query: PROPOSAL_QUERY, variables },
      { authorization: `Bearer ${owner.token}` },
    );
    const oursBody = response.body;
    if (response.status !== 200 || !oursBody.startsWith('{"data":{"proposal":{'))
      throw new Error(`P5 request failed: ${response.status} ${oursBody.slice(0, 300)}`);
    assert.deepStrictEqual(
      JSON.parse(await raw()),
      JSON.parse(oursBody),
      'P5: the raw reference does not answer what the server answers',
    );
    const ask = answerOf(url, { query: PROPOSAL_QUERY, variables }, owner.token, Buffer.from(oursBody));

    const measure = { ours: ask, reference: () => raw().then(() => undefined) };
    await load(measure.reference, 300, CONCURRENCY);
    await load(measure.ours, 300, CONCURRENCY);
    const rounds = await alternate(measure, P5_REQUESTS_PER_ROUND);
    const medianOf = (of: (stat: LoadStats) => number, side: 'ours' | 'reference') =>
      Math.round(median(rounds.map((round) => of(round[side]))) * 100) / 100;
    return [
      roundsResult(
        'P5',
        `proposal page: ${PARTICIPANTS} participants, ${VERSIONS} versions × ${PARTICIPANTS} signatures (and their users)`,
        'µs/req',
        rounds.map((round) => ({ ours: round.ours.perRequestUs, reference: round.reference.perRequestUs })),
        {
          // Median over the rounds of each round's p99.
          oursP99Ms: medianOf((stat) => stat.p99Ms, 'ours'),
          referenceP99Ms: medianOf((stat) => stat.p99Ms, 'reference'),
          responseBytes: Buffer.byteLength(oursBody),
          cpuRatio: cpuRatio(rounds),
        },
      ),
      result('P5q', 'SQL statements for that query', captured.length, plan.length, 'statements', {
        referenceRoundTrips: waves.length,
        oursForOneParticipantVersionSignature: smallStatements,
      }),
    ];
  } finally {
    config.set('debug', debug);
    await pool.end();
  }
}
