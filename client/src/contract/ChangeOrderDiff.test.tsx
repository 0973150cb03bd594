import { render, screen, within } from '@testing-library/react';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { GraphQLError } from 'graphql';
import { CombinedError, Provider, type Client } from 'urql';
import { fromValue, never } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { ChangeOrderDiff } from './ChangeOrderDiff';

const section = (key: string, title: string, changed: boolean) => ({
  key,
  kind: 'richText',
  title,
  changed,
  coarse: false,
  formattingChanged: false,
  formatting: [],
  text: changed
    ? [
        { op: 'REMOVED', value: 'Two milestones.' },
        { op: 'ADDED', value: 'Three milestones.' },
      ]
    : [{ op: 'EQUAL', value: 'Same.' }],
  items: [],
  fields: [],
});

const v1 = { id: 'v1', number: 1, status: 'SIGNED', contentHash: 'a'.repeat(64) };
const v3 = { id: 'v3', number: 3, status: 'AWAITING_SIGNATURES', contentHash: 'b'.repeat(64) };

/** The change order v3 amending v1, over a data client answering compareVersions with `answer`. */
function renderChangeOrder(answer: { data?: unknown; error?: CombinedError }) {
  const asked = vi.fn();
  const client = {
    executeQuery: (request: { variables: Record<string, unknown> }) => {
      asked(request.variables);
      return fromValue({ ...answer, hasNext: false, stale: false });
    },
    executeMutation: () => never,
    executeSubscription: () => never,
  } as unknown as Client;
  const rootRoute = createRootRoute();
  const page = createRoute({
    getParentRoute: () => rootRoute,
    path: '/proposals/$id/versions/$versionId',
    component: () => <ChangeOrderDiff proposalId="p1" version={v3} amends={v1} />,
  });
  const router = createRouter({
    routeTree: rootRoute.addChildren([page]),
    history: createMemoryHistory({ initialEntries: ['/proposals/p1/versions/v3'] }),
  });
  render(
    <Provider value={client}>
      <RouterProvider router={router} />
    </Provider>,
  );
  return { asked };
}

describe('a change order on its version page', () => {
  it('says which version it amends and shows only what it changes there, with a link to the full comparison', async () => {
    const { asked } = renderChangeOrder({
      data: {
        compareVersions: {
          changed: true,
          coarse: false,
          from: v1,
          to: v3,
          sections: [section('outcome', 'Outcome', false), section('milestones', 'Milestones', true)],
        },
      },
    });

    const banner = await screen.findByTestId('change-order-banner');
    expect(banner.textContent).toBe('Change order — amends version 1');
    // Compared with the version it amends, not with the one numbered just before it.
    expect(asked).toHaveBeenCalledWith({ fromId: 'v1', toId: 'v3' });
    const diff = screen.getByTestId('change-order-diff');
    expect(diff.dataset).toMatchObject({ from: '1', to: '3', changed: 'true' });
    expect(diff.textContent).toContain('1 section of 2 changed since version 1.');
    expect(within(diff).getByTestId('text-diff').textContent).toContain('Three milestones.');
    expect(diff.textContent).not.toContain('Same.');
    const link = screen.getByTestId('change-order-compare');
    expect(link.textContent).toBe('Compare with version 1 in full');
    expect(link.getAttribute('href')).toBe('/proposals/p1/compare?from=v1&to=v3');
  });

  it('says so when the comparison cannot be made, and still offers the full comparison', async () => {
    renderChangeOrder({
      error: new CombinedError({
        graphQLErrors: [new GraphQLError('Version not found.', { extensions: { code: 'NOT_FOUND' } })],
      }),
    });

    expect((await screen.findByRole('alert')).textContent).toContain('Could not compare with version 1');
    expect(screen.queryByTestId('change-order-diff')).toBeNull();
    expect(screen.getByTestId('change-order-compare')).toBeTruthy();
  });
});
