import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useInstances } from '../support/app.js';
import { makeUser, type TestUser } from '../support/factories.js';
import { addressesOf, settleJobs, startMailbox, type Mailbox } from '../support/mail.js';
import { waitFor } from '../support/wait.js';

let mailbox: Mailbox;
const instances = useInstances();

beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox?.close();
});

describe('two instances on one database', () => {
  it('share the queue and never send one job twice', async () => {
    const env = { SMTP_URL: mailbox.url };
    const a = await instances.boot(env);
    const b = await instances.boot(env);
    const users: TestUser[] = [];
    for (let i = 0; i < 12; i += 1) users.push(await makeUser((i % 2 === 0 ? a : b).api));
    const addresses = new Set(users.map((user) => user.email));
    await waitFor(() => mailbox.messages.filter((m) => addressesOf(m).some((x) => addresses.has(x))).length >= 12, {
      what: 'every verification e-mail',
      timeoutMs: 30_000,
    });
    // Every message handed over and no job left in hand on either instance: nothing can
    // still arrive, so what the mailbox holds now is all it will ever get.
    await waitFor(
      async () => {
        const { rows } = await instances.db.query(
          `select count(*)::int as "n" from "emails" where "status" = 'sent' and "to_address" = any($1::text[])`,
          [[...addresses]],
        );
        return rows[0]!.n === 12;
      },
      { what: 'every message recorded as sent' },
    );
    await settleJobs(instances);
    for (const user of users) expect(mailbox.to(user.email)).toHaveLength(1);
    const ids = mailbox.messages.filter((m) => addressesOf(m).some((x) => addresses.has(x))).map((m) => m.messageId);
    expect(new Set(ids).size).toBe(12);
  });
});
