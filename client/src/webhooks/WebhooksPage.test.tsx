import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { getOperationName } from '@urql/core';
import {
  createMemoryHistory,
  createRootRoute,
  createRoute,
  createRouter,
  RouterProvider,
} from '@tanstack/react-router';
import { Provider } from 'urql';
import { describe, expect, it } from 'vitest';
import { fakeServer, type Refusal, refused } from '../data/fake-server';
import WebhooksPage from './WebhooksPage';

const delivered = {
  __typename: 'WebhookDelivery',
  id: 'd1',
  event: 'PROPOSAL_UPDATED',
  attempt: 1,
  status: 'SUCCEEDED',
  responseCode: 204,
  deliveredAt: '2026-12-01T10:00:00.000Z',
  nextAttemptAt: null,
};
const failed = {
  __typename: 'WebhookDelivery',
  id: 'd2',
  event: 'VERSION_SIGNED',
  attempt: 3,
  status: 'FAILED',
  responseCode: 503,
  deliveredAt: null,
  nextAttemptAt: null,
};
const working = {
  __typename: 'Webhook',
  id: 'w1',
  url: 'https://hooks.example.com/brieflock',
  events: ['PROPOSAL_UPDATED'],
  enabled: true,
  disabledAt: null as string | null,
  deliveries: [delivered],
};
const broken = {
  __typename: 'Webhook',
  id: 'w2',
  url: 'https://broken.example.com/in',
  events: ['VERSION_SIGNED', 'VERSION_EXECUTED'],
  enabled: false,
  disabledAt: '2026-12-01T12:00:00.000Z' as string | null,
  deliveries: [failed],
};

type Answer = () => Record<string, unknown> | Refusal;

/** The page over a server in memory holding two endpoints; `created` answers createWebhook. */
function openPage({ myRole = 'CLIENT', created }: { myRole?: string; created?: Answer } = {}) {
  let hooks = [working, broken].map((hook) => ({ ...hook }));
  const sent: { name: string; variables: Record<string, unknown> }[] = [];
  const proposal = { __typename: 'Proposal', id: 'p1', title: 'Churn prediction pilot', myRole };
  const server = fakeServer((operation) => {
    const name = getOperationName(operation.query) ?? '?';
    const variables = (operation.variables ?? {}) as Record<string, unknown>;
    if (operation.kind === 'mutation') sent.push({ name, variables });
    if (name === 'CreateWebhook' && created) return created();
    if (name === 'ProposalRole') return { proposal };
    if (name === 'ProposalWebhooks') return { proposal: { ...proposal, webhooks: hooks } };
    if (name === 'EnableWebhook') {
      hooks = hooks.map((hook) => (hook.id === variables.id ? { ...hook, enabled: true, disabledAt: null } : hook));
      return { enableWebhook: hooks.find((hook) => hook.id === variables.id) };
    }
    if (name === 'DeleteWebhook') {
      hooks = hooks.filter((hook) => hook.id !== variables.id);
      return { deleteWebhook: true };
    }
    return {};
  });
  const rootRoute = createRootRoute();
  const page = createRoute({
    getParentRoute: () => rootRoute,
    path: '/proposals/$id/webhooks',
    component: () => <WebhooksPage proposalId="p1" />,
  });
  const router = createRouter({
    routeTree: rootRoute.addChildren([page]),
    history: createMemoryHistory({ initialEntries: ['/proposals/p1/webhooks'] }),
  });
  render(
    <Provider value={server.client}>
      <RouterProvider router={router} />
    </Provider>,
  );
  return { server, sent };
}

const card = async (url: string) =>
  (await screen.findByRole('heading', { level: 3, name: url })).closest('li') as HTMLElement;

describe('the webhook settings page', () => {
  it('lists each endpoint with its events, whether it is on, and its delivery log', async () => {
    openPage();
    const on = await card(working.url);
    expect(on.dataset.enabled).toBe('true');
    expect(within(on).getByText('Enabled')).toBeTruthy();
    expect(within(on).getByTestId('webhook-events').textContent).toBe(
      'Events: The proposal is renamed, archived or restored',
    );
    const [row] = within(on).getAllByTestId('delivery');
    expect(
      within(row!)
        .getAllByRole('cell')
        .map((cell) => cell.textContent),
    ).toEqual([
      'The proposal is renamed, archived or restored',
      '1',
      'Delivered',
      '204',
      expect.stringMatching(/2026/),
      '—',
    ]);

    const off = await card(broken.url);
    expect(within(off).getByTestId('webhook-disabled').textContent).toMatch(/^Disabled since .*2026/);
    expect(within(off).getByTestId('webhook-events').textContent).toBe(
      'Events: Someone signs a version · A version is signed by everyone',
    );
    expect(within(within(off).getByTestId('delivery')).getByText('503')).toBeTruthy();
    expect(within(on).queryByRole('button', { name: 'Turn back on' })).toBeNull();
  });

  it('adds an endpoint and shows its secret once, with a copy button, until it is dismissed', async () => {
    const secret = 'whsec_c2VjcmV0LXNpZ25pbmcta2V5LWZvci10ZXN0cw==';
    const { sent } = openPage({
      created: () => ({
        createWebhook: {
          __typename: 'WebhookWithSecret',
          secret,
          webhook: { ...working, id: 'w3', url: 'https://new.example.com/hook', deliveries: [] },
        },
      }),
    });
    const user = userEvent.setup();
    await card(working.url);
    await user.type(screen.getByLabelText('Endpoint URL'), 'https://new.example.com/hook');
    await user.click(screen.getByLabelText('A comment thread is started'));
    await user.click(screen.getByLabelText('A version is frozen'));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));

    const notice = await screen.findByTestId('webhook-secret');
    expect(notice.textContent).toContain("You won't see this again");
    expect((within(notice).getByLabelText('Signing secret') as HTMLInputElement).value).toBe(secret);
    expect(sent.find((call) => call.name === 'CreateWebhook')?.variables).toEqual({
      input: { proposalId: 'p1', url: 'https://new.example.com/hook', events: ['VERSION_FROZEN', 'THREAD_STARTED'] },
    });
    // Copying puts the secret itself on the clipboard.
    await user.click(within(notice).getByRole('button', { name: 'Copy' }));
    expect(await navigator.clipboard.readText()).toBe(secret);
    expect(within(notice).getByRole('status').textContent).toBe('Copied to the clipboard.');
    expect((screen.getByLabelText('Endpoint URL') as HTMLInputElement).value).toBe('');

    await user.click(within(notice).getByRole('button', { name: 'I have copied it' }));
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
    expect(document.body.textContent).not.toContain(secret);
  });

  it("shows the server's refusal of the URL beside the field and keeps what was typed", async () => {
    openPage({
      created: () => refused('BAD_USER_INPUT', 'url: must not point at a private address', { field: 'url' }),
    });
    const user = userEvent.setup();
    await card(working.url);
    const field = screen.getByLabelText('Endpoint URL') as HTMLInputElement;
    await user.type(field, 'https://10.0.0.8/hook');
    await user.click(screen.getByLabelText('Someone signs a version'));
    await user.click(screen.getByRole('button', { name: 'Add webhook' }));

    await waitFor(() => expect(field.getAttribute('aria-invalid')).toBe('true'));
    const errorId = field.getAttribute('aria-describedby')!.split(' ')[0]!;
    expect(document.getElementById(errorId)?.textContent).toBe('Must not point at a private address.');
    expect(field.value).toBe('https://10.0.0.8/hook');
    expect((screen.getByLabelText('Someone signs a version') as HTMLInputElement).checked).toBe(true);
    expect(screen.queryByTestId('webhook-secret')).toBeNull();
  });

  it('turns a disabled endpoint back on', async () => {
    const { sent } = openPage();
    const user = userEvent.setup();
    const off = await card(broken.url);
    await user.click(within(off).getByRole('button', { name: 'Turn back on' }));
    await waitFor(() => expect(off.dataset.enabled).toBe('true'));
    expect(sent.filter((call) => call.name === 'EnableWebhook').map((call) => call.variables)).toEqual([{ id: 'w2' }]);
    expect(within(off).queryByTestId('webhook-disabled')).toBeNull();
    expect(await screen.findByText(`The webhook to ${broken.url} is on again.`)).toBeTruthy();
  });

  it('deletes an endpoint only once confirmed', async () => {
    const { sent } = openPage();
    const user = userEvent.setup();
    const on = await card(working.url);
    await user.click(within(on).getByRole('button', { name: 'Delete' }));
    const dialog = await screen.findByTestId('delete-webhook-dialog');
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(sent.some((call) => call.name === 'DeleteWebhook')).toBe(false);

    await user.click(within(on).getByRole('button', { name: 'Delete' }));
    await user.click(
      within(await screen.findByTestId('delete-webhook-dialog')).getByRole('button', { name: 'Delete webhook' }),
    );
    await waitFor(() => expect(screen.queryByRole('heading', { level: 3, name: working.url })).toBeNull());
    expect(sent.filter((call) => call.name === 'DeleteWebhook').map((call) => call.variables)).toEqual([{ id: 'w1' }]);
    expect(screen.getByRole('heading', { level: 3, name: broken.url })).toBeTruthy();
  });

  it('tells a participant who is not a client that only clients manage webhooks, and never asks for them', async () => {
    const { server } = openPage({ myRole: 'FREELANCER' });
    expect((await screen.findByTestId('webhooks-clients-only')).textContent).toContain('Only a client');
    expect(server.asked).not.toContain('ProposalWebhooks');
    expect(screen.queryByTestId('add-webhook-form')).toBeNull();
  });
});
