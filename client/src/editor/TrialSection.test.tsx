import { TRIAL_MAP_KEY, TRIAL_RUBRIC_KEY } from '@brieflock/schema';
import { act, fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import * as Y from 'yjs';
import { TrialSection } from './TrialSection';

function docWithTrial(weights: number[]): Y.Doc {
  const doc = new Y.Doc();
  doc.getMap<unknown>(TRIAL_MAP_KEY).set('task', new Y.Text('Label 200 support tickets'));
  doc.getArray<Y.Map<unknown>>(TRIAL_RUBRIC_KEY).push(
    weights.map((weight, index) => {
      const row = new Y.Map<unknown>([['id', `r-${index}`]]);
      row.set('criterion', new Y.Text(`Criterion ${index + 1}`));
      row.set('weight', weight);
      return row;
    }),
  );
  return doc;
}

describe('TrialSection', () => {
  it('offers a trial to an editor and shows nothing to a reader while there is none', () => {
    const { unmount } = render(<TrialSection doc={new Y.Doc()} readOnly />);
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('region', { name: 'Trial task' })).toBeNull();
    unmount();

    render(<TrialSection doc={new Y.Doc()} readOnly={false} />);
    fireEvent.click(screen.getByRole('button', { name: 'Add a structured trial task' }));
    expect(screen.getByRole('region', { name: 'Trial task' })).toBeTruthy();
    expect(screen.getByLabelText('Time box (days)')).toBeTruthy();
    expect(screen.getByLabelText('Paid amount')).toBeTruthy();
  });

  it('says what the rubric weights add up to, live as they change', () => {
    const doc = docWithTrial([60, 30]);
    render(<TrialSection doc={doc} readOnly={false} />);
    expect(screen.getByText('The weights add up to 90; they must add up to 100.')).toBeTruthy();
    act(() => {
      (doc.getArray(TRIAL_RUBRIC_KEY).get(1) as Y.Map<unknown>).set('weight', 40);
    });
    expect(screen.getByText('The weights add up to 100.')).toBeTruthy();
  });

  it("shows a recorded score and the client's note", () => {
    const doc = docWithTrial([100]);
    act(() => {
      doc.getMap<unknown>(TRIAL_MAP_KEY).set('score', 82.5);
      doc.getMap<unknown>(TRIAL_MAP_KEY).set('scoreNote', new Y.Text('Careful labels, a clear report.'));
    });
    render(<TrialSection doc={doc} readOnly />);
    const result = document.querySelector('[data-trial-result]')!;
    expect(result.textContent).toContain('Trial result: 82.5 / 100');
    expect(result.textContent).toContain('Careful labels, a clear report.');
  });
});
