import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { completeBrief } from '../support/brief.js';
import { writeLiveBrief } from '../support/contract.js';
import { engagedCast, executeVersion, ok, startMilestone, submitMilestone } from '../support/engagement.js';
import { addParticipant, makeProposal } from '../support/factories.js';
import { dataStatements } from '../support/queries.js';

const t = useTestApp();

const ENGAGEMENTS = `query { proposals { id contractInForce { id number } milestones {
  id state revisionsUsed revisionsLeft overdue submissions { id decision } metricResults { metricId met } } } }`;

async function statementsOf(token: string) {
  t.queries.length = 0;
  const result = await t.api.gql<{ proposals: { milestones: unknown[] }[] }>(ENGAGEMENTS, {}, { token });
  expect(result.errors).toBeUndefined();
  return { proposals: result.data!.proposals, statements: dataStatements(t.queries).length };
}

describe("proposals' engagements", () => {
  it('are read in a fixed number of statements however many proposals and milestones there are', async () => {
    const cast = await engagedCast(t);
    const one = await statementsOf(cast.client.token);
    expect(one.proposals).toHaveLength(1);
    expect(one.statements).toBeGreaterThan(0);

    // A second engagement of the same client, with a submission on one milestone.
    const second = await makeProposal(t.api, cast.client, 'Second engagement');
    expect((await addParticipant(t.api, cast.client, second.id, cast.freelancer, 'FREELANCER')).errors).toBeUndefined();
    await writeLiveBrief(t, cast.client, second.id, completeBrief());
    await executeVersion(t, cast.client, [cast.client, cast.freelancer], second.id);
    const rows = await t.db.query<{ id: string }>('select "id" from "tracked_milestones" where "proposal_id" = $1', [
      second.id,
    ]);
    ok(await startMilestone(t, cast.freelancer, rows.rows[0]!.id), 'startMilestone');
    ok(await submitMilestone(t, cast.freelancer, { milestoneId: rows.rows[0]!.id, note: 'Here' }), 'submitMilestone');

    const two = await statementsOf(cast.client.token);
    expect(two.proposals).toHaveLength(2);
    expect(two.proposals.flatMap((proposal) => proposal.milestones)).toHaveLength(4);
    expect(two.statements).toBe(one.statements);
  });
});
