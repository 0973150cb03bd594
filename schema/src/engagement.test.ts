import { describe, expect, it } from 'vitest';
import { metricMet, numberIn } from './engagement.js';

describe('numberIn', () => {
  it.each([
    ['3.5%', 3.5],
    ['AUC 0.78', 0.78],
    ['1,200 users', 1200],
    ['-2', -2],
    ['.5', 0.5],
    ['none', null],
    ['', null],
    [null, null],
  ])('%s reads as %s', (text, expected) => {
    expect(numberIn(text)).toBe(expected);
  });
});

describe('metricMet', () => {
  it('higher is better when the target is above the baseline', () => {
    expect(metricMet('0.8', '0.75', '0.6')).toBe(true);
    expect(metricMet('0.75', '0.75', '0.6')).toBe(true);
    expect(metricMet('0.7', '0.75', '0.6')).toBe(false);
  });

  it('lower is better when the target is below the baseline', () => {
    expect(metricMet('3.2%', '3.5%', '4.1%')).toBe(true);
    expect(metricMet('3.5%', '3.5%', '4.1%')).toBe(true);
    expect(metricMet('3.9%', '3.5%', '4.1%')).toBe(false);
  });

  it('higher is better without a readable baseline', () => {
    expect(metricMet('12', '10', null)).toBe(true);
    expect(metricMet('8', '10', 'unknown')).toBe(false);
  });

  it('is null when the value or the target holds no number', () => {
    expect(metricMet('much better', '3.5%', '4.1%')).toBeNull();
    expect(metricMet('3%', 'lower', '4.1%')).toBeNull();
    expect(metricMet('3%', null, '4.1%')).toBeNull();
  });
});
