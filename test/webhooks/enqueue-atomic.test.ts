import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { reply, startThreadOk } from '../support/comments.js';
import { makeCast } from '../support/factories.js';
import { waitFor } from '../support/wait.js';
import { useReceivers } from '../support/webhook-receiver.js';
import { createWebhookOk } from '../support/webhooks.js';

const t = useTestApp({ WEBHOOK_ALLOW_PRIVATE: 'true' });
const startReceiver = useReceivers();

/**
 * A deferred constraint trigger runs inside the change's own transaction, at its COMMIT:
 * it records how many deliveries of the change's event (and their pg-boss jobs) that
 * transaction sees. Deliveries enqueued after the commit, in a transaction of their own,
 * would be counted as none.
 */
beforeAll(async () => {
  await t.db.query(`
    create table "webhook_probe" ("source" text not null, "owner" text not null, "deliveries" int not null, "jobs" int not null);
    create function "webhook_probe"() returns trigger language plpgsql as $$
    declare
      owner text := to_jsonb(new) ->> tg_argv[0];
    begin
      insert into "webhook_probe"
      select tg_table_name, owner, count(d."id"), count(j."id")
        from "webhook_deliveries" d
        left join "pgboss"."job" j on j."data" ->> 'deliveryId' = d."id"::text
       where d."event" = tg_argv[1] and d."payload" -> 'data' ->> tg_argv[2] = owner;
      return null;
    end $$;
    create constraint trigger "probe_thread_started" after insert on "comment_threads"
      deferrable initially deferred for each row execute function "webhook_probe"('id', 'THREAD_STARTED', 'threadId');
    create constraint trigger "probe_comment_added" after insert on "comments"
      deferrable initially deferred for each row execute function "webhook_probe"('thread_id', 'COMMENT_ADDED', 'threadId');
    create constraint trigger "probe_proposal_updated" after update of "title" on "proposals"
      deferrable initially deferred for each row execute function "webhook_probe"('id', 'PROPOSAL_UPDATED', 'proposalId');
  `);
});

async function probed(source: string, owner: string) {
  const { rows } = await t.db.query(
    `select "deliveries", "jobs" from "webhook_probe" where "source" = $1 and "owner" = $2 order by "deliveries"`,
    [source, owner],
  );
  return rows;
}

describe('webhook deliveries of a change', () => {
  it('are enqueued in the transaction of a comment: its commit holds them and their jobs', async () => {
    const cast = await makeCast(t.api);
    const receiver = await startReceiver();
    await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, ['THREAD_STARTED', 'COMMENT_ADDED']);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Is the baseline agreed?');
    expect(await probed('comment_threads', thread.id)).toEqual([{ deliveries: 1, jobs: 1 }]);

    const answered = await reply(t, cast.freelancer, thread.id, 'Yes, the March figures.');
    expect(answered.errors).toBeUndefined();
    // The first comment came with the thread; the reply's commit sees both events' deliveries.
    expect(await probed('comments', thread.id)).toEqual([
      { deliveries: 0, jobs: 0 },
      { deliveries: 1, jobs: 1 },
    ]);
    await waitFor(() => receiver.received.length === 2, { what: 'both comment events at the receiver' });
  });

  it('are enqueued in the transaction of a proposal update; one that changes nothing enqueues none', async () => {
    const cast = await makeCast(t.api);
    const receiver = await startReceiver();
    await createWebhookOk(t, cast.client, cast.proposal.id, receiver.url, ['PROPOSAL_UPDATED']);
    const rename = (title: string) =>
      t.api.gql(
        'mutation($input: RenameProposalInput!) { renameProposal(input: $input) { id } }',
        { input: { proposalId: cast.proposal.id, title } },
        { token: cast.client.token },
      );
    expect((await rename('Churn pilot, phase one')).errors).toBeUndefined();
    expect(await probed('proposals', cast.proposal.id)).toEqual([{ deliveries: 1, jobs: 1 }]);
    expect((await rename('Churn pilot, phase one')).errors).toBeUndefined();
    await waitFor(() => receiver.received.length === 1, { what: 'the rename at the receiver' });
    const { rows } = await t.db.query(
      `select count(*)::int as "n" from "webhook_deliveries" d join "webhooks" w on w."id" = d."webhook_id" where w."proposal_id" = $1`,
      [cast.proposal.id],
    );
    expect(rows[0].n).toBe(1);
  });
});
