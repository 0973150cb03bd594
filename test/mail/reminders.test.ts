import { describe, expect, it } from 'vitest';
import { freezeOk, readyCast, reviseBrief, sign } from '../support/contract.js';
import type { TestUser } from '../support/factories.js';
import { useMailedApp, verifyByMail } from '../support/mail.js';
import { waitFor } from '../support/wait.js';

const DAY = 86_400_000;
/** The app's clock runs this far ahead of the wall clock. */
let offsetMs = 0;

const { t, mailbox } = useMailedApp({}, { now: () => new Date(Date.now() + offsetMs), reminderSweepMs: 100 });

const reminderMails = (user: TestUser, number: number) =>
  mailbox.to(user.email).filter((m) => (m.subject ?? '').startsWith(`Reminder: version ${number} of`));

/** How many scheduled reminders `user` was sent for `versionId`, as stored. */
async function scheduled(versionId: string, user: TestUser): Promise<number[]> {
  const { rows } = await t.db.query(
    `select "ordinal" from "sign_reminders" where "version_id" = $1 and "user_id" = $2 and "ordinal" is not null order by "ordinal"`,
    [versionId, user.id],
  );
  return rows.map((row) => row.ordinal as number);
}

async function signers(user: TestUser, versionId: string) {
  const result = await t.api.gql<{
    contractVersion: {
      frozenAt: string;
      signers: { user: { id: string }; nextReminderAt: string | null; lastRemindedAt: string | null }[];
    };
  }>(
    'query($id: ID!) { contractVersion(id: $id) { frozenAt signers { user { id } nextReminderAt lastRemindedAt } } }',
    { id: versionId },
    { token: user.token },
  );
  if (!result.data) throw new Error(JSON.stringify(result.errors));
  return result.data.contractVersion;
}

const REMIND = 'mutation($versionId: ID!) { remindSigners(versionId: $versionId) }';

describe('signature reminders', () => {
  it('remind pending signers after 1, 3 and 7 days, say when the next goes out, and stop once they sign', async () => {
    offsetMs = 0;
    const cast = await readyCast(t);
    await verifyByMail(t, mailbox, cast.client);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const before = await signers(cast.client, version.id);
    const frozenAt = new Date(before.frozenAt).getTime();
    for (const signer of before.signers) expect(new Date(signer.nextReminderAt!).getTime()).toBe(frozenAt + DAY);

    offsetMs = DAY + 60_000;
    await waitFor(async () => (await scheduled(version.id, cast.freelancer)).length === 1, {
      what: 'the first reminder',
    });
    const mail = await mailbox.next(
      (m) => reminderMails(cast.freelancer, version.number).includes(m),
      'the reminder e-mail',
    );
    expect(mail.subject).toBe(
      `Reminder: version ${version.number} of \u201cChurn prediction pilot\u201d waits for your signature`,
    );
    expect(mail.text).toContain(`/proposals/${cast.proposal.id}/versions/${version.id}`);
    await waitFor(async () => (await scheduled(version.id, cast.client)).length === 1, {
      what: "the client's reminder",
    });
    const after = await signers(cast.client, version.id);
    for (const signer of after.signers) expect(new Date(signer.nextReminderAt!).getTime()).toBe(frozenAt + 3 * DAY);

    // Finn signs; the client does not.
    expect((await sign(t, cast.freelancer, version.id, version.contentHash)).errors).toBeUndefined();
    const signed = await signers(cast.client, version.id);
    expect(signed.signers.find((s) => s.user.id === cast.freelancer.id)?.nextReminderAt).toBeNull();

    // Ten days on, after an outage: one reminder (the 7-day one), not the 3- and 7-day ones together.
    offsetMs = 10 * DAY;
    await waitFor(async () => (await scheduled(version.id, cast.client)).length === 2, { what: 'the last reminder' });
    expect(await scheduled(version.id, cast.client)).toEqual([0, 2]);
    expect(await scheduled(version.id, cast.freelancer)).toEqual([0]);
    await waitFor(() => reminderMails(cast.client, version.number).length === 2, {
      what: "the client's two reminder e-mails",
    });
    expect(reminderMails(cast.freelancer, version.number)).toHaveLength(1);
    offsetMs = 0;
  });

  it('stop when a newer version supersedes the one awaiting signatures', async () => {
    offsetMs = 0;
    const cast = await readyCast(t);
    const first = await freezeOk(t, cast.client, cast.proposal.id);
    await reviseBrief(t, cast.client, cast.proposal.id);
    const second = await freezeOk(t, cast.client, cast.proposal.id);
    expect(second.number).toBe(first.number + 1);
    offsetMs = DAY + 60_000;
    await waitFor(async () => (await scheduled(second.id, cast.freelancer)).length === 1, {
      what: 'the reminder of the new version',
    });
    expect(await scheduled(first.id, cast.freelancer)).toEqual([]);
    const old = await signers(cast.client, first.id);
    for (const signer of old.signers) expect(signer.nextReminderAt).toBeNull();
    offsetMs = 0;
  });

  it('a client reminds pending signers by hand at most once an hour; others may not', async () => {
    offsetMs = 0;
    const cast = await readyCast(t);
    const version = await freezeOk(t, cast.client, cast.proposal.id);
    const first = await t.api.gql(REMIND, { versionId: version.id }, { token: cast.client.token });
    // The freelancer only: the client never reminds themself.
    expect(first.data?.remindSigners).toBe(1);
    const mail = await mailbox.next(
      (m) => reminderMails(cast.freelancer, version.number).includes(m),
      'the manual reminder',
    );
    expect(mail).toBeTruthy();
    const inbox = await t.api.gql<{ notifications: { items: { kind: string; text: string }[] } }>(
      '{ notifications { items { kind text } } }',
      {},
      { token: cast.freelancer.token },
    );
    expect(inbox.data?.notifications.items[0]).toEqual({
      kind: 'SIGNATURE_REQUESTED',
      text: `Reminder: version ${version.number} of \u201cChurn prediction pilot\u201d waits for your signature`,
    });
    expect((await t.api.gql(REMIND, { versionId: version.id }, { token: cast.client.token })).data?.remindSigners).toBe(
      0,
    );
    offsetMs = 3_600_000 + 1000;
    expect((await t.api.gql(REMIND, { versionId: version.id }, { token: cast.client.token })).data?.remindSigners).toBe(
      1,
    );
    offsetMs = 0;
    for (const user of [cast.freelancer, cast.viewer, cast.outsider]) {
      const refused = await t.api.gql(REMIND, { versionId: version.id }, { token: user.token });
      expect(refused.code).toMatch(/^(FORBIDDEN|NOT_FOUND)$/);
    }
  });
});
