import type { TypedBriefContent } from '@brieflock/schema';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { sweepMilestoneDue } from '../../server/src/modules/engagement/milestone-due.js';
import { createLogger } from '../../server/src/logger.js';
import { completeBrief } from '../support/brief.js';
import { editLiveBrief, readyCast } from '../support/contract.js';
import {
  acceptMilestone,
  engagementOf,
  executeVersion,
  ok,
  startMilestone,
  submitMilestone,
} from '../support/engagement.js';
import { addParticipant, makeUser, type TestUser } from '../support/factories.js';
import { addressesOf, settleJobs, useMailedApp, verifyByMail } from '../support/mail.js';
import { inboxOf } from '../support/notifications.js';
import { closeEngagement } from '../support/reviews.js';

/** The app's clock runs this far ahead of the wall clock. */
let offsetMs = 0;

// The app's own sweep stays out of the way: each test sweeps when it means to, with the
// app's clock, its queue and its events, so what one sweep sends is known exactly.
const { t, mailbox } = useMailedApp(
  {},
  { now: () => new Date(Date.now() + offsetMs), reminderSweepMs: 3_600_000, digestMs: 1500 },
);

/** Moves the app's clock to noon (UTC) of `day`, YYYY-MM-DD. */
const setToday = (day: string) => {
  offsetMs = Date.parse(`${day}T12:00:00Z`) - Date.now();
};

/** One sweep, as the app's timer runs it. */
const sweep = () =>
  sweepMilestoneDue(t.app.orm, {
    jobs: t.app.jobs,
    reach: t.app.reach,
    events: t.app.events,
    log: createLogger('silent'),
  });

/** The complete brief with its two milestones due on `first` and `second`. */
function dueOn(first: string, second: string): TypedBriefContent {
  const brief = completeBrief();
  const [one, two] = brief.milestones!;
  return {
    ...brief,
    milestones: [
      { ...one!, dueDate: first },
      { ...two!, dueDate: second },
    ],
  };
}

/**
 * A ready cast whose version 1 (milestones due as `brief` says) is executed. Cora proves
 * her address by mail first: signing needs it, and an outbox sent over SMTP keeps no link.
 */
async function engaged(brief: TypedBriefContent, more: TestUser[] = []) {
  const cast = await readyCast(t, brief);
  for (const user of more) {
    const added = await addParticipant(t.api, cast.client, cast.proposal.id, user, 'FREELANCER');
    if (added.errors) throw new Error(`addParticipant failed: ${JSON.stringify(added.errors)}`);
  }
  await verifyByMail(t, mailbox, cast.client);
  await executeVersion(t, cast.client, [cast.client, cast.freelancer, ...more], cast.proposal.id);
  return cast;
}

/** The MILESTONE_DUE texts in `user`'s inbox about `proposalId`, oldest first. */
async function dueNotices(user: TestUser, proposalId: string): Promise<{ text: string; link: string }[]> {
  const { items } = await inboxOf(t, user, 50);
  return items
    .filter((item) => item.kind === 'MILESTONE_DUE' && item.proposal?.id === proposalId)
    .map(({ text, link }) => ({ text, link }))
    .reverse();
}

async function notifiedAt(proposalId: string, itemId: string) {
  const { rows } = await t.db.query<{ soon: Date | null; due: Date | null }>(
    `select "due_soon_notified_at" as "soon", "due_notified_at" as "due" from "tracked_milestones"
      where "proposal_id" = $1 and "item_id" = $2`,
    [proposalId, itemId],
  );
  return rows[0]!;
}

const about = (title: string) => `Milestone \u201c${title}\u201d of \u201cChurn prediction pilot\u201d`;

describe('milestone due dates', () => {
  it('tell the client and the freelancer once two days ahead and once on the day, linking to the engagement', async () => {
    offsetMs = 0;
    const cast = await engaged(dueOn('2099-03-01', '2099-04-15'));
    const link = `/proposals/${cast.proposal.id}/engagement`;

    setToday('2099-02-26');
    await sweep();
    expect(await dueNotices(cast.client, cast.proposal.id)).toEqual([]);

    setToday('2099-02-27');
    await sweep();
    const soon = { text: `${about('Baseline model')} is due in 2 days, on 2099-03-01`, link };
    for (const party of [cast.client, cast.freelancer])
      expect(await dueNotices(party, cast.proposal.id)).toEqual([soon]);
    // The viewer and the outsider are not parties to the milestones.
    for (const other of [cast.viewer, cast.outsider]) expect(await dueNotices(other, cast.proposal.id)).toEqual([]);

    // Later sweeps inside the window say nothing more.
    await sweep();
    setToday('2099-02-28');
    await sweep();
    expect(await dueNotices(cast.freelancer, cast.proposal.id)).toEqual([soon]);

    setToday('2099-03-01');
    await sweep();
    await sweep();
    const due = { text: `${about('Baseline model')} is due today`, link };
    for (const party of [cast.client, cast.freelancer])
      expect(await dueNotices(party, cast.proposal.id)).toEqual([soon, due]);
    expect((await engagementOf(t, cast.client, cast.proposal.id)).milestones[0]!.overdue).toBe(false);

    // The next day it is overdue on the engagement page, and nobody is told again.
    setToday('2099-03-02');
    await sweep();
    expect((await engagementOf(t, cast.client, cast.proposal.id)).milestones[0]!.overdue).toBe(true);
    expect(await dueNotices(cast.client, cast.proposal.id)).toEqual([soon, due]);
    const stored = await notifiedAt(cast.proposal.id, 'milestone-1');
    expect(stored.soon).toBeInstanceOf(Date);
    expect(stored.due).toBeInstanceOf(Date);
    expect(await notifiedAt(cast.proposal.id, 'milestone-2')).toEqual({ soon: null, due: null });
    offsetMs = 0;
  });

  it('a milestone first seen past its due date is announced overdue, without the early notice', async () => {
    offsetMs = 0;
    const cast = await engaged(dueOn('2099-05-01', '2099-05-20'));
    setToday('2099-05-03');
    await sweep();
    await sweep();
    expect(await dueNotices(cast.client, cast.proposal.id)).toEqual([
      {
        text: `${about('Baseline model')} is overdue: it was due on 2099-05-01`,
        link: `/proposals/${cast.proposal.id}/engagement`,
      },
    ]);
    expect((await notifiedAt(cast.proposal.id, 'milestone-1')).soon).toBeNull();
    offsetMs = 0;
  });

  it('say nothing of accepted or removed milestones, nor of closed engagements', async () => {
    offsetMs = 0;
    const brief = dueOn('2099-07-01', '2099-07-01');
    // Baseline model accepted; Production scoring still open.
    const accepted = await engaged(brief);
    const [first] = (await engagementOf(t, accepted.client, accepted.proposal.id)).milestones;
    ok(await startMilestone(t, accepted.freelancer, first!.id), 'startMilestone');
    ok(await submitMilestone(t, accepted.freelancer, { milestoneId: first!.id, note: 'Done' }), 'submitMilestone');
    ok(await acceptMilestone(t, accepted.client, { milestoneId: first!.id }), 'acceptMilestone');
    // Production scoring dropped by a change order; Baseline model still open.
    const removed = await engaged(brief);
    await editLiveBrief(t, removed.client, removed.proposal.id, (doc) => {
      doc.getArray('milestones').delete(1, 1);
    });
    await executeVersion(t, removed.client, [removed.client, removed.freelancer], removed.proposal.id);
    expect((await engagementOf(t, removed.client, removed.proposal.id)).milestones[1]!.state).toBe('REMOVED');
    const closed = await engaged(brief);
    expect((await closeEngagement(t, closed.client, closed.proposal.id)).errors).toBeUndefined();

    setToday('2099-06-30');
    await sweep();
    setToday('2099-07-01');
    await sweep();
    const texts = async (cast: { client: TestUser; proposal: { id: string } }) =>
      (await dueNotices(cast.client, cast.proposal.id)).map((notice) => notice.text);
    expect(await texts(accepted)).toEqual([
      `${about('Production scoring')} is due tomorrow, on 2099-07-01`,
      `${about('Production scoring')} is due today`,
    ]);
    expect(await texts(removed)).toEqual([
      `${about('Baseline model')} is due tomorrow, on 2099-07-01`,
      `${about('Baseline model')} is due today`,
    ]);
    expect(await texts(closed)).toEqual([]);
    offsetMs = 0;
  });

  it('sweeps running at the same time send each notice once', async () => {
    offsetMs = 0;
    const casts = [];
    for (let i = 0; i < 3; i += 1) casts.push(await engaged(dueOn('2099-09-10', '2099-09-10')));
    setToday('2099-09-09');
    await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    for (const cast of casts)
      for (const party of [cast.client, cast.freelancer]) {
        const texts = (await dueNotices(party, cast.proposal.id)).map((notice) => notice.text);
        expect(texts.sort()).toEqual([
          `${about('Baseline model')} is due tomorrow, on 2099-09-10`,
          `${about('Production scoring')} is due tomorrow, on 2099-09-10`,
        ]);
      }
    setToday('2099-09-10');
    await Promise.all([sweep(), sweep(), sweep(), sweep()]);
    for (const cast of casts) expect(await dueNotices(cast.freelancer, cast.proposal.id)).toHaveLength(4);
    offsetMs = 0;
  });

  it('a due date a change order moves is announced again; one it keeps is not', async () => {
    offsetMs = 0;
    const cast = await engaged(dueOn('2099-11-01', '2099-11-02'));
    setToday('2099-10-31');
    await sweep();
    setToday('2099-11-01');
    await sweep();
    expect(await dueNotices(cast.client, cast.proposal.id)).toHaveLength(3);

    // The change order gives Baseline model three more weeks; Production scoring keeps its date.
    await editLiveBrief(t, cast.client, cast.proposal.id, (doc) => {
      doc.getArray<Y.Map<unknown>>('milestones').get(0).set('dueDate', '2099-11-22');
    });
    await executeVersion(t, cast.client, [cast.client, cast.freelancer], cast.proposal.id);
    expect(await notifiedAt(cast.proposal.id, 'milestone-1')).toEqual({ soon: null, due: null });
    expect((await notifiedAt(cast.proposal.id, 'milestone-2')).soon).toBeInstanceOf(Date);

    await sweep();
    setToday('2099-11-20');
    await sweep();
    const texts = (await dueNotices(cast.client, cast.proposal.id)).map((notice) => notice.text);
    expect(texts.slice(3)).toEqual([
      // 2 November came and went in between: Production scoring is told once, overdue.
      `${about('Production scoring')} is overdue: it was due on 2099-11-02`,
      `${about('Baseline model')} is due in 2 days, on 2099-11-22`,
    ]);
    offsetMs = 0;
  });

  it('reach each party by e-mail as they chose: the digest by default, at once, or not at all', async () => {
    offsetMs = 0;
    const quiet = await makeUser(t.api, { name: 'Quinn Quiet' });
    const cast = await engaged(dueOn('2099-12-10', '2099-12-31'), [quiet]);
    const choose = async (user: TestUser, channel: string) => {
      const chosen = await t.api.gql(
        'mutation($input: NotificationPreferencesInput!) { updateNotificationPreferences(input: $input) { channels { kind } } }',
        { input: { channels: [{ kind: 'MILESTONE_DUE', channel }] } },
        { token: user.token },
      );
      expect(chosen.errors).toBeUndefined();
    };
    await choose(cast.freelancer, 'EMAIL_NOW');
    await choose(quiet, 'APP_ONLY');

    setToday('2099-12-08');
    await sweep();
    const text = `${about('Baseline model')} is due in 2 days, on 2099-12-10`;
    const url = new URL(`/proposals/${cast.proposal.id}/engagement`, t.app.reach.publicUrl).href;
    const now = await mailbox.next(
      (m) => addressesOf(m).includes(cast.freelancer.email) && m.subject === text,
      "the freelancer's e-mail",
    );
    expect(now.text).toContain(url);
    expect(now.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(true);
    // Cora takes it in the digest (the default), which lists it with its link.
    const digest = await mailbox.next(
      (m) => addressesOf(m).includes(cast.client.email) && (m.text ?? '').includes(`\u2022 ${text}: ${url}`),
      "the client's digest",
    );
    expect(digest.subject).toBe(`Brieflock: ${text}`);
    // Quinn reads it in the app only.
    expect(await dueNotices(quiet, cast.proposal.id)).toEqual([
      { text, link: `/proposals/${cast.proposal.id}/engagement` },
    ]);
    await settleJobs(t);
    expect(mailbox.to(quiet.email).filter((m) => (m.text ?? '').includes(text))).toEqual([]);
    expect(mailbox.to(cast.freelancer.email).filter((m) => (m.text ?? '').includes(text))).toHaveLength(1);
    // The digest would list it for whoever has not read it yet: Cora's is sent, so not twice.
    expect(mailbox.to(cast.client.email).filter((m) => (m.text ?? '').includes(text))).toHaveLength(1);
    offsetMs = 0;
  });
});
