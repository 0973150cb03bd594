import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, utcDay } from './due-dates.js';
import { dueText } from './milestone-due.js';

describe('due dates', () => {
  it('count today as the UTC calendar day, whatever the hour', () => {
    expect(utcDay(new Date('2099-02-28T23:59:59.999Z'))).toBe('2099-02-28');
    expect(utcDay(new Date('2099-03-01T00:00:00Z'))).toBe('2099-03-01');
    // 01:30 in Berlin on 1 March is still 28 February in UTC.
    expect(utcDay(new Date('2099-03-01T01:30:00+02:00'))).toBe('2099-02-28');
  });

  it('move across month, year and leap days', () => {
    expect(addDays('2099-02-27', 2)).toBe('2099-03-01');
    expect(addDays('2096-02-28', 1)).toBe('2096-02-29');
    expect(addDays('2099-12-31', 1)).toBe('2100-01-01');
    expect(addDays('2099-03-01', -1)).toBe('2099-02-28');
    expect(daysBetween('2099-02-27', '2099-03-01')).toBe(2);
    expect(daysBetween('2099-03-03', '2099-03-01')).toBe(-2);
  });

  it('say how far off a due date is, or that it passed', () => {
    const text = (dueDate: string) => dueText('Baseline model', 'Pilot', dueDate, '2099-03-01');
    expect(text('2099-03-03')).toBe(
      'Milestone \u201cBaseline model\u201d of \u201cPilot\u201d is due in 2 days, on 2099-03-03',
    );
    expect(text('2099-03-02')).toBe(
      'Milestone \u201cBaseline model\u201d of \u201cPilot\u201d is due tomorrow, on 2099-03-02',
    );
    expect(text('2099-03-01')).toBe('Milestone \u201cBaseline model\u201d of \u201cPilot\u201d is due today');
    expect(text('2099-02-27')).toBe(
      'Milestone \u201cBaseline model\u201d of \u201cPilot\u201d is overdue: it was due on 2099-02-27',
    );
  });
});
