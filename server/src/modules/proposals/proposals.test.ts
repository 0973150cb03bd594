import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import { addParticipant, makeProposal, makeUser } from '../../../../test/support/factories.js';

const CREATE =
  'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id title myRole participants { role pending user { id email } } } }';
const LIST = '{ proposals { id title myRole participants { role pending user { id email pending } } } }';
const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email name pending } } }';

const t = useTestApp();

const uniqueEmail = (label: string) => `${label}-${randomBytes(4).toString('hex')}@example.test`;

const count = async (sql: string, params: unknown[]): Promise<number> => {
  const { rows } = await t.db.query(sql, params);
  return rows[0].n;
};
const proposalsCreatedBy = (userId: string) =>
  count('select count(*)::int as n from proposals where created_by_id = $1', [userId]);
const participantRows = (proposalId: string) =>
  count('select count(*)::int as n from participants where proposal_id = $1', [proposalId]);
const usersWithEmail = (email: string) => count('select count(*)::int as n from users where email = $1', [email]);

describe('createProposal', () => {
  it('returns the proposal with its creator as the only participant, a CLIENT', async () => {
    const creator = await makeUser(t.api);
    const result = await t.api.gql(CREATE, { input: { title: 'Support ticket triage' } }, { token: creator.token });
    expect(result.errors).toBeUndefined();
    expect(result.data?.createProposal).toMatchObject({
      title: 'Support ticket triage',
      myRole: 'CLIENT',
      participants: [{ role: 'CLIENT', pending: false, user: { id: creator.id, email: creator.email } }],
    });
    const { rows } = await t.db.query('select user_id, role from participants where proposal_id = $1', [
      result.data?.createProposal.id,
    ]);
    expect(rows).toEqual([{ user_id: creator.id, role: 'CLIENT' }]);
  });

  it('trims the title and accepts one of exactly the maximum length', async () => {
    const creator = await makeUser(t.api);
    const trimmed = await t.api.gql(CREATE, { input: { title: '   Invoice extraction \n' } }, { token: creator.token });
    expect(trimmed.data?.createProposal.title).toBe('Invoice extraction');
    const longest = 'x'.repeat(LIMITS.proposalTitleMaxLength);
    const atLimit = await t.api.gql(CREATE, { input: { title: `  ${longest}  ` } }, { token: creator.token });
    expect(atLimit.errors).toBeUndefined();
    expect(atLimit.data?.createProposal.title).toBe(longest);
  });

  it.each([
    ['an empty title', ''],
    ['a blank title', ' \t '],
    ['a title over the maximum length', 'x'.repeat(LIMITS.proposalTitleMaxLength + 1)],
    ['a title with a NUL character, which PostgreSQL cannot store', 'Churn\u0000model'],
  ])('refuses %s with BAD_USER_INPUT naming title and stores nothing', async (_what, title) => {
    const creator = await makeUser(t.api);
    const result = await t.api.gql(CREATE, { input: { title } }, { token: creator.token });
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('title');
    expect(result.errors?.[0]?.message).toMatch(/^title: /);
    expect(await proposalsCreatedBy(creator.id)).toBe(0);
  });
});

describe('proposals', () => {
  it('lists only the proposals the user takes part in, newest first', async () => {
    const me = await makeUser(t.api);
    const someoneElse = await makeUser(t.api);
    const first = await makeProposal(t.api, me, 'First');
    const theirs = await makeProposal(t.api, someoneElse, 'Not mine');
    const second = await makeProposal(t.api, me, 'Second');
    const third = await makeProposal(t.api, me, 'Third');

    const mine = await t.api.gql(LIST, {}, { token: me.token });
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.proposals.map((p: { id: string }) => p.id)).toEqual([third.id, second.id, first.id]);

    const others = await t.api.gql(LIST, {}, { token: someoneElse.token });
    expect(others.data?.proposals.map((p: { id: string }) => p.id)).toEqual([theirs.id]);
  });
});

describe('addParticipant', () => {
  it('adds an existing user, who then sees the proposal with that role', async () => {
    const client = await makeUser(t.api);
    const freelancer = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    expect((await t.api.gql(LIST, {}, { token: freelancer.token })).data?.proposals).toEqual([]);

    const added = await addParticipant(t.api, client, proposal.id, freelancer.email.toUpperCase(), 'FREELANCER');
    expect(added.errors).toBeUndefined();
    expect(added.data?.addParticipant).toMatchObject({
      role: 'FREELANCER',
      pending: false,
      user: { id: freelancer.id, email: freelancer.email },
    });

    const seen = await t.api.gql(LIST, {}, { token: freelancer.token });
    expect(seen.data?.proposals).toHaveLength(1);
    expect(seen.data?.proposals[0]).toMatchObject({ id: proposal.id, myRole: 'FREELANCER' });
    expect(seen.data?.proposals[0].participants.map((p: { role: string }) => p.role)).toEqual(['CLIENT', 'FREELANCER']);
  });

  it('refuses someone already in, in any case of their e-mail, with CONFLICT and no second row', async () => {
    const client = await makeUser(t.api);
    const viewer = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    expect((await addParticipant(t.api, client, proposal.id, viewer.email, 'VIEWER')).errors).toBeUndefined();

    for (const [email, role] of [
      [viewer.email, 'VIEWER'],
      [` ${viewer.email.toUpperCase()} `, 'FREELANCER'],
      [client.email, 'FREELANCER'],
    ] as const) {
      const again = await addParticipant(t.api, client, proposal.id, email, role);
      expect(again.code).toBe('CONFLICT');
      expect(again.errors?.[0]?.extensions?.field).toBe('email');
    }
    expect(await participantRows(proposal.id)).toBe(2);
    const { rows } = await t.db.query('select role from participants where proposal_id = $1 and user_id = $2', [
      proposal.id,
      viewer.id,
    ]);
    expect(rows).toEqual([{ role: 'VIEWER' }]);
  });

  it('refuses an unknown role in the variables as a variable error and stores nothing', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    const email = uniqueEmail('owner');
    const result = await t.api.gql(
      'mutation($input: AddParticipantInput!) { addParticipant(input: $input) { id } }',
      { input: { proposalId: proposal.id, email, role: 'OWNER' } },
      { token: client.token },
    );
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.message).toMatch(/\$input/);
    expect(result.errors?.[0]?.message).toMatch(/role/);
    expect(result.data).toBeUndefined();
    expect(await participantRows(proposal.id)).toBe(1);
    expect(await usersWithEmail(email)).toBe(0);
  });

  it('refuses an invalid e-mail with BAD_USER_INPUT naming email', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    const result = await addParticipant(t.api, client, proposal.id, 'not-an-email', 'VIEWER');
    expect(result.code).toBe('BAD_USER_INPUT');
    expect(result.errors?.[0]?.extensions?.field).toBe('email');
    expect(await participantRows(proposal.id)).toBe(1);
  });
});

describe('invitations of e-mails without an account', () => {
  it('adds a pending participant that cannot sign in', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    const email = uniqueEmail('invitee');

    const added = await addParticipant(t.api, client, proposal.id, email.toUpperCase(), 'VIEWER');
    expect(added.errors).toBeUndefined();
    expect(added.data?.addParticipant).toMatchObject({ role: 'VIEWER', pending: true, user: { email } });
    const listed = await t.api.gql(LIST, {}, { token: client.token });
    expect(listed.data?.proposals[0].participants).toContainEqual({
      role: 'VIEWER',
      pending: true,
      user: expect.objectContaining({ email, pending: true }),
    });

    const signIn = await t.api.gql('mutation($input: SignInInput!) { signIn(input: $input) { token } }', {
      input: { email, password: 'any password will do' },
    });
    expect(signIn.code).toBe('UNAUTHENTICATED');
  });

  it('are claimed by the sign-up with that e-mail, in any case, keeping the invited role', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    const email = uniqueEmail('claimer');
    const invited = await addParticipant(t.api, client, proposal.id, email, 'FREELANCER');
    const pendingUserId = invited.data?.addParticipant.user.id;

    const signUp = await t.api.gql(SIGN_UP, {
      input: { email: email.toUpperCase(), password: 'a long passphrase', name: 'Claire' },
    });
    expect(signUp.errors).toBeUndefined();
    expect(signUp.data?.signUp.user).toEqual({ id: pendingUserId, email, name: 'Claire', pending: false });

    const theirs = await t.api.gql(LIST, {}, { token: signUp.data?.signUp.token });
    expect(theirs.data?.proposals).toHaveLength(1);
    expect(theirs.data?.proposals[0]).toMatchObject({ id: proposal.id, myRole: 'FREELANCER' });
    expect(theirs.data?.proposals[0].participants).toContainEqual({
      role: 'FREELANCER',
      pending: false,
      user: { id: pendingUserId, email, pending: false },
    });
    expect(await usersWithEmail(email)).toBe(1);
    expect(await participantRows(proposal.id)).toBe(2);
  });

  it('of one new e-mail to two proposals at once make one pending user', async () => {
    const client = await makeUser(t.api);
    const [a, b] = await Promise.all([makeProposal(t.api, client), makeProposal(t.api, client)]);
    const email = uniqueEmail('twice');
    const results = await Promise.all([
      addParticipant(t.api, client, a.id, email, 'VIEWER'),
      addParticipant(t.api, client, b.id, email, 'FREELANCER'),
    ]);
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(results[0].data?.addParticipant.user.id).toBe(results[1].data?.addParticipant.user.id);
    expect(await usersWithEmail(email)).toBe(1);
  });

  it('let exactly one of two concurrent sign-ups claim the e-mail', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    const email = uniqueEmail('race');
    await addParticipant(t.api, client, proposal.id, email, 'VIEWER');

    const attempts = [
      { email, password: 'first passphrase', name: 'First' },
      { email: email.toUpperCase(), password: 'second passphrase', name: 'Second' },
    ];
    const results = await Promise.all(attempts.map((input) => t.api.gql(SIGN_UP, { input })));
    const winners = results.filter((result) => result.data?.signUp);
    const losers = results.filter((result) => !result.data?.signUp);
    expect(winners).toHaveLength(1);
    expect(losers).toHaveLength(1);
    expect(losers[0]!.code).toBe('CONFLICT');
    expect(losers[0]!.errors?.[0]?.extensions?.field).toBe('email');

    expect(await usersWithEmail(email)).toBe(1);
    const { rows } = await t.db.query(
      'select u.name, count(s.id)::int as sessions from users u left join sessions s on s.user_id = u.id where u.email = $1 group by u.name',
      [email],
    );
    const winner = attempts[results.indexOf(winners[0]!)]!;
    const loser = attempts[results.indexOf(losers[0]!)]!;
    expect(rows).toEqual([{ name: winner.name, sessions: 1 }]);

    // The losing sign-up changed nothing: only the winner's password opens the account.
    const signIn = (password: string) =>
      t.api.gql('mutation($input: SignInInput!) { signIn(input: $input) { user { id } } }', {
        input: { email, password },
      });
    expect((await signIn(loser.password)).code).toBe('UNAUTHENTICATED');
    expect((await signIn(winner.password)).data?.signIn.user.id).toBe(winners[0]!.data?.signUp.user.id);
    const theirs = await t.api.gql(LIST, {}, { token: winners[0]!.data?.signUp.token });
    expect(theirs.data?.proposals[0]).toMatchObject({ id: proposal.id, myRole: 'VIEWER' });
  });
});
