import { act, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getOperationName } from '@urql/core';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  Outlet,
  RouterProvider,
} from '@tanstack/react-router';
import { Provider } from 'urql';
import { describe, expect, it } from 'vitest';
import { fakeServer } from '../data/fake-server';
import { NotificationsBell } from './NotificationsBell';
import { relativeTime } from './relative-time';

const minutesAgo = (minutes: number) => new Date(Date.now() - minutes * 60_000).toISOString();

const mention = {
  __typename: 'Notification',
  id: 'n1',
  kind: 'MENTIONED',
  text: 'Cora Client mentioned you on “Churn prediction pilot”',
  link: '/proposals/p1',
  createdAt: minutesAgo(5),
  readAt: null as string | null,
};

/** The bell over a server in memory whose inbox is `items`; marking read reads them all. */
function openBell(items: (typeof mention)[]) {
  let stored = items.map((item) => ({ ...item }));
  const server = fakeServer((operation) => {
    const name = getOperationName(operation.query);
    if (name === 'Notifications')
      return {
        notifications: {
          __typename: 'NotificationPage',
          items: stored,
          unread: stored.filter((item) => !item.readAt).length,
          next: null,
        },
      };
    if (name === 'MarkNotificationsRead') {
      const ids = (operation.variables as { ids?: string[] } | undefined)?.ids;
      const marked = stored.filter((item) => !item.readAt && (!ids || ids.includes(item.id)));
      stored = stored.map((item) => (marked.includes(item) ? { ...item, readAt: new Date().toISOString() } : item));
      return { markNotificationsRead: marked.length };
    }
    return {};
  });
  const rootRoute = createRootRoute({
    component: () => (
      <>
        <NotificationsBell />
        <Outlet />
      </>
    ),
  });
  const home = createRoute({ getParentRoute: () => rootRoute, path: '/', component: () => <p>Home</p> });
  const proposal = createRoute({
    getParentRoute: () => rootRoute,
    path: '/proposals/$id',
    component: () => <p>Proposal page</p>,
  });
  const engagement = createRoute({
    getParentRoute: () => rootRoute,
    path: '/proposals/$id/engagement',
    component: () => <p>Engagement page</p>,
  });
  const router = createRouter({
    routeTree: rootRoute.addChildren([home, proposal, engagement]),
    history: createMemoryHistory({ initialEntries: ['/'] }),
  });
  render(
    <Provider value={server.client}>
      <RouterProvider router={router} />
    </Provider>,
  );
  const receive = (item: typeof mention) => {
    stored = [item, ...stored];
    act(() => server.notify(item));
  };
  return { server, router, receive, stored: () => stored };
}

describe('the notifications bell', () => {
  it('counts a notification that arrives live, lists it and reads all at once', async () => {
    const user = userEvent.setup();
    const { receive, server } = openBell([]);
    const bell = await screen.findByRole('button', { name: 'Notifications, none unread' });

    receive(mention);
    await screen.findByRole('button', { name: 'Notifications, 1 unread' });
    // The same notification twice (a resent event) counts once.
    act(() => server.notify(mention));
    receive({ ...mention, id: 'n2', text: 'Finn Freelancer replied in a thread on “Churn prediction pilot”' });
    await screen.findByRole('button', { name: 'Notifications, 2 unread' });
    expect(bell.textContent).toBe('2');

    await user.click(bell);
    expect(bell.getAttribute('aria-expanded')).toBe('true');
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const links = within(panel).getAllByRole('link');
    expect(links.map((link) => link.textContent)).toEqual([
      'Unread: Finn Freelancer replied in a thread on “Churn prediction pilot”5 minutes ago',
      'Unread: Cora Client mentioned you on “Churn prediction pilot”5 minutes ago',
    ]);
    expect(links[0]!.closest('li')!.classList.contains('bell-item-unread')).toBe(true);

    const asked = server.asked.length;
    await user.click(within(panel).getByRole('button', { name: 'Mark all read' }));
    await screen.findByRole('button', { name: 'Notifications, none unread' });
    // Read again from the server, not guessed: the list shows them read.
    expect(server.asked.slice(asked)).toEqual(['MarkNotificationsRead', 'Notifications']);
    await waitFor(() =>
      expect(within(panel).getAllByRole('listitem')[0]!.classList.contains('bell-item-unread')).toBe(false),
    );
    expect((within(panel).getByRole('button', { name: 'Mark all read' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('marks a notification read when it is followed, and goes to its link', async () => {
    const user = userEvent.setup();
    const read = { ...mention, id: 'n0', text: 'An older one', readAt: minutesAgo(60), createdAt: minutesAgo(120) };
    const { router, stored } = openBell([mention, read]);
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const panel = screen.getByRole('region', { name: 'Notifications' });
    expect(within(panel).getAllByRole('listitem')[1]!.classList.contains('bell-item-unread')).toBe(false);

    await user.click(within(panel).getByRole('link', { name: /mentioned you/ }));
    await screen.findByText('Proposal page');
    expect(router.state.location.pathname).toBe('/proposals/p1');
    await screen.findByRole('button', { name: 'Notifications, none unread' });
    expect(stored().find((item) => item.id === 'n1')?.readAt).not.toBeNull();
    expect(screen.queryByRole('region', { name: 'Notifications' })).toBeNull();
  });
  it('tags a due date notification and follows it to the engagement page', async () => {
    const user = userEvent.setup();
    const due = {
      ...mention,
      id: 'n3',
      kind: 'MILESTONE_DUE',
      text: 'Milestone “Baseline model” of “Churn prediction pilot” is due in 2 days, on 2099-03-01',
      link: '/proposals/p1/engagement',
    };
    const { router } = openBell([due, { ...mention, readAt: minutesAgo(1) }]);
    await user.click(await screen.findByRole('button', { name: 'Notifications, 1 unread' }));
    const panel = screen.getByRole('region', { name: 'Notifications' });
    const [dueLink, mentionLink] = within(panel).getAllByRole('link');
    expect(dueLink!.textContent).toBe(`Unread: Due date: ${due.text}5 minutes ago`);
    expect(within(dueLink!).getByText('Due date').classList.contains('badge-warning')).toBe(true);
    // Other kinds carry no tag.
    expect(mentionLink!.textContent).toBe('Cora Client mentioned you on “Churn prediction pilot”5 minutes ago');

    await user.click(dueLink!);
    await screen.findByText('Engagement page');
    expect(router.state.location.pathname).toBe('/proposals/p1/engagement');
  });
});

describe('relativeTime', () => {
  it('says how long ago, in words', () => {
    const now = Date.parse('2026-12-02T12:00:00Z');
    expect(relativeTime('2026-12-02T11:59:40Z', now, 'en')).toBe('just now');
    expect(relativeTime('2026-12-02T11:55:00Z', now, 'en')).toBe('5 minutes ago');
    expect(relativeTime('2026-12-01T12:00:00Z', now, 'en')).toBe('yesterday');
    expect(relativeTime('not a date', now, 'en')).toBe('');
  });
});
