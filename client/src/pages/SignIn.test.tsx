import { ErrorCode } from '@brieflock/schema';
import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from '../api';
import { SignIn } from './SignIn';

const auth = vi.hoisted(() => ({ signIn: vi.fn(), signUp: vi.fn() }));
vi.mock('../auth', () => ({ useAuth: () => auth }));
// The form links to /forgot-password; routing is not what is tested here.
vi.mock('@tanstack/react-router', () => ({
  Link: ({ to, children }: { to: string; children: ReactNode }) => <a href={to}>{children}</a>,
}));

async function openSignUp() {
  const user = userEvent.setup({ delay: null });
  render(<SignIn sessionEnded={false} />);
  await user.click(screen.getByRole('tab', { name: 'Create account' }));
  await user.type(screen.getByLabelText('E-mail'), 'ada@example.test');
  await user.type(screen.getByLabelText('Password'), 'a long passphrase');
  return user;
}

describe('sign-in and sign-up form', () => {
  beforeEach(() => {
    auth.signIn.mockReset().mockResolvedValue(undefined);
    auth.signUp.mockReset().mockResolvedValue(undefined);
  });

  it('a name of blanks is refused at the name field, which is marked invalid and takes the keyboard', async () => {
    const user = await openSignUp();
    await user.type(screen.getByLabelText('Name'), '   ');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(auth.signUp).not.toHaveBeenCalled();
    const name = screen.getByLabelText('Name');
    expect(name.getAttribute('aria-invalid')).toBe('true');
    const description = document.getElementById(name.getAttribute('aria-describedby') ?? '');
    expect(description?.textContent).toBe('Enter your name.');
    expect(document.activeElement).toBe(name);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('once the name is given it signs up with the trimmed values and the field is valid again', async () => {
    const user = await openSignUp();
    await user.type(screen.getByLabelText('Name'), '   ');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await user.type(screen.getByLabelText('Name'), 'Ada Lovelace ');
    await user.click(screen.getByRole('button', { name: 'Create account' }));

    expect(auth.signUp).toHaveBeenCalledWith({
      name: 'Ada Lovelace',
      email: 'ada@example.test',
      password: 'a long passphrase',
    });
    expect(screen.getByLabelText('Name').hasAttribute('aria-invalid')).toBe(false);
    expect(screen.queryByText('Enter your name.')).toBeNull();
  });

  it('the fields keep their names and autocomplete for password managers', async () => {
    const user = userEvent.setup({ delay: null });
    render(<SignIn sessionEnded={false} />);
    expect(screen.queryByLabelText('Name')).toBeNull();
    expect(screen.getByLabelText('E-mail').getAttribute('autocomplete')).toBe('username');
    expect(screen.getByLabelText('Password').getAttribute('autocomplete')).toBe('current-password');
    expect(screen.getByLabelText('Password').hasAttribute('aria-describedby')).toBe(false);

    await user.click(screen.getByRole('tab', { name: 'Create account' }));
    expect(screen.getByLabelText('Name').getAttribute('autocomplete')).toBe('name');
    expect(screen.getByLabelText('E-mail').getAttribute('autocomplete')).toBe('email');
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('autocomplete')).toBe('new-password');
    expect(password.getAttribute('name')).toBe('password');
    expect(document.getElementById(password.getAttribute('aria-describedby') ?? '')?.textContent).toMatch(
      /^At least \d+ characters\.$/,
    );
  });

  it('the show button reveals the password and says what it will do next', async () => {
    const user = userEvent.setup({ delay: null });
    render(<SignIn sessionEnded={false} />);
    const password = screen.getByLabelText('Password');
    expect(password.getAttribute('type')).toBe('password');
    await user.click(screen.getByRole('button', { name: 'Show password' }));
    expect(password.getAttribute('type')).toBe('text');
    expect(screen.getByRole('button', { name: 'Hide password' }).getAttribute('aria-controls')).toBe(password.id);
  });

  it("the server's refusal is shown in the form's alert, which describes the form", async () => {
    auth.signIn.mockRejectedValue(new ApiError('Wrong e-mail or password.', ErrorCode.UNAUTHENTICATED));
    const user = userEvent.setup({ delay: null });
    render(<SignIn sessionEnded={false} />);
    await user.type(screen.getByLabelText('E-mail'), ' ada@example.test ');
    await user.type(screen.getByLabelText('Password'), 'not the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    expect(auth.signIn).toHaveBeenCalledWith({ email: 'ada@example.test', password: 'not the password' });
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toBe('Wrong e-mail or password.');
    expect(screen.getByRole('form').getAttribute('aria-describedby')).toBe(alert.id);
    expect(screen.getByLabelText('E-mail').hasAttribute('aria-invalid')).toBe(false);
  });

  it('switching between sign-in and sign-up forgets the error', async () => {
    const user = await openSignUp();
    await user.type(screen.getByLabelText('Name'), ' ');
    await user.click(screen.getByRole('button', { name: 'Create account' }));
    await user.click(screen.getByRole('tab', { name: 'Sign in' }));
    await user.click(screen.getByRole('tab', { name: 'Create account' }));
    expect(screen.queryByText('Enter your name.')).toBeNull();
    expect(screen.getByLabelText('Name').hasAttribute('aria-invalid')).toBe(false);
  });

  it('a RATE_LIMITED refusal shows the wait next to the form and holds the button until it has passed', async () => {
    auth.signIn.mockRejectedValueOnce(
      new ApiError('Too many failed sign-ins.', ErrorCode.RATE_LIMITED, { retryAfterSeconds: 1, retryAfterMs: 900 }),
    );
    const user = userEvent.setup({ delay: null });
    render(<SignIn sessionEnded={false} />);
    await user.type(screen.getByLabelText('E-mail'), 'ada@example.test');
    await user.type(screen.getByLabelText('Password'), 'the password');
    await user.click(screen.getByRole('button', { name: 'Sign in' }));

    const wait = await screen.findByText(/You can try again in 1 second\./);
    const button = screen.getByRole('button', { name: 'Sign in' });
    expect(button.hasAttribute('disabled')).toBe(true);
    expect(button.getAttribute('aria-describedby')).toBe(wait.id);
    // The wait counts down and lets the form be sent again.
    await waitFor(() => expect(screen.getByRole('button', { name: 'Sign in' }).hasAttribute('disabled')).toBe(false), {
      timeout: 5_000,
    });
    expect(screen.queryByText(/You can try again/)).toBeNull();
    await user.click(screen.getByRole('button', { name: 'Sign in' }));
    expect(auth.signIn).toHaveBeenCalledTimes(2);
  });
});
