import { randomBytes } from 'node:crypto';
import type { ParticipantRole } from '@brieflock/schema';
import type { Api } from './graphql.js';

export interface TestUser {
  id: string;
  email: string;
  name: string;
  password: string;
  token: string;
}

const unique = () => randomBytes(4).toString('hex');

/** Signs up a new user through the API; any field can be overridden. */
export async function makeUser(
  api: Api,
  overrides: Partial<Pick<TestUser, 'email' | 'name' | 'password'>> = {},
): Promise<TestUser> {
  const input = {
    email: overrides.email ?? `user-${unique()}@example.test`,
    name: overrides.name ?? `User ${unique()}`,
    password: overrides.password ?? 'correct horse battery',
  };
  const result = await api.gql<{ signUp: { token: string; user: { id: string; email: string; name: string } } }>(
    'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email name } } }',
    { input },
  );
  if (!result.data?.signUp) throw new Error(`signUp failed: ${JSON.stringify(result.errors)}`);
  return { ...result.data.signUp.user, password: input.password, token: result.data.signUp.token };
}

/** Creates a proposal as `owner` (who becomes its CLIENT). */
export async function makeProposal(
  api: Api,
  owner: TestUser,
  title = `Proposal ${unique()}`,
): Promise<{ id: string; title: string }> {
  const result = await api.gql<{ createProposal: { id: string; title: string } }>(
    'mutation($input: CreateProposalInput!) { createProposal(input: $input) { id title } }',
    { input: { title } },
    { token: owner.token },
  );
  if (!result.data?.createProposal) throw new Error(`createProposal failed: ${JSON.stringify(result.errors)}`);
  return result.data.createProposal;
}

/** What addParticipant answers: the pending participant and, once, its invitation link. */
export interface AddedParticipant {
  id: string;
  role: string;
  pending: boolean;
  invitedEmail: string | null;
  inviteLink: string | null;
  user: { id: string; email: string };
}

/** The token inside an invitation link (`/invitations/<token>`). */
export const tokenOfLink = (link: string): string => link.slice(link.lastIndexOf('/') + 1);

/** Accepts an invitation by its link token, as `user`. */
export function acceptInvitation(api: Api, user: TestUser, token: string) {
  return api.gql<{ acceptInvitation: { id: string; role: string; pending: boolean; user: { id: string } } }>(
    'mutation($token: String) { acceptInvitation(token: $token) { id role pending user { id } } }',
    { token },
    { token: user.token },
  );
}

/**
 * Invites `invitee` to a proposal with `role`, acting as `actor`. Given a test user, the
 * invitation is also accepted by them through its link, so they take part as before
 * invitations existed; given an address, it stays a pending invitation.
 */
export async function addParticipant(
  api: Api,
  actor: TestUser,
  proposalId: string,
  invitee: string | TestUser,
  role: ParticipantRole,
) {
  const email = typeof invitee === 'string' ? invitee : invitee.email;
  const added = await api.gql<{ addParticipant: AddedParticipant }>(
    `mutation($input: AddParticipantInput!) {
      addParticipant(input: $input) { id role pending invitedEmail inviteLink user { id email } }
    }`,
    { input: { proposalId, email, role } },
    { token: actor.token },
  );
  if (typeof invitee === 'string' || !added.data?.addParticipant.inviteLink) return added;
  const accepted = await acceptInvitation(api, invitee, tokenOfLink(added.data.addParticipant.inviteLink));
  if (!accepted.data) throw new Error(`acceptInvitation failed: ${JSON.stringify(accepted.errors)}`);
  return {
    ...added,
    data: {
      addParticipant: {
        ...added.data.addParticipant,
        pending: false,
        user: { id: invitee.id, email: invitee.email },
      },
    },
  };
}

/** A proposal with one user in each role and one outsider. */
export async function makeCast(api: Api) {
  const client = await makeUser(api, { name: 'Cora Client' });
  const freelancer = await makeUser(api, { name: 'Finn Freelancer' });
  const viewer = await makeUser(api, { name: 'Vera Viewer' });
  const outsider = await makeUser(api, { name: 'Otto Outsider' });
  const proposal = await makeProposal(api, client, 'Churn prediction pilot');
  for (const [user, role] of [
    [freelancer, 'FREELANCER'],
    [viewer, 'VIEWER'],
  ] as const) {
    const added = await addParticipant(api, client, proposal.id, user, role);
    if (added.errors) throw new Error(`addParticipant failed: ${JSON.stringify(added.errors)}`);
  }
  return { client, freelancer, viewer, outsider, proposal };
}

/** A client and a freelancer on a new proposal of the client's. */
export async function clientAndFreelancer(api: Api) {
  const client = await makeUser(api, { name: 'Cora Client' });
  const freelancer = await makeUser(api, { name: 'Finn Freelancer' });
  const proposal = await makeProposal(api, client);
  const added = await addParticipant(api, client, proposal.id, freelancer, 'FREELANCER');
  if (added.errors) throw new Error(`addParticipant failed: ${JSON.stringify(added.errors)}`);
  return { client, freelancer, proposalId: proposal.id };
}
