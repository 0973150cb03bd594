import { describe, expect, it } from 'vitest';
import { reply, startThreadOk } from '../support/comments.js';
import { addParticipant, makeCast, makeProposal, type TestUser } from '../support/factories.js';
import { addressesOf, useMailedApp, verifyByMail } from '../support/mail.js';
import { waitFor } from '../support/wait.js';

const DIGEST_MS = 1500;

const { t, mailbox } = useMailedApp({ PUBLIC_URL: 'https://brieflock.test' }, { digestMs: DIGEST_MS });

const mailsTo = (user: TestUser, match: (text: string, subject: string) => boolean) =>
  mailbox.to(user.email).filter((m) => match(m.text ?? '', m.subject ?? ''));

describe('notification e-mails', () => {
  it('a mention of a proven address is e-mailed at once, with a working unsubscribe link; a claimed one is not', async () => {
    const cast = await makeCast(t.api);
    // Finn proved his address by accepting his invitation's link; Cora never proved hers.
    await startThreadOk(t, cast.client, cast.proposal.id, '@Finn can you check?', undefined, [cast.freelancer.id]);
    const mail = await mailbox.next(
      (m) =>
        addressesOf(m).includes(cast.freelancer.email) &&
        m.subject === 'Cora Client mentioned you on \u201cChurn prediction pilot\u201d',
      'the mention e-mail',
    );
    expect(mail.text).toContain(`https://brieflock.test/proposals/${cast.proposal.id}`);
    expect(mail.text).toContain('Hello Finn Freelancer,');
    expect(mail.text).toContain('Choose what comes by e-mail on your profile: https://brieflock.test/profile');
    expect(mail.text).not.toContain('can you check');
    const header = (key: string) => mail.headerLines.find((line) => line.key === key)?.line ?? '';
    expect(header('list-unsubscribe')).toContain('<https://brieflock.test/unsubscribe?token=blu_');
    expect(header('list-unsubscribe-post')).toContain('List-Unsubscribe=One-Click');
    // Once SMTP has it, no link token of the message stays stored, the unsubscribe one included.
    const sent = await waitFor(
      async () => {
        const { rows } = await t.db.query(
          `select "status", "text_body", "link", "unsubscribe_url" from "emails" where "user_id" = $1 and "kind" = 'notification'`,
          [cast.freelancer.id],
        );
        return rows[0]?.status === 'sent' ? rows[0] : undefined;
      },
      { what: 'the mention e-mail to be recorded as sent' },
    );
    expect(sent).toEqual({ status: 'sent', text_body: null, link: null, unsubscribe_url: null });

    const thread = await startThreadOk(t, cast.freelancer, cast.proposal.id, '@Cora a question', undefined, [
      cast.client.id,
    ]);
    expect(thread.id).toBeTruthy();
    const { rows } = await t.db.query(
      `select count(*)::int as n from "emails" where "user_id" = $1 and "kind" = 'notification'`,
      [cast.client.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('replies gather into one digest after DIGEST_MINUTES; what was read in the app is left out', async () => {
    const cast = await makeCast(t.api);
    await verifyByMail(t, mailbox, cast.client);
    const thread = await startThreadOk(t, cast.client, cast.proposal.id, 'Is the baseline agreed?');
    expect((await reply(t, cast.freelancer, thread.id, 'Yes.')).errors).toBeUndefined();
    expect((await reply(t, cast.freelancer, thread.id, 'Agreed, with the March figures.')).errors).toBeUndefined();
    const second = await startThreadOk(t, cast.client, cast.proposal.id, 'And the data?');
    expect((await reply(t, cast.freelancer, second.id, 'Ready.')).errors).toBeUndefined();
    // Cora reads the last one in the app before the digest goes out.
    const { rows: last } = await t.db.query(
      `select "id" from "notifications" where "user_id" = $1 order by "created_at" desc limit 1`,
      [cast.client.id],
    );
    await t.api.gql(
      'mutation($ids: [ID!]) { markNotificationsRead(ids: $ids) }',
      { ids: [last[0].id] },
      { token: cast.client.token },
    );

    const digest = await mailbox.next(
      (m) => addressesOf(m).includes(cast.client.email) && (m.subject ?? '').startsWith('Brieflock: '),
      'the digest',
    );
    expect(digest.subject).toBe('Brieflock: 2 updates for you');
    const lines = (digest.text ?? '').split('\n').filter((line) => line.startsWith('\u2022 '));
    expect(lines).toHaveLength(2);
    for (const line of lines)
      expect(line).toMatch(
        /^\u2022 Finn Freelancer replied in a thread on \u201cChurn prediction pilot\u201d: https:\/\/brieflock\.test\/proposals\//,
      );
    expect(digest.text).toContain('/unsubscribe?token=blu_');
    // One digest: the replies did not each send one, and nothing is e-mailed twice.
    await waitFor(
      async () => {
        const { rows } = await t.db.query(
          `select count(*)::int as n from "pgboss"."job" where "name" = 'digest' and "state" not in ('completed')`,
        );
        return rows[0].n === 0;
      },
      { what: 'the digest job to finish' },
    );
    expect(mailsTo(cast.client, (_text, subject) => subject.startsWith('Brieflock: '))).toHaveLength(1);
    const { rows } = await t.db.query(
      `select count(*)::int as n from "notifications" where "user_id" = $1 and "emailed_at" is null and "read_at" is null`,
      [cast.client.id],
    );
    expect(rows[0].n).toBe(0);
  });

  it('leaves out of a digest what happened on a proposal its reader has since been removed from', async () => {
    const cast = await makeCast(t.api);
    const other = await makeProposal(t.api, cast.client, 'Forecasting pilot');
    expect((await addParticipant(t.api, cast.client, other.id, cast.freelancer, 'FREELANCER')).errors).toBeUndefined();
    // Finn takes part in a thread on each proposal, and Cora replies in both.
    for (const proposalId of [cast.proposal.id, other.id]) {
      const thread = await startThreadOk(t, cast.client, proposalId, 'Is the baseline agreed?');
      expect((await reply(t, cast.freelancer, thread.id, 'Yes.')).errors).toBeUndefined();
      expect((await reply(t, cast.client, thread.id, 'Good.')).errors).toBeUndefined();
    }
    const { rows } = await t.db.query(`select "id" from "participants" where "proposal_id" = $1 and "user_id" = $2`, [
      cast.proposal.id,
      cast.freelancer.id,
    ]);
    const removed = await t.api.gql(
      'mutation($input: RemoveParticipantInput!) { removeParticipant(input: $input) }',
      { input: { proposalId: cast.proposal.id, participantId: rows[0].id } },
      { token: cast.client.token },
    );
    expect(removed.errors).toBeUndefined();

    const digest = await mailbox.next(
      (m) => addressesOf(m).includes(cast.freelancer.email) && (m.subject ?? '').startsWith('Brieflock: '),
      "Finn's digest",
    );
    expect(digest.subject).toBe('Brieflock: Cora Client replied in a thread on \u201cForecasting pilot\u201d');
    expect(digest.text).not.toContain('Churn prediction pilot');
  });
});
