import { fireEvent, render, screen } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SidePanel } from './SidePanel';
import { WorkspaceSheetsProvider } from './sheets';

const renderPanel = (slots: Parameters<typeof SidePanel>[0]) =>
  render(
    <WorkspaceSheetsProvider>
      <SidePanel {...slots} />
    </WorkspaceSheetsProvider>,
  );

const part = (name: string) => screen.getByTestId(`side-panel-${name.toLowerCase()}`);

describe('SidePanel', () => {
  it('stacks readiness, comments and suggestions, and says so when a slot is empty', () => {
    renderPanel({ readiness: <p>the checks</p> });
    expect(part('Readiness').textContent).toBe('the checks');
    expect(part('Comments').textContent).toBe('CommentsNo comments yet');
    expect(part('Suggestions').textContent).toBe('SuggestionsNo suggestions yet');
  });

  it('mounts each slot once, in its own part, with its count in the jump links', () => {
    renderPanel({ comments: <input aria-label="Reply" />, suggestions: <p>a suggestion</p>, counts: { comments: 2 } });
    expect(part('Comments').querySelector('input')).toBe(screen.getByLabelText('Reply'));
    expect(part('Suggestions').textContent).toBe('a suggestion');
    expect(screen.getByRole('button', { name: /Comments/ }).textContent).toBe('Comments2');
    expect(screen.getByRole('button', { name: 'Suggestions' }).textContent).toBe('Suggestions');
  });

  it('a jump link marks its part as the current one', () => {
    renderPanel({});
    expect(screen.getByRole('button', { name: 'Readiness' }).getAttribute('aria-current')).toBe('true');
    fireEvent.click(screen.getByRole('button', { name: 'Suggestions' }));
    expect(screen.getByRole('button', { name: 'Suggestions' }).getAttribute('aria-current')).toBe('true');
    expect(screen.getByRole('button', { name: 'Readiness' }).getAttribute('aria-current')).toBeNull();
  });
});
