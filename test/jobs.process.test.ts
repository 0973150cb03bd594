import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from './support/db.js';
import { makeUser } from './support/factories.js';
import { createApi } from './support/graphql.js';
import { startMailbox, type Mailbox } from './support/mail.js';
import { freePort, killAll, startHealthy } from './support/process.js';
import { waitFor } from './support/wait.js';

let db: TestDatabase;
let mailbox: Mailbox;

beforeAll(async () => {
  db = await createTestDatabase();
  mailbox = await startMailbox();
});
afterAll(async () => {
  await killAll();
  await mailbox?.close();
  await db?.drop();
});

describe('a job in hand when its instance is killed (SIGKILL)', () => {
  it('is taken up again after the restart and delivered once, with the same Message-ID', async () => {
    const port = await freePort();
    const env = { DATABASE_URL: db.url, LOG_LEVEL: 'warn', SMTP_URL: mailbox.url, JOB_SUPERVISE_SECONDS: '1' };
    const first = await startHealthy(env, port);
    // The SMTP server holds the message mid-transfer: the job is in the instance's hands.
    const { held, release } = mailbox.hold();
    const user = await makeUser(createApi(first.url));
    await held;
    const killed = await first.server.stop('SIGKILL');
    expect(killed.signal).toBe('SIGKILL');
    // The transfer died with the instance: SMTP never accepted that copy.
    release();
    const { rows } = await db.query(`select "id", "status" from "emails" where "user_id" = $1`, [user.id]);
    expect(rows).toEqual([{ id: expect.any(String), status: 'queued' }]);

    await startHealthy(env, port);
    // Its heartbeat stopped with the instance: the restarted one's supervision retries it.
    const mail = await waitFor(() => mailbox.to(user.email)[0], {
      what: 'the e-mail after the restart',
      timeoutMs: 90_000,
    });
    expect(mail.messageId).toBe(`<${rows[0]!.id}@localhost>`);
    await waitFor(
      async () =>
        (await db.query(`select "status" from "emails" where "id" = $1`, [rows[0]!.id])).rows[0]?.status === 'sent',
      { what: 'the e-mail to be recorded as sent', timeoutMs: 30_000 },
    );
    expect(mailbox.to(user.email)).toHaveLength(1);
  }, 180_000);
});
