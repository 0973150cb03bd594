import { render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import type { TrackedMilestoneFieldsFragment } from '../gql/graphql';
import { PaymentSchedule } from './PaymentSchedule';

const milestone = (itemId: string, title: string, state: string, dueDate: string | null, decidedAt?: string) =>
  ({
    id: `m-${itemId}`,
    itemId,
    title,
    dueDate,
    state,
    submissions: decidedAt
      ? [{ id: `s-${itemId}`, decision: 'ACCEPTED', decidedAt, note: '', links: [], submittedAt: decidedAt }]
      : [],
  }) as unknown as TrackedMilestoneFieldsFragment;

describe('the payment schedule', () => {
  it('lists each milestone’s due date and payment, due once it is accepted', () => {
    const payments: Record<string, string> = { trial: 'EUR 800', 'milestone-1': '30%', 'milestone-2': '' };
    render(
      <PaymentSchedule
        milestones={[
          milestone('trial', 'Trial: baseline', 'ACCEPTED', '2026-12-08', '2026-12-05T10:00:00.000Z'),
          milestone('milestone-1', 'Baseline model', 'SUBMITTED', '2099-03-01'),
          milestone('milestone-2', 'Production scoring', 'PLANNED', null),
        ]}
        paymentOf={(m) => payments[m.itemId]!}
      />,
    );
    const rows = within(screen.getByTestId('payment-schedule')).getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-milestone'))).toEqual(['trial', 'milestone-1', 'milestone-2']);
    expect(rows[0]!.textContent).toContain('EUR 800');
    expect(rows[0]!.querySelector('[data-payment]')?.getAttribute('data-payment')).toBe('due');
    expect(rows[1]!.textContent).toContain('30%');
    expect(rows[1]!.textContent).toContain('On acceptance');
    expect(rows[2]!.textContent).toContain('No due date');
    expect(rows[2]!.textContent).toContain('Not stated');
  });

  it('shows nothing without milestones', () => {
    const { container } = render(<PaymentSchedule milestones={[]} paymentOf={() => ''} />);
    expect(container.textContent).toBe('');
  });
});
