import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { LIMITS } from '@brieflock/schema';
import { useTestApp } from '../../../../test/support/app.js';
import {
  acceptInvitation,
  addParticipant,
  makeProposal,
  makeUser,
  tokenOfLink,
} from '../../../../test/support/factories.js';

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
    expect(result.errors?.[0]?.message).toMatch(/^[A-Z"“].{9,}[.!?…)"”]$/);
    expect(result.errors?.[0]?.message).not.toMatch(/^title: /);
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
  it("invites a registered user's address as a pending participant that shows only the address, and they join on accepting", async () => {
    const client = await makeUser(t.api);
    const freelancer = await makeUser(t.api, { name: 'Finn Freelancer' });
    const proposal = await makeProposal(t.api, client);

    const added = await addParticipant(t.api, client, proposal.id, freelancer.email.toUpperCase(), 'FREELANCER');
    expect(added.errors).toBeUndefined();
    const invited = added.data?.addParticipant;
    expect(invited).toMatchObject({ role: 'FREELANCER', pending: true, invitedEmail: freelancer.email });
    // Nothing of the account: not its id, not its name.
    expect(invited?.user).toEqual({ id: invited?.id, email: freelancer.email });
    expect(JSON.stringify(added.data)).not.toContain(freelancer.id);
    expect(JSON.stringify(added.data)).not.toContain('Finn');
    expect((await t.api.gql(LIST, {}, { token: freelancer.token })).data?.proposals).toEqual([]);

    const accepted = await acceptInvitation(t.api, freelancer, tokenOfLink(invited?.inviteLink ?? ''));
    expect(accepted.errors).toBeUndefined();
    const seen = await t.api.gql(LIST, {}, { token: freelancer.token });
    expect(seen.data?.proposals).toHaveLength(1);
    expect(seen.data?.proposals[0]).toMatchObject({ id: proposal.id, myRole: 'FREELANCER' });
    expect(seen.data?.proposals[0].participants).toContainEqual({
      role: 'FREELANCER',
      pending: false,
      user: { id: freelancer.id, email: freelancer.email, pending: false },
    });
  });

  it('refuses an address already invited or taking part, in any case, with CONFLICT and no second row', async () => {
    const client = await makeUser(t.api);
    const viewer = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    expect((await addParticipant(t.api, client, proposal.id, viewer, 'VIEWER')).errors).toBeUndefined();
    const invitee = uniqueEmail('invited');
    expect((await addParticipant(t.api, client, proposal.id, invitee, 'VIEWER')).errors).toBeUndefined();

    for (const [email, role] of [
      [viewer.email, 'VIEWER'],
      [` ${viewer.email.toUpperCase()} `, 'FREELANCER'],
      [client.email, 'FREELANCER'],
      [invitee.toUpperCase(), 'FREELANCER'],
    ] as const) {
      const again = await addParticipant(t.api, client, proposal.id, email, role);
      expect(again.code).toBe('CONFLICT');
      expect(again.errors?.[0]?.extensions?.field).toBe('email');
    }
    expect(await participantRows(proposal.id)).toBe(3);
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

describe('invitations of addresses without an account', () => {
  it('create no account: the address cannot sign in, and its invitation is listed to the client', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    const email = uniqueEmail('invitee');

    const added = await addParticipant(t.api, client, proposal.id, email.toUpperCase(), 'VIEWER');
    expect(added.errors).toBeUndefined();
    expect(added.data?.addParticipant).toMatchObject({ role: 'VIEWER', pending: true, user: { email } });
    expect(await usersWithEmail(email)).toBe(0);
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

  it('are not claimed by a sign-up with that address: only the link joins the new account', async () => {
    const client = await makeUser(t.api);
    const proposal = await makeProposal(t.api, client);
    const email = uniqueEmail('claimer');
    const invited = await addParticipant(t.api, client, proposal.id, email, 'FREELANCER');

    const signUp = await t.api.gql(SIGN_UP, {
      input: { email: email.toUpperCase(), password: 'a long passphrase', name: 'Claire' },
    });
    expect(signUp.errors).toBeUndefined();
    const claire = { ...signUp.data?.signUp.user, token: signUp.data?.signUp.token, password: 'a long passphrase' };
    expect((await t.api.gql(LIST, {}, { token: claire.token })).data?.proposals).toEqual([]);
    const mine = await t.api.gql('{ myInvitations { id } }', {}, { token: claire.token });
    expect(mine.data?.myInvitations).toEqual([]);

    const accepted = await acceptInvitation(t.api, claire, tokenOfLink(invited.data?.addParticipant.inviteLink ?? ''));
    expect(accepted.errors).toBeUndefined();
    const theirs = await t.api.gql(LIST, {}, { token: claire.token });
    expect(theirs.data?.proposals[0]).toMatchObject({ id: proposal.id, myRole: 'FREELANCER' });
    expect(await participantRows(proposal.id)).toBe(2);
  });

  it('of one new address to two proposals at once are two invitations and no account', async () => {
    const client = await makeUser(t.api);
    const [a, b] = await Promise.all([makeProposal(t.api, client), makeProposal(t.api, client)]);
    const email = uniqueEmail('twice');
    const results = await Promise.all([
      addParticipant(t.api, client, a.id, email, 'VIEWER'),
      addParticipant(t.api, client, b.id, email, 'FREELANCER'),
    ]);
    expect(results.map((result) => result.errors)).toEqual([undefined, undefined]);
    expect(await usersWithEmail(email)).toBe(0);
  });
});
