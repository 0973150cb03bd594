import { describe, expect, it } from 'vitest';
import { useTestApp } from '../support/app.js';
import { freezeOk, readyCast, verify } from '../support/contract.js';
import {
  answerReview,
  auditKinds,
  closeEngagement,
  reviewFreelancer,
  signedCast,
  type ReviewView,
} from '../support/reviews.js';

const t = useTestApp();

async function notificationKinds(userId: string, proposalId: string): Promise<string[]> {
  const { rows } = await t.db.query<{ kind: string }>(
    'select kind from notifications where user_id = $1 and proposal_id = $2 order by created_at, id',
    [userId, proposalId],
  );
  return rows.map((row) => row.kind);
}

describe('closing an engagement', () => {
  it('a client closes it once; the freelancer, a viewer and an outsider cannot', async () => {
    const { client, freelancer, viewer, outsider, proposal } = await signedCast(t);

    expect((await closeEngagement(t, freelancer, proposal.id)).code).toBe('FORBIDDEN');
    expect((await closeEngagement(t, viewer, proposal.id)).code).toBe('FORBIDDEN');
    expect((await closeEngagement(t, outsider, proposal.id)).code).toBe('NOT_FOUND');

    const closed = await closeEngagement(t, client, proposal.id);
    expect(closed.errors).toBeUndefined();
    expect(closed.data?.closeEngagement.closedAt).toEqual(expect.any(String));
    expect(closed.data?.closeEngagement.closedBy).toEqual({ id: client.id });

    const again = await closeEngagement(t, client, proposal.id);
    expect(again.code).toBe('CONFLICT');

    expect((await auditKinds(t, proposal.id)).filter((kind) => kind === 'ENGAGEMENT_CLOSED')).toHaveLength(1);
    expect(await notificationKinds(freelancer.id, proposal.id)).toContain('ENGAGEMENT_CLOSED');
    expect(await notificationKinds(client.id, proposal.id)).not.toContain('ENGAGEMENT_CLOSED');
    const links = await t.db.query<{ link: string }>(
      `select distinct link from notifications where proposal_id = $1 and kind = 'ENGAGEMENT_CLOSED'`,
      [proposal.id],
    );
    expect(links.rows).toEqual([{ link: `/proposals/${proposal.id}/engagement` }]);
    const { rows } = await t.db.query('select closed_by_id from proposals where id = $1', [proposal.id]);
    expect(rows[0].closed_by_id).toBe(client.id);
    expect((await verify(t, client, proposal.id)).data?.verifyProposal.ok).toBe(true);
  });

  it('every participant reads who closed it and when; nobody while it runs', async () => {
    const { client, freelancer, viewer, proposal } = await signedCast(t);
    const read = (user: typeof client) =>
      t.api.gql<{ proposal: { closedAt: string | null; closedBy: { id: string; name: string } | null } }>(
        'query($id: ID!) { proposal(id: $id) { closedAt closedBy { id name } } }',
        { id: proposal.id },
        { token: user.token },
      );
    expect((await read(freelancer)).data?.proposal).toEqual({ closedAt: null, closedBy: null });
    const closed = await closeEngagement(t, client, proposal.id);
    for (const user of [client, freelancer, viewer])
      expect((await read(user)).data?.proposal).toEqual({
        closedAt: closed.data?.closeEngagement.closedAt,
        closedBy: { id: client.id, name: client.name },
      });
  });

  it('needs a contract in force', async () => {
    const { client, proposal } = await readyCast(t);
    expect((await closeEngagement(t, client, proposal.id)).code).toBe('CONFLICT');
    await freezeOk(t, client, proposal.id);
    // Frozen but not signed by everyone: still nothing in force.
    expect((await closeEngagement(t, client, proposal.id)).code).toBe('CONFLICT');
    const { rows } = await t.db.query('select closed_at from proposals where id = $1', [proposal.id]);
    expect(rows[0].closed_at).toBeNull();
  });
});

describe('reviews', () => {
  it('the client reviews the freelancer after closing, once; the freelancer answers, once', async () => {
    const { client, freelancer, viewer, outsider, proposal } = await signedCast(t);
    const input = { proposalId: proposal.id, freelancerId: freelancer.id };

    // Still running, and no milestone accepted: too early.
    expect((await reviewFreelancer(t, client, input)).code).toBe('CONFLICT');
    expect((await closeEngagement(t, client, proposal.id)).errors).toBeUndefined();

    expect((await reviewFreelancer(t, freelancer, { ...input, freelancerId: freelancer.id })).code).toBe('FORBIDDEN');
    expect((await reviewFreelancer(t, outsider, input)).code).toBe('NOT_FOUND');

    const written = await reviewFreelancer(t, client, {
      ...input,
      wouldHireAgain: true,
      communication: 4,
      note: '  Delivered the model early.  ',
    });
    expect(written.errors).toBeUndefined();
    const review = written.data!.reviewFreelancer;
    expect(review).toMatchObject({
      proposalId: proposal.id,
      author: { id: client.id },
      freelancer: { id: freelancer.id },
      wouldHireAgain: true,
      communication: 4,
      note: 'Delivered the model early.',
      answer: null,
    });

    const second = await reviewFreelancer(t, client, input);
    expect(second.code).toBe('CONFLICT');

    // Only the reviewed freelancer answers.
    expect((await answerReview(t, client, review.id, 'Thanks')).code).toBe('FORBIDDEN');
    expect((await answerReview(t, viewer, review.id, 'Thanks')).code).toBe('FORBIDDEN');
    expect((await answerReview(t, outsider, review.id, 'Thanks')).code).toBe('NOT_FOUND');
    expect((await answerReview(t, freelancer, review.id, '   ')).errors?.[0]?.extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'answer',
    });
    const answered = await answerReview(t, freelancer, review.id, 'Thank you, it was a pleasure.');
    expect(answered.data?.answerReview).toMatchObject({ answer: 'Thank you, it was a pleasure.' });
    expect(answered.data?.answerReview.answeredAt).toEqual(expect.any(String));
    expect((await answerReview(t, freelancer, review.id, 'Again')).code).toBe('CONFLICT');

    // Every participant sees it on the proposal; an outsider sees no proposal.
    const READ = 'query($id: ID!) { proposal(id: $id) { reviews { id note answer author { id } } } }';
    for (const user of [client, freelancer, viewer]) {
      const read = await t.api.gql<{ proposal: { reviews: Pick<ReviewView, 'id' | 'note' | 'answer'>[] } }>(
        READ,
        { id: proposal.id },
        { token: user.token },
      );
      expect(read.data?.proposal.reviews).toEqual([
        {
          id: review.id,
          note: 'Delivered the model early.',
          answer: 'Thank you, it was a pleasure.',
          author: { id: client.id },
        },
      ]);
    }
    expect((await t.api.gql(READ, { id: proposal.id }, { token: outsider.token })).data?.proposal ?? null).toBeNull();

    expect(await auditKinds(t, proposal.id)).toEqual(
      expect.arrayContaining(['ENGAGEMENT_CLOSED', 'REVIEW_WRITTEN', 'REVIEW_ANSWERED']),
    );
    const kinds = await auditKinds(t, proposal.id);
    expect(kinds.slice(-3)).toEqual(['ENGAGEMENT_CLOSED', 'REVIEW_WRITTEN', 'REVIEW_ANSWERED']);
    expect(await notificationKinds(freelancer.id, proposal.id)).toContain('REVIEW_WRITTEN');
    expect(await notificationKinds(client.id, proposal.id)).toContain('REVIEW_ANSWERED');
    const report = await verify(t, viewer, proposal.id);
    expect(report.data?.verifyProposal).toMatchObject({ ok: true, mismatches: [] });
  });

  it.each([
    ['communication 0', { communication: 0 }, 'communication'],
    ['communication 6', { communication: 6 }, 'communication'],
    ['an empty note', { note: '   ' }, 'note'],
    ['a note over 2 000 characters', { note: 'x'.repeat(2001) }, 'note'],
  ])('%s is refused with BAD_USER_INPUT naming the field', async (_what, change, field) => {
    const { client, freelancer, proposal } = await signedCast(t);
    await closeEngagement(t, client, proposal.id);
    const refused = await reviewFreelancer(t, client, {
      proposalId: proposal.id,
      freelancerId: freelancer.id,
      ...change,
    });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    const { rows } = await t.db.query('select count(*)::int as n from reviews where proposal_id = $1', [proposal.id]);
    expect(rows[0].n).toBe(0);
  });

  it('a whole-number communication score is required, and only a freelancer who signed can be reviewed', async () => {
    const { client, viewer, proposal } = await signedCast(t);
    await closeEngagement(t, client, proposal.id);
    const fractional = await reviewFreelancer(t, client, {
      proposalId: proposal.id,
      freelancerId: viewer.id,
      communication: 3.5,
    });
    // GraphQL's Int refuses 3.5 before the resolver runs.
    expect(fractional.errors).toBeDefined();
    const notSigner = await reviewFreelancer(t, client, { proposalId: proposal.id, freelancerId: viewer.id });
    expect(notSigner.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'freelancerId' });
    const selfReview = await reviewFreelancer(t, client, { proposalId: proposal.id, freelancerId: client.id });
    expect(selfReview.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'freelancerId' });
  });

  it('may be written before closing once every tracked milestone is accepted', async () => {
    const { client, freelancer, proposal, v1 } = await signedCast(t);
    // Signing tracked the brief's milestones; the milestone mutations accept them in
    // production. The test sets their states directly to reach "every milestone accepted".
    await t.db.query(
      `insert into tracked_milestones (id, proposal_id, item_id, version_id, position, title, due_date, acceptance_criteria, payment, revision_rounds, state, created_at, accepted_at)
       values (gen_random_uuid(), $1, 'milestone-1', $2, 1, 'Baseline model', '2099-03-01', 'AUC 0.75', '30%', 1, 'ACCEPTED', now(), now()),
              (gen_random_uuid(), $1, 'milestone-2', $2, 2, 'Production scoring', '2099-04-15', 'Nightly', '70%', 2, 'IN_PROGRESS', now(), null),
              (gen_random_uuid(), $1, 'milestone-3', $2, 3, 'Dropped', null, 'n/a', '0%', 0, 'REMOVED', now(), null)
       on conflict on constraint "tracked_milestones_item_unique"
       do update set "state" = excluded."state", "accepted_at" = excluded."accepted_at"`,
      [proposal.id, v1.id],
    );
    const input = { proposalId: proposal.id, freelancerId: freelancer.id };
    expect((await reviewFreelancer(t, client, input)).code).toBe('CONFLICT');
    await t.db.query(
      `update tracked_milestones set state = 'ACCEPTED', accepted_at = now() where proposal_id = $1 and item_id = 'milestone-2'`,
      [proposal.id],
    );
    const written = await reviewFreelancer(t, client, input);
    expect(written.errors).toBeUndefined();
    expect(written.data?.reviewFreelancer.freelancer.id).toBe(freelancer.id);
    expect((await verify(t, client, proposal.id)).data?.verifyProposal.ok).toBe(true);
  });
});
