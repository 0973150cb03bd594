import { useId } from 'react';
import { DateTime } from '../components/DateTime';
import type { ReviewFieldsFragment } from '../gql/graphql';
import { AnswerForm } from './AnswerForm';
import { ReviewForm } from './ReviewForm';

interface Props {
  proposalId: string;
  viewerId: string;
  role: string | null;
  /** Who signed the contract in force as FREELANCER: the people a client reviews. */
  freelancers: readonly { id: string; name: string }[];
  /** Closed, or every milestone accepted: the server takes reviews now. */
  reviewable: boolean;
  reviews: readonly ReviewFieldsFragment[];
  onDone: (message: string) => void;
}

/**
 * The reviews of an engagement: each written one (with its answer, or the reviewed
 * freelancer's form to give it), and for a client a form per freelancer not yet reviewed.
 */
export function ReviewPanel({ proposalId, viewerId, role, freelancers, reviewable, reviews, onDone }: Props) {
  const id = useId();
  const isClient = role === 'CLIENT';
  const toReview = isClient
    ? freelancers.filter((f) => !reviews.some((r) => r.author.id === viewerId && r.freelancer.id === f.id))
    : [];
  if (reviews.length === 0 && !(isClient && freelancers.length > 0)) return null;
  return (
    <section className="review-panel stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`} className="section-title">
        Reviews
      </h2>
      {reviews.length > 0 && (
        // biome-ignore lint/a11y/noRedundantRoles: without list markers Safari drops the list role unless it is explicit
        <ul className="review-list" role="list">
          {reviews.map((review) => (
            <ReviewCard key={review.id} review={review} viewerId={viewerId} onDone={onDone} />
          ))}
        </ul>
      )}
      {isClient && toReview.length > 0 && !reviewable && (
        <p className="muted" data-testid="review-not-yet">
          Once the engagement is closed or every milestone is accepted, you can review the freelancers you worked with.
        </p>
      )}
      {reviewable &&
        toReview.map((freelancer) => (
          <ReviewForm key={freelancer.id} proposalId={proposalId} freelancer={freelancer} onDone={onDone} />
        ))}
    </section>
  );
}

function ReviewCard({
  review,
  viewerId,
  onDone,
}: {
  review: ReviewFieldsFragment;
  viewerId: string;
  onDone: (message: string) => void;
}) {
  const titleId = useId();
  const author = review.author.id === viewerId ? 'You' : review.author.name;
  const about = review.freelancer.id === viewerId ? 'you' : review.freelancer.name;
  return (
    <li className="card review-card" aria-labelledby={titleId} data-testid="review" data-review={review.id}>
      <h3 id={titleId} className="review-title">
        {author} reviewed {about}
      </h3>
      <p className="muted">
        <DateTime iso={review.createdAt} long />
      </p>
      <dl className="review-figures">
        <div>
          <dt>Would hire again</dt>
          <dd data-testid="review-hire-again">{review.wouldHireAgain ? 'Yes' : 'No'}</dd>
        </div>
        <div>
          <dt>Communication</dt>
          <dd data-testid="review-communication">{review.communication} of 5</dd>
        </div>
      </dl>
      <p className="prewrap" data-testid="review-note">
        {review.note}
      </p>
      {review.answer !== null && review.answer !== undefined ? (
        <div className="review-answer" data-testid="review-answer">
          <p>
            <strong>{review.freelancer.id === viewerId ? 'Your answer' : `${review.freelancer.name} answered`}</strong>
            {review.answeredAt && (
              <>
                {' · '}
                <DateTime iso={review.answeredAt} long />
              </>
            )}
          </p>
          <p className="prewrap">{review.answer}</p>
        </div>
      ) : (
        review.freelancer.id === viewerId && <AnswerForm reviewId={review.id} onDone={onDone} />
      )}
    </li>
  );
}
