import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { describe, expect, it, vi } from 'vitest';
import { CommentComposer, mentionedIn } from './CommentComposer';

const people = [
  { id: 'u-cora', name: 'Cora Client' },
  { id: 'u-finn', name: 'Finn Freelancer' },
];

describe('mentionedIn', () => {
  it('names the people whose @Name is still in the text', () => {
    expect(mentionedIn('@Cora Client and @Finn Freelancer', people)).toEqual(['u-cora', 'u-finn']);
    expect(mentionedIn('Cora Client, no at sign', people)).toEqual([]);
    expect(mentionedIn('@Finn Freelancer!', people)).toEqual(['u-finn']);
  });
});

/** Whether the mention list shows (it stays in the page, hidden, when closed). */
const listOpen = () => !screen.getByRole('listbox', { hidden: true }).hidden;

describe('CommentComposer', () => {
  it('offers participants after @, picks one with the keyboard and posts the mention with the body', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async () => true);
    render(<CommentComposer label="Reply" submitLabel="Reply" people={people} onSubmit={onSubmit} />);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    await user.type(box, 'Thanks @f');
    expect(listOpen()).toBe(true);
    expect(screen.getAllByRole('option').map((option) => option.textContent)).toEqual(['Finn Freelancer']);
    await user.keyboard('{Enter}');
    expect(box).toHaveProperty('value', 'Thanks @Finn Freelancer ');
    expect(listOpen()).toBe(false);
    await user.type(box, 'can you check?');
    await user.click(screen.getByRole('button', { name: 'Reply' }));
    expect(onSubmit).toHaveBeenCalledWith('Thanks @Finn Freelancer can you check?', ['u-finn']);
    expect(box).toHaveProperty('value', '');
  });

  it('closes the list on Escape and posts nothing empty', async () => {
    const user = userEvent.setup();
    const onSubmit = vi.fn(async () => true);
    render(<CommentComposer label="Reply" submitLabel="Reply" people={people} onSubmit={onSubmit} />);
    const box = screen.getByRole('textbox', { name: 'Reply' });
    await user.type(box, '@');
    expect(screen.getAllByRole('option')).toHaveLength(2);
    await user.keyboard('{ArrowDown}{Escape}');
    expect(listOpen()).toBe(false);
    await user.clear(box);
    await user.type(box, '   ');
    expect(screen.getByRole('button', { name: 'Reply' })).toHaveProperty('disabled', true);
    await user.keyboard('{Control>}{Enter}{/Control}');
    expect(onSubmit).not.toHaveBeenCalled();
  });
});
