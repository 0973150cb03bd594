import { describe, expect, it } from 'vitest';
import { readyCast, sign } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { useMailedApp, verifyByMail } from '../support/mail.js';
import { waitFor } from '../support/wait.js';

const DAY = 86_400_000;
/** The app's clock runs this far ahead of the wall clock. */
let offsetMs = 0;

const { t, mailbox } = useMailedApp({}, { now: () => new Date(Date.now() + offsetMs), reminderSweepMs: 100 });

async function reminders(versionId: string, user: TestUser): Promise<{ ordinal: number; sent_at: Date }[]> {
  const { rows } = await t.db.query(
    `select "ordinal", "sent_at" from "sign_reminders" where "version_id" = $1 and "user_id" = $2 and "ordinal" is not null order by "ordinal"`,
    [versionId, user.id],
  );
  return rows as { ordinal: number; sent_at: Date }[];
}

async function nextReminders(user: TestUser, versionId: string) {
  const result = await t.api.gql<{
    contractVersion: { signers: { user: { id: string }; nextReminderAt: string | null }[] };
  }>(
    'query($id: ID!) { contractVersion(id: $id) { signers { user { id } nextReminderAt } } }',
    { id: versionId },
    {
      token: user.token,
    },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return new Map(result.data.contractVersion.signers.map((signer) => [signer.user.id, signer.nextReminderAt]));
}

describe('signature reminders with a signing order', () => {
  it('remind only the signers whose turn it is', async () => {
    offsetMs = 0;
    const cast = await readyCast(t);
    await verifyByMail(t, mailbox, cast.client);
    const frozen = await t.api.gql<{ freezeProposal: { id: string; contentHash: string } }>(
      'mutation($input: FreezeProposalInput!) { freezeProposal(input: $input) { id contentHash } }',
      { input: { proposalId: cast.proposal.id, signingOrder: [[cast.freelancer.id], [cast.client.id]] } },
      { token: cast.client.token },
    );
    const version = frozen.data!.freezeProposal;
    const planned = await nextReminders(cast.client, version.id);
    expect(planned.get(cast.freelancer.id)).not.toBeNull();
    expect(planned.get(cast.client.id)).toBeNull();

    offsetMs = DAY + 60_000;
    await waitFor(async () => (await reminders(version.id, cast.freelancer)).length === 1, {
      what: 'the first group’s reminder',
    });
    expect((await sign(t, cast.freelancer, version.id, version.contentHash)).errors).toBeUndefined();
    const signedAt = Date.now() + offsetMs;

    // Now it is the client's turn: the day-1 reminder, sent only after the group before signed.
    await waitFor(async () => (await reminders(version.id, cast.client)).length === 1, {
      what: 'the second group’s reminder',
    });
    const [clientReminder] = await reminders(version.id, cast.client);
    expect(clientReminder!.ordinal).toBe(0);
    expect(new Date(clientReminder!.sent_at).getTime()).toBeGreaterThanOrEqual(signedAt - 1000);
  });
});
