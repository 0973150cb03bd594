import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/support/app.js';
import { makeUser } from '../../../test/support/factories.js';
import { waitFor } from '../../../test/support/wait.js';

// Without SMTP_URL the e-mail job keeps each message in the outbox: it still runs, and writes.
const t = useTestApp();

describe('statements of background work', () => {
  it('are not counted with the requests that caused them', async () => {
    t.queries.length = 0;
    const user = await makeUser(t.api);
    const requestStatements = t.queries.length;
    expect(t.queries.some((sql) => /insert into "emails"/.test(sql))).toBe(true);
    // The job ran (it marked the message kept), in the ORM, after the request had answered.
    await waitFor(
      async () =>
        (await t.db.query(`select "status" from "emails" where "user_id" = $1`, [user.id])).rows[0]?.status === 'kept',
      { what: 'the e-mail job to keep the message' },
    );
    expect(t.queries.filter((sql) => /update "emails"/.test(sql))).toEqual([]);
    expect(t.queries).toHaveLength(requestStatements);
  });
});
