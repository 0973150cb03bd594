import { afterEach, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { makeCast, type TestUser } from '../support/factories.js';
import { clientPool, codesOf, type Sub } from '../support/subscriptions.js';
import { waitFor } from '../support/wait.js';

const t = useTestApp();
const pool = clientPool(() => t);

afterEach(() => pool.disposeAll());

interface ProposalUpdate {
  kind: string;
  proposalId: string;
  changedFields: string[];
  actor: { id: string } | null;
  proposal: { id: string; title: string; archived: boolean } | null;
}

type Events = Sub<{ proposalEvents: ProposalUpdate }>;

const PROPOSAL_UPDATES = `subscription($proposalId: ID!) { proposalEvents(proposalId: $proposalId) {
  kind proposalId changedFields actor { id } proposal { id title archived } } }`;

async function subscribe(asUser: TestUser, proposalId: string): Promise<Events> {
  const before = t.app.events.subscriberCount;
  const sub = pool
    .connect({ token: asUser.token })
    .subscribe<{ proposalEvents: ProposalUpdate }>(PROPOSAL_UPDATES, { proposalId });
  await waitFor(() => t.app.events.subscriberCount > before || sub.errors.length > 0, { what: 'a live subscription' });
  if (sub.errors.length > 0) throw new Error(JSON.stringify(sub.errors));
  return sub;
}

const delivered = (sub: Events) =>
  sub.results.flatMap((result) => (result.data?.proposalEvents ? [result.data.proposalEvents] : []));

/** Waits until `sub` has heard `count` events and returns them. */
const heard = (sub: Events, count: number) =>
  waitFor(() => (delivered(sub).length >= count ? delivered(sub) : undefined), {
    what: `${count} events (have ${delivered(sub).length})`,
  });

const rename = async (user: TestUser, proposalId: string, title: string) =>
  t.api.gql(
    'mutation($input: RenameProposalInput!) { renameProposal(input: $input) { id title } }',
    { input: { proposalId, title } },
    { token: user.token },
  );

const setArchived = (user: TestUser, proposalId: string, archived: boolean) =>
  t.api.gql(
    `mutation($id: ID!) { ${archived ? 'archiveProposal' : 'unarchiveProposal'}(proposalId: $id) { id archived } }`,
    { id: proposalId },
    { token: user.token },
  );

describe('PROPOSAL_UPDATED', () => {
  it('reaches every participant live, with what changed, when a client renames, archives and restores', async () => {
    const cast = await makeCast(t.api);
    const id = cast.proposal.id;
    const subs = [
      await subscribe(cast.freelancer, id),
      await subscribe(cast.viewer, id),
      await subscribe(cast.client, id),
    ];
    const update = (changedFields: string[], title: string, archived: boolean) => ({
      kind: 'PROPOSAL_UPDATED',
      proposalId: id,
      changedFields,
      actor: { id: cast.client.id },
      proposal: { id, title, archived },
    });
    // Each change is heard by everyone before the next: an event shows the proposal as it is now.
    const everyoneHeard = async (count: number) => {
      for (const sub of subs) await heard(sub, count);
    };

    expect((await rename(cast.client, id, '  Churn pilot, phase 2 ')).errors).toBeUndefined();
    await everyoneHeard(1);
    expect((await setArchived(cast.client, id, true)).errors).toBeUndefined();
    await everyoneHeard(2);
    expect((await setArchived(cast.client, id, false)).errors).toBeUndefined();
    await everyoneHeard(3);

    for (const sub of subs)
      expect(delivered(sub)).toEqual([
        update(['title'], 'Churn pilot, phase 2', false),
        update(['archived'], 'Churn pilot, phase 2', true),
        update(['archived'], 'Churn pilot, phase 2', false),
      ]);
  });

  it('says nothing for a rename to the same title, an archive of an archived proposal or a refused change', async () => {
    const cast = await makeCast(t.api);
    const id = cast.proposal.id;
    const sub = await subscribe(cast.freelancer, id);

    expect((await rename(cast.client, id, ` ${cast.proposal.title} `)).errors).toBeUndefined();
    expect((await setArchived(cast.client, id, false)).errors).toBeUndefined();
    expect((await rename(cast.freelancer, id, 'Mine now')).code).toBe('FORBIDDEN');
    expect((await setArchived(cast.viewer, id, true)).code).toBe('FORBIDDEN');
    expect((await rename(cast.outsider, id, 'Mine now')).code).toBe('NOT_FOUND');

    // A barrier: a real change arrives, and nothing came before it.
    expect((await rename(cast.client, id, 'Churn pilot, phase 2')).errors).toBeUndefined();
    const [event] = await heard(sub, 1);
    expect(event).toMatchObject({ changedFields: ['title'], proposal: { title: 'Churn pilot, phase 2' } });
    expect(delivered(sub)).toHaveLength(1);

    expect((await setArchived(cast.client, id, true)).errors).toBeUndefined();
    expect((await setArchived(cast.client, id, true)).errors).toBeUndefined();
    expect((await rename(cast.client, id, 'Churn pilot, phase 3')).errors).toBeUndefined();
    const kinds = (await heard(sub, 3)).map((update) => update.changedFields);
    expect(kinds).toEqual([['title'], ['archived'], ['title']]);
  });

  it('cannot be heard by someone who is not a participant', async () => {
    const cast = await makeCast(t.api);
    const outsider = pool
      .connect({ token: cast.outsider.token })
      .subscribe<{ proposalEvents: ProposalUpdate }>(PROPOSAL_UPDATES, { proposalId: cast.proposal.id });
    await waitFor(() => outsider.errors.length > 0 || outsider.completed, { what: "the outsider's refusal" });
    expect(codesOf(outsider)).toEqual(['NOT_FOUND']);
    const member = await subscribe(cast.freelancer, cast.proposal.id);
    expect((await rename(cast.client, cast.proposal.id, 'Churn pilot, phase 2')).errors).toBeUndefined();
    await heard(member, 1);
    expect(outsider.results.filter((result) => result.data)).toEqual([]);
  });
});
