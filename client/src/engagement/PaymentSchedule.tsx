import { DateTime, formatDay } from '../components/DateTime';
import type { TrackedMilestoneFieldsFragment } from '../gql/graphql';

/** When a milestone's payment falls due: on acceptance, so an accepted milestone's is due now. */
function paymentStatus(milestone: TrackedMilestoneFieldsFragment) {
  const acceptance = milestone.submissions.findLast((submission) => submission.decision === 'ACCEPTED');
  if (milestone.state === 'ACCEPTED')
    return (
      <span data-payment="due">
        Due: accepted
        {acceptance?.decidedAt && (
          <>
            {' '}
            on <DateTime iso={acceptance.decidedAt} />
          </>
        )}
      </span>
    );
  return <span data-payment="on-acceptance">On acceptance</span>;
}

/**
 * The engagement's timeline of payments: each milestone in its signed order with its due
 * date and its payment as the contract in force states it, and whether that payment is
 * due yet (it is once the milestone is accepted). Payments are free text in the brief
 * ("30%", "EUR 800"), so they are listed, not added up.
 */
export function PaymentSchedule({
  milestones,
  paymentOf,
}: {
  milestones: readonly TrackedMilestoneFieldsFragment[];
  paymentOf: (milestone: TrackedMilestoneFieldsFragment) => string;
}) {
  if (milestones.length === 0) return null;
  return (
    <table className="table payment-schedule" data-testid="payment-schedule">
      <caption>Payments</caption>
      <thead>
        <tr>
          <th scope="col">Milestone</th>
          <th scope="col">Due date</th>
          <th scope="col">Payment</th>
          <th scope="col">Status</th>
        </tr>
      </thead>
      <tbody>
        {milestones.map((milestone) => (
          <tr key={milestone.id} data-milestone={milestone.itemId}>
            <th scope="row">{milestone.title || 'Untitled milestone'}</th>
            <td>{milestone.dueDate ? formatDay(milestone.dueDate) : 'No due date'}</td>
            <td>{paymentOf(milestone).trim() || 'Not stated'}</td>
            <td>{paymentStatus(milestone)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
