import { ErrorCode } from '@brieflock/schema';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { noticeOf } from '../notice';
import { PASSWORD_CHANGED, ResetPasswordPage } from './ResetPasswordPage';

const auth = vi.hoisted(() => ({ resetPassword: vi.fn() }));
const navigate = vi.hoisted(() => vi.fn());
vi.mock('../auth', () => ({ useAuth: () => auth }));
vi.mock('@tanstack/react-router', () => ({
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
  useNavigate: () => navigate,
}));

async function typePasswords(password: string, confirm: string) {
  const user = userEvent.setup({ delay: null });
  render(<ResetPasswordPage token="blr_abc" />);
  await user.type(screen.getByLabelText('New password'), password);
  await user.type(screen.getByLabelText('Confirm the new password'), confirm);
  await user.click(screen.getByRole('button', { name: 'Change password' }));
  return user;
}

describe('the reset-password page', () => {
  beforeEach(() => {
    auth.resetPassword.mockReset().mockResolvedValue(undefined);
    navigate.mockReset().mockResolvedValue(undefined);
  });

  it('shows the length as it is typed', async () => {
    const user = userEvent.setup({ delay: null });
    render(<ResetPasswordPage token="blr_abc" />);
    const field = screen.getByLabelText('New password');
    await user.type(field, 'short');
    expect(document.getElementById(field.getAttribute('aria-describedby') ?? '')?.textContent).toBe(
      '5 of at least 10 characters.',
    );
    await user.type(field, ' and long now');
    expect(screen.getByText('18 characters.')).toBeTruthy();
  });

  it('two different passwords are refused at the confirm field without asking the server', async () => {
    await typePasswords('a long passphrase', 'a long passphrasf');
    expect(auth.resetPassword).not.toHaveBeenCalled();
    const confirm = screen.getByLabelText('Confirm the new password');
    expect(confirm.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(confirm);
    expect(screen.getByText(/The two passwords differ/)).toBeTruthy();
  });

  it('a matching password resets, signs in and opens the proposals with the notice', async () => {
    await typePasswords('a long passphrase', 'a long passphrase');
    expect(auth.resetPassword).toHaveBeenCalledWith({ token: 'blr_abc', password: 'a long passphrase' });
    await waitFor(() => expect(navigate).toHaveBeenCalled());
    const [{ to, state }] = navigate.mock.calls[0] as [{ to: string; state: object }];
    expect(to).toBe('/proposals');
    expect(noticeOf(state as never)).toBe(PASSWORD_CHANGED);
  });

  it.each([
    ['used', /already used/],
    ['expired', /has expired/],
    ['unknown', /not valid/],
  ])('a link refused as %s says so, links to a new one, and keeps what was typed', async (reason, message) => {
    auth.resetPassword.mockRejectedValue(
      new ApiError('That link does not work.', ErrorCode.BAD_USER_INPUT, { field: 'token', reason }),
    );
    await typePasswords('a long passphrase', 'a long passphrase');
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toMatch(message);
    expect(screen.getByRole('link', { name: 'Ask for a new link' }).getAttribute('href')).toBe('/forgot-password');
    expect((screen.getByLabelText('New password') as HTMLInputElement).value).toBe('a long passphrase');
    expect((screen.getByLabelText('Confirm the new password') as HTMLInputElement).value).toBe('a long passphrase');
    expect(navigate).not.toHaveBeenCalled();
  });

  it("the server's password refusal shows at the password field", async () => {
    auth.resetPassword.mockRejectedValue(
      new ApiError('Use at least 10 characters.', ErrorCode.BAD_USER_INPUT, { field: 'password' }),
    );
    await typePasswords('ten chars!', 'ten chars!');
    await waitFor(() => expect(screen.getByLabelText('New password').getAttribute('aria-invalid')).toBe('true'));
    expect(screen.getByText('Use at least 10 characters.')).toBeTruthy();
  });
});
