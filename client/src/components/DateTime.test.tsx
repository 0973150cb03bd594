import { describe, expect, it } from 'vitest';
import { formatDay } from './DateTime';

describe('formatDay', () => {
  it("shows a brief's date in the reader's locale, as that calendar day", () => {
    expect(formatDay('2027-01-15', 'en-GB')).toBe('15 Jan 2027');
    expect(formatDay('2027-01-15', 'en-US')).toBe('Jan 15, 2027');
    expect(formatDay('2027-01-15', 'de-DE')).toBe('15.01.2027');
  });

  it('leaves what is not a calendar date as it is', () => {
    expect(formatDay('next spring', 'en-GB')).toBe('next spring');
    expect(formatDay('2027-02-30', 'en-GB')).toBe('2027-02-30');
  });
});
