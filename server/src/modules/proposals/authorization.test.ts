import { randomBytes, randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { ParticipantRole } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import { makeCast, type TestUser } from '../../../../test/support/factories.js';

/** Who asks: a participant in each role, a signed-in non-participant, or nobody. */
type Actor = 'client' | 'freelancer' | 'viewer' | 'outsider' | 'anonymous';
type SignedIn = Exclude<Actor, 'anonymous'>;

const ROLE_OF: Record<SignedIn, ParticipantRole | null> = {
  client: 'CLIENT',
  freelancer: 'FREELANCER',
  viewer: 'VIEWER',
  outsider: null,
};
const WHO: Record<Actor, string> = {
  client: 'the client',
  freelancer: 'the freelancer',
  viewer: 'the viewer',
  outsider: 'an outsider',
  anonymous: 'an anonymous caller',
};
/** Table rows `[who, outcome, actor, expected]`: the first two name the test. */
const table = <T = undefined>(cases: [Actor, string, T?][]) =>
  cases.map(([actor, outcome, expected]) => [WHO[actor], outcome, actor, expected as T] as [string, string, Actor, T]);

const PROPOSALS = '{ proposals { id myRole } }';
const PROPOSAL = 'query($id: ID!) { proposal(id: $id) { id title myRole participants { role user { id } } } }';
const CREATE = 'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id myRole } }';
const ADD = 'mutation($input: AddParticipantInput!) { addParticipant(input: $input) { id role pending } }';
const ME = '{ me { id } }';
const SIGN_OUT = 'mutation { signOut }';
const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token } }';

const t = useTestApp();
let cast: Awaited<ReturnType<typeof makeCast>>;
beforeAll(async () => {
  cast = await makeCast(t.api);
});

const userOf = (actor: SignedIn): TestUser => cast[actor];
/** Runs an operation as `actor`, with a token of its own when one is given. */
const as = (actor: Actor, query: string, variables: Record<string, unknown> = {}, token?: string) =>
  t.api.gql(query, variables, { token: token ?? (actor === 'anonymous' ? undefined : userOf(actor).token) });

const count = async (sql: string, params: unknown[]): Promise<number> => {
  const { rows } = await t.db.query(sql, params);
  return rows[0].n;
};
const participantRows = () =>
  count('select count(*)::int as n from participants where proposal_id = $1', [cast.proposal.id]);

describe('proposals', () => {
  it.each(
    table([
      ['client', 'finds it in the list with myRole'],
      ['freelancer', 'finds it in the list with myRole'],
      ['viewer', 'finds it in the list with myRole'],
      ['outsider', 'does not find it in the list'],
      ['anonymous', 'gets UNAUTHENTICATED'],
    ]),
  )('%s %s', async (_who, _outcome, actor) => {
    const result = await as(actor, PROPOSALS);
    if (actor === 'anonymous') {
      expect(result.code).toBe('UNAUTHENTICATED');
      expect(result.data).toBeNull();
      return;
    }
    expect(result.errors).toBeUndefined();
    const listed = result.data?.proposals.find((p: { id: string }) => p.id === cast.proposal.id);
    const role = ROLE_OF[actor];
    expect(listed).toEqual(role ? { id: cast.proposal.id, myRole: role } : undefined);
  });
});

describe('proposal(id)', () => {
  it.each(
    table([
      ['client', 'reads it with its participants and myRole'],
      ['freelancer', 'reads it with its participants and myRole'],
      ['viewer', 'reads it with its participants and myRole'],
      ['outsider', 'gets NOT_FOUND'],
      ['anonymous', 'gets UNAUTHENTICATED'],
    ]),
  )('%s %s', async (_who, _outcome, actor) => {
    const result = await as(actor, PROPOSAL, { id: cast.proposal.id });
    if (actor === 'anonymous' || actor === 'outsider') {
      expect(result.code).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND');
      expect(result.data).toEqual({ proposal: null });
      expect(JSON.stringify(result)).not.toContain(cast.proposal.title);
      return;
    }
    expect(result.errors).toBeUndefined();
    expect(result.data?.proposal).toMatchObject({
      id: cast.proposal.id,
      title: cast.proposal.title,
      myRole: ROLE_OF[actor],
    });
    expect(result.data?.proposal.participants).toEqual(
      expect.arrayContaining([
        { role: 'CLIENT', user: { id: cast.client.id } },
        { role: 'FREELANCER', user: { id: cast.freelancer.id } },
        { role: 'VIEWER', user: { id: cast.viewer.id } },
      ]),
    );
    expect(result.data?.proposal.participants).not.toContainEqual(
      expect.objectContaining({ user: { id: cast.outsider.id } }),
    );
  });

  it('tells an outsider exactly what it tells anyone about an id that does not exist or is malformed', async () => {
    const answers = await Promise.all([
      as('outsider', PROPOSAL, { id: cast.proposal.id }),
      as('outsider', PROPOSAL, { id: randomUUID() }),
      as('outsider', PROPOSAL, { id: 'abc' }),
      as('client', PROPOSAL, { id: randomUUID() }),
      as('client', PROPOSAL, { id: 'abc' }),
    ]);
    const shapes = answers.map((answer) => ({
      status: answer.status,
      data: answer.data,
      errors: answer.errors?.map(({ message, extensions }) => ({ message, extensions })),
    }));
    expect(shapes[0]!.errors).toEqual([{ message: expect.any(String), extensions: { code: 'NOT_FOUND' } }]);
    for (const shape of shapes.slice(1)) expect(shape).toEqual(shapes[0]);
  });
});

describe('proposal(id) { draft readiness }', () => {
  const DRAFT =
    'query($id: ID!) { proposal(id: $id) { draft { outcome { text } ownership { ipOwner } } readiness { ready checks { key passed } } } }';

  it.each(
    table([
      ['client', 'reads the draft and its readiness'],
      ['freelancer', 'reads the draft and its readiness'],
      ['viewer', 'reads the draft and its readiness'],
      ['outsider', 'gets NOT_FOUND and neither'],
      ['anonymous', 'gets UNAUTHENTICATED and neither'],
    ]),
  )('%s %s', async (_who, _outcome, actor) => {
    const result = await as(actor, DRAFT, { id: cast.proposal.id });
    if (actor === 'anonymous' || actor === 'outsider') {
      expect(result.code).toBe(actor === 'anonymous' ? 'UNAUTHENTICATED' : 'NOT_FOUND');
      expect(result.data).toEqual({ proposal: null });
      return;
    }
    expect(result.errors).toBeUndefined();
    expect(result.data?.proposal.draft).toEqual({ outcome: { text: '' }, ownership: { ipOwner: null } });
    expect(result.data?.proposal.readiness.ready).toBe(false);
    expect(result.data?.proposal.readiness.checks.length).toBeGreaterThan(0);
  });
});

describe('createProposal', () => {
  it.each(
    table([
      ['client', 'creates one and is its CLIENT'],
      ['freelancer', 'creates one and is its CLIENT'],
      ['viewer', 'creates one and is its CLIENT'],
      ['outsider', 'creates one and is its CLIENT'],
      ['anonymous', 'gets UNAUTHENTICATED and nothing is stored'],
    ]),
  )('%s %s', async (_who, _outcome, actor) => {
    const title = `Created by ${actor} ${randomBytes(3).toString('hex')}`;
    const result = await as(actor, CREATE, { input: { title } });
    const stored = await count('select count(*)::int as n from proposals where title = $1', [title]);
    if (actor === 'anonymous') {
      expect(result.code).toBe('UNAUTHENTICATED');
      expect(stored).toBe(0);
      return;
    }
    expect(result.errors).toBeUndefined();
    expect(result.data?.createProposal.myRole).toBe('CLIENT');
    expect(stored).toBe(1);
  });
});

describe('addParticipant', () => {
  it.each(
    table<string | null>([
      ['client', 'adds a person', null],
      ['freelancer', 'gets FORBIDDEN and nothing is stored', 'FORBIDDEN'],
      ['viewer', 'gets FORBIDDEN and nothing is stored', 'FORBIDDEN'],
      ['outsider', 'gets NOT_FOUND and nothing is stored', 'NOT_FOUND'],
      ['anonymous', 'gets UNAUTHENTICATED and nothing is stored', 'UNAUTHENTICATED'],
    ]),
  )('%s %s', async (_who, _outcome, actor, refusal) => {
    const email = `added-by-${actor}-${randomBytes(3).toString('hex')}@example.test`;
    const before = await participantRows();
    const result = await as(actor, ADD, { input: { proposalId: cast.proposal.id, email, role: 'VIEWER' } });
    const users = await count('select count(*)::int as n from users where email = $1', [email]);
    if (refusal === null) {
      expect(result.errors).toBeUndefined();
      expect(result.data?.addParticipant).toMatchObject({ role: 'VIEWER', pending: true });
      expect(await participantRows()).toBe(before + 1);
      // An invitation names the address; it makes no account.
      expect(users).toBe(0);
      return;
    }
    expect(result.code).toBe(refusal);
    expect(result.data).toBeNull();
    expect(await participantRows()).toBe(before);
    expect(users).toBe(0);
  });

  it.each(
    table<string>([
      ['freelancer', 'gets FORBIDDEN', 'FORBIDDEN'],
      ['viewer', 'gets FORBIDDEN', 'FORBIDDEN'],
      ['outsider', 'gets NOT_FOUND', 'NOT_FOUND'],
    ]),
  )('%s %s for adding an existing user as CLIENT too', async (_who, _outcome, actor, refusal) => {
    const before = await participantRows();
    const result = await as(actor, ADD, {
      input: { proposalId: cast.proposal.id, email: cast.outsider.email, role: 'CLIENT' },
    });
    expect(result.code).toBe(refusal);
    expect(await participantRows()).toBe(before);
  });

  it('answers an outsider exactly as it answers a client for a proposal that does not exist', async () => {
    const input = (proposalId: string) => ({
      input: { proposalId, email: `x-${randomBytes(3).toString('hex')}@example.test`, role: 'VIEWER' },
    });
    const [real, missing, malformed] = await Promise.all([
      as('outsider', ADD, input(cast.proposal.id)),
      as('client', ADD, input(randomUUID())),
      as('client', ADD, input('abc')),
    ]);
    expect(real.code).toBe('NOT_FOUND');
    expect(missing.errors).toEqual(real.errors);
    expect(malformed.errors).toEqual(real.errors);
  });
});

describe('me', () => {
  it.each(
    table([
      ['client', 'gets itself'],
      ['freelancer', 'gets itself'],
      ['viewer', 'gets itself'],
      ['outsider', 'gets itself'],
      ['anonymous', 'gets null, not an error'],
    ]),
  )('%s %s', async (_who, _outcome, actor) => {
    const result = await as(actor, ME);
    expect(result.errors).toBeUndefined();
    expect(result.data?.me).toEqual(actor === 'anonymous' ? null : { id: userOf(actor).id });
  });
});

describe('signOut', () => {
  it.each(
    table([
      ['client', 'signs out'],
      ['freelancer', 'signs out'],
      ['viewer', 'signs out'],
      ['outsider', 'signs out'],
      ['anonymous', 'gets UNAUTHENTICATED'],
    ]),
  )('%s %s', async (_who, _outcome, actor) => {
    if (actor === 'anonymous') {
      expect((await as(actor, SIGN_OUT)).code).toBe('UNAUTHENTICATED');
      return;
    }
    // A session of its own, so the cast's tokens stay valid for the other cases.
    const user = userOf(actor);
    const signIn = await t.api.gql(SIGN_IN, { input: { email: user.email, password: user.password } });
    const token: string = signIn.data?.signIn.token;
    const result = await as(actor, SIGN_OUT, {}, token);
    expect(result.errors).toBeUndefined();
    expect(result.data).toEqual({ signOut: true });
    expect((await as(actor, PROPOSALS, {}, token)).code).toBe('UNAUTHENTICATED');
  });
});

describe('signUp and signIn', () => {
  it('are open to an anonymous caller', async () => {
    const email = `anon-${randomBytes(3).toString('hex')}@example.test`;
    const input = { email, password: 'a long passphrase' };
    const signUp = await t.api.gql('mutation($input: SignUpInput!) { signUp(input: $input) { token } }', {
      input: { ...input, name: 'Anon' },
    });
    expect(signUp.errors).toBeUndefined();
    const signIn = await t.api.gql(SIGN_IN, { input });
    expect(signIn.errors).toBeUndefined();
    expect(signIn.data?.signIn.token).toMatch(/^blk_/);
  });
});
