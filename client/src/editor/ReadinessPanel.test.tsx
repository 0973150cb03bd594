import type { CheckResult, Readiness, Severity } from '@brieflock/schema';
import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { sectionHealth } from './labels';
import { ReadinessPanel, verdict } from './ReadinessPanel';

const check = (key: string, severity: Severity, passed: boolean, section = 'scope'): CheckResult => ({
  key,
  severity,
  passed,
  section,
  message: `${key} message`,
  missteps: [],
});

const readiness = (checks: CheckResult[], score = 50): Readiness => ({
  ready: !checks.some((c) => !c.passed && c.severity === 'BLOCKER'),
  score,
  checks,
});

const shownKeys = () => screen.getAllByRole('button').map((button) => button.getAttribute('data-check'));

describe('ReadinessPanel', () => {
  it('lists failing checks first, worst first, then the passed ones in their own order', () => {
    render(
      <ReadinessPanel
        readiness={readiness([
          check('passed-a', 'BLOCKER', true),
          check('info', 'INFO', false),
          check('passed-b', 'INFO', true),
          check('warning', 'WARNING', false),
          check('blocker', 'BLOCKER', false),
        ])}
        onSelectSection={() => {}}
      />,
    );
    expect(shownKeys()).toEqual(['blocker', 'warning', 'info', 'passed-a', 'passed-b']);
  });

  it('counts blockers in the verdict and failing checks in the summary', () => {
    render(
      <ReadinessPanel
        readiness={readiness([
          check('b1', 'BLOCKER', false),
          check('b2', 'BLOCKER', false),
          check('w', 'WARNING', false),
          check('ok', 'INFO', true),
        ])}
        onSelectSection={() => {}}
      />,
    );
    expect(screen.getByTestId('readiness-verdict').textContent).toBe('2 blockers to resolve before freezing');
    expect(screen.getByText(/attention/).textContent).toBe('3 checks need attention. Select one to go to its section.');
    expect(screen.getByTestId('readiness').getAttribute('data-ready')).toBe('false');
  });

  it('is ready with only warnings failing, and says when every check passes', () => {
    const { rerender } = render(
      <ReadinessPanel readiness={readiness([check('w', 'WARNING', false)])} onSelectSection={() => {}} />,
    );
    expect(screen.getByTestId('readiness-verdict').textContent).toBe('Ready to freeze');
    expect(screen.getByText(/attention/).textContent).toMatch(/^1 check needs attention/);
    rerender(<ReadinessPanel readiness={readiness([check('w', 'WARNING', true)], 100)} onSelectSection={() => {}} />);
    expect(screen.getByText('Every check passes.')).toBeTruthy();
    expect(screen.getByTestId('readiness-score').textContent).toBe('100');
  });

  it('a check leads to the section that fixes it, and says so to a screen reader', () => {
    const onSelectSection = vi.fn();
    render(
      <ReadinessPanel
        readiness={readiness([check('ip-owner', 'BLOCKER', false, 'ownership')])}
        onSelectSection={onSelectSection}
      />,
    );
    const button = screen.getByRole('button');
    expect(button.textContent).toContain(', failing: ');
    expect(button.textContent).toContain('Go to ');
    fireEvent.click(button);
    expect(onSelectSection).toHaveBeenCalledWith('ownership');
  });
});

describe('verdict and section health', () => {
  it('one blocker is singular', () => {
    expect(verdict(readiness([check('b', 'BLOCKER', false)]))).toBe('1 blocker to resolve before freezing');
  });

  it("a section's health is its worst failing check, ok when all pass, none without checks", () => {
    const r = readiness([
      check('a', 'INFO', false, 'scope'),
      check('b', 'WARNING', false, 'scope'),
      check('c', 'BLOCKER', true, 'scope'),
      check('d', 'BLOCKER', false, 'ownership'),
      check('e', 'INFO', false, 'metrics'),
      check('f', 'WARNING', true, 'data'),
    ]);
    expect(sectionHealth(r, 'scope')).toBe('warning');
    expect(sectionHealth(r, 'ownership')).toBe('blocker');
    expect(sectionHealth(r, 'metrics')).toBe('info');
    expect(sectionHealth(r, 'data')).toBe('ok');
    expect(sectionHealth(r, 'milestones')).toBe('none');
  });
});
