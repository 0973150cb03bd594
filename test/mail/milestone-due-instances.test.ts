import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { useInstances, type TestApp } from '../support/app.js';
import { completeBrief } from '../support/brief.js';
import { readyCast } from '../support/contract.js';
import { executeVersion } from '../support/engagement.js';
import { startMailbox, verifyByMail, type Mailbox } from '../support/mail.js';
import { inboxOf } from '../support/notifications.js';
import { waitFor } from '../support/wait.js';

/** Both instances' clock runs this far ahead of the wall clock. */
let offsetMs = 0;
const now = () => new Date(Date.now() + offsetMs);
const setToday = (day: string) => {
  offsetMs = Date.parse(`${day}T12:00:00Z`) - Date.now();
};

let mailbox: Mailbox;
const instances = useInstances();

beforeAll(async () => {
  mailbox = await startMailbox();
});
afterAll(async () => {
  await mailbox?.close();
});

describe('two instances sweeping due dates on their own timers', () => {
  it('announce each milestone once, as its due date nears and comes', async () => {
    const options = { now, reminderSweepMs: 40 };
    const a = await instances.boot({ SMTP_URL: mailbox.url }, undefined, options);
    await instances.boot({ SMTP_URL: mailbox.url }, undefined, options);
    const t: TestApp = { ...a, db: instances.db, queries: [], close: async () => {} };
    const brief = completeBrief();
    const [one, two] = brief.milestones!;
    const cast = await readyCast(t, {
      ...brief,
      milestones: [
        { ...one!, dueDate: '2099-03-01' },
        { ...two!, dueDate: '2099-03-05' },
      ],
    });
    await verifyByMail(t, mailbox, cast.client);
    await executeVersion(t, cast.client, [cast.client, cast.freelancer], cast.proposal.id);

    const texts = async (user: typeof cast.client) =>
      (await inboxOf(t, user, 50)).items
        .filter((item) => item.kind === 'MILESTONE_DUE')
        .map((item) => item.text)
        .reverse();
    const about = (title: string) => `Milestone \u201c${title}\u201d of \u201cChurn prediction pilot\u201d`;
    const expected = [
      `${about('Baseline model')} is due in 2 days, on 2099-03-01`,
      `${about('Baseline model')} is due today`,
      `${about('Production scoring')} is due in 2 days, on 2099-03-05`,
      `${about('Production scoring')} is overdue: it was due on 2099-03-05`,
    ];
    // Each step waits until the timers have sent the next notice to both parties.
    for (const [step, day] of ['2099-02-27', '2099-03-01', '2099-03-03', '2099-03-07'].entries()) {
      setToday(day);
      for (const party of [cast.client, cast.freelancer])
        await waitFor(async () => (await texts(party)).length > step, { what: `notice ${step + 1} on ${day}` });
    }
    for (const party of [cast.client, cast.freelancer]) expect(await texts(party)).toEqual(expected);
    offsetMs = 0;
  });
});
