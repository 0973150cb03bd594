import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { Provider, type Client } from 'urql';
import { fromValue } from 'wonka';
import { describe, expect, it, vi } from 'vitest';
import { ForgotPasswordPage, RESET_SENT } from './ForgotPasswordPage';

vi.mock('@tanstack/react-router', () => ({
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
}));

describe('the forgot-password page', () => {
  it('asks for the trimmed address and gives the same answer whoever owns it', async () => {
    const asked: unknown[] = [];
    const client = {
      executeMutation: (request: { variables: Record<string, unknown> }) => {
        asked.push(request.variables);
        return fromValue({ data: { requestPasswordReset: true }, hasNext: false });
      },
    } as unknown as Client;
    const user = userEvent.setup({ delay: null });
    render(
      <Provider value={client}>
        <ForgotPasswordPage />
      </Provider>,
    );
    await user.type(screen.getByLabelText('E-mail'), ' ada@example.test ');
    await user.click(screen.getByRole('button', { name: 'Send the link' }));

    expect((await screen.findByRole('status')).textContent).toBe(RESET_SENT);
    expect(RESET_SENT).toBe(
      'If an account uses this address, we sent a link to reset its password. It works for one hour.',
    );
    expect(asked).toEqual([{ email: 'ada@example.test' }]);
  });
});
