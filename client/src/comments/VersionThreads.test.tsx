import { render, screen, within } from '@testing-library/react';
import { Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import type { KeptThreadFieldsFragment } from '../gql/graphql';
import { VersionThreads } from './VersionThreads';

const me = { id: 'u-cora', email: 'cora@example.test', name: 'Cora Client' };
const finn = { id: 'u-finn', email: 'finn@example.test', name: 'Finn Freelancer' };
vi.mock('../auth', () => ({ useCurrentUser: () => me }));

const kept = (threadId: string, bodies: string[]): KeptThreadFieldsFragment => ({
  threadId,
  proposalId: 'p1',
  status: 'OPEN',
  createdAt: '2031-01-01T09:00:00.000Z',
  lastActivityAt: '2031-01-01T10:00:00.000Z',
  resolvedAt: null,
  resolvedBy: null,
  anchor: { section: 'ownership', itemId: null, field: 'ipOwner', from: null, to: null, quote: null },
  comments: bodies.map((body, index) => ({
    commentId: `${threadId}-c${index}`,
    body,
    createdAt: '2031-01-01T09:00:00.000Z',
    editedAt: null,
    // Her own comment too: nobody edits or deletes anything on a version page.
    author: index % 2 === 0 ? me : finn,
    mentions: [],
  })),
});

/** A client that answers the version's threads with `threads` and refuses to send anything else. */
function show(number: number, threads: KeptThreadFieldsFragment[]) {
  const mutate = vi.fn(() => never);
  const client = {
    executeQuery: () =>
      fromValue({
        data: { contractVersion: { id: `v${number}`, threads } },
        stale: false,
        hasNext: false,
      }),
    executeMutation: mutate,
    executeSubscription: () => never,
  } as unknown as Client;
  render(
    <Provider value={client}>
      <VersionThreads versionId={`v${number}`} number={number} />
    </Provider>,
  );
  return { mutate, section: screen.getByTestId('version-threads') };
}

describe('VersionThreads', () => {
  it('lists the threads open at the freeze as the version kept them, with nothing to reply to, resolve or edit', () => {
    const { section, mutate } = show(2, [kept('t1', ['Shared IP?', 'Yes, shared.']), kept('t2', ['Who hosts?'])]);
    expect(screen.getByRole('heading', { level: 2 }).textContent).toBe('Threads open when version 2 was frozen');
    expect(section.textContent).toMatch(/2 threads were still open when version 2 was frozen, shown as they were then/);

    const cards = within(section).getAllByRole('article');
    expect(cards.map((card) => card.dataset.threadId)).toEqual(['t1', 't2']);
    expect(cards.map((card) => card.dataset.status)).toEqual(['OPEN', 'OPEN']);
    expect(
      within(cards[0]!)
        .getAllByRole('listitem')
        .map((item) => [item.dataset.commentId, item.querySelector('.comment-body')?.textContent]),
    ).toEqual([
      ['t1-c0', 'Shared IP?'],
      ['t1-c1', 'Yes, shared.'],
    ]);
    expect(within(section).queryAllByRole('button')).toEqual([]);
    expect(within(section).queryAllByRole('textbox')).toEqual([]);
    expect(mutate).not.toHaveBeenCalled();
  });

  it('says so when no thread was open at the freeze', () => {
    const { section } = show(1, []);
    expect(section.textContent).toMatch(/No comment thread was open when version 1 was frozen\./);
    expect(within(section).queryAllByRole('article')).toEqual([]);
  });
});
