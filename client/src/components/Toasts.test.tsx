import { act, fireEvent, render, renderHook, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ToastStack, useToasts } from './Toasts';

const TOAST_MS = 8000;

let push: (kind: string, message: string) => void = () => {};

/** A page that shows toasts, with something outside the stack to move the keyboard to. */
function Page() {
  const toasts = useToasts();
  push = toasts.push;
  return (
    <>
      <button type="button">Outside</button>
      <ToastStack toasts={toasts.toasts} onDismiss={toasts.dismiss} />
    </>
  );
}

describe('useToasts', () => {
  it('adds toasts in order with distinct ids and removes the one dismissed', () => {
    const { result } = renderHook(() => useToasts());
    act(() => result.current.push('VERSION_FROZEN', 'Cora froze version 1'));
    act(() => result.current.push('VERSION_SIGNED', 'Finn signed version 1'));
    const [first, second] = result.current.toasts;
    expect(result.current.toasts.map((toast) => toast.message)).toEqual([
      'Cora froze version 1',
      'Finn signed version 1',
    ]);
    expect(first?.id).not.toBe(second?.id);
    act(() => result.current.dismiss(first?.id ?? -1));
    expect(result.current.toasts).toEqual([second]);
  });

  it('keeps only the four newest, so a burst cannot cover the page', () => {
    const { result } = renderHook(() => useToasts());
    act(() => {
      for (let n = 1; n <= 6; n++) result.current.push('VERSION_SIGNED', `signature ${n}`);
    });
    expect(result.current.toasts.map((toast) => toast.message)).toEqual([
      'signature 3',
      'signature 4',
      'signature 5',
      'signature 6',
    ]);
  });

  it('keeps push and dismiss stable across renders', () => {
    const { result } = renderHook(() => useToasts());
    const { push, dismiss } = result.current;
    act(() => push('VERSION_FROZEN', 'x'));
    expect(result.current.push).toBe(push);
    expect(result.current.dismiss).toBe(dismiss);
  });
});

describe('ToastStack', () => {
  const show = (message: string, kind = 'VERSION_SIGNED') => act(() => push(kind, message));
  const advance = (ms: number) => act(() => vi.advanceTimersByTime(ms));
  const messages = () => screen.queryAllByTestId('toast').map((item) => item.textContent);
  const stack = () => screen.getByRole('status', { name: 'Notifications' });

  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('is a polite live region before any toast arrives', () => {
    render(<Page />);
    expect(stack().getAttribute('aria-live')).toBe('polite');
    expect(messages()).toEqual([]);
  });

  it('shows what happened, with its kind, and a dismiss button naming it', () => {
    render(<Page />);
    show('Finn signed version 1');
    const toast = screen.getByTestId('toast');
    expect(toast.getAttribute('data-kind')).toBe('VERSION_SIGNED');
    expect(stack().contains(toast)).toBe(true);
    expect(screen.getByRole('button', { name: 'Dismiss: Finn signed version 1' })).toBeTruthy();
  });

  it('a toast leaves by itself after eight seconds', () => {
    render(<Page />);
    show('Finn signed version 1');
    advance(TOAST_MS - 1);
    expect(messages()).toEqual(['Finn signed version 1']);
    advance(1);
    expect(messages()).toEqual([]);
  });

  it('each toast keeps its own time', () => {
    render(<Page />);
    show('first');
    advance(3000);
    show('second');
    advance(TOAST_MS - 3000);
    expect(messages()).toEqual(['second']);
    advance(3000);
    expect(messages()).toEqual([]);
  });

  it('waits while the pointer is on the stack, then takes only the time it had left', () => {
    render(<Page />);
    show('Finn signed version 1');
    advance(5000);
    fireEvent.mouseEnter(stack());
    advance(60_000);
    expect(messages()).toEqual(['Finn signed version 1']);
    fireEvent.mouseLeave(stack());
    advance(2999);
    expect(messages()).toHaveLength(1);
    advance(1);
    expect(messages()).toEqual([]);
  });

  it('after a pause a toast stays at least a second, so it does not vanish as the pointer leaves', () => {
    render(<Page />);
    show('Finn signed version 1');
    advance(TOAST_MS - 100);
    fireEvent.mouseEnter(stack());
    fireEvent.mouseLeave(stack());
    advance(999);
    expect(messages()).toHaveLength(1);
    advance(1);
    expect(messages()).toEqual([]);
  });

  it('waits while the keyboard is in the stack and goes on once it leaves', () => {
    render(<Page />);
    show('Finn signed version 1');
    act(() => screen.getByRole('button', { name: /^Dismiss/ }).focus());
    advance(60_000);
    expect(messages()).toHaveLength(1);
    act(() => screen.getByRole('button', { name: 'Outside' }).focus());
    advance(TOAST_MS);
    expect(messages()).toEqual([]);
  });

  it('dismissing one moves the keyboard to its neighbour, not to the top of the page', () => {
    render(<Page />);
    show('first');
    show('second');
    show('third');
    const second = screen.getByRole('button', { name: 'Dismiss: second' });
    act(() => second.focus());
    fireEvent.click(second);
    expect(messages()).toEqual(['first', 'third']);
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Dismiss: third' }));
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: third' }));
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Dismiss: first' }));
  });

  it('once the last toast is dismissed under the pointer, the next one times out again', () => {
    render(<Page />);
    show('first');
    fireEvent.mouseEnter(stack());
    fireEvent.click(screen.getByRole('button', { name: 'Dismiss: first' }));
    expect(messages()).toEqual([]);
    // No mouseleave came: the pointer may still be there, but the stack forgets it.
    show('second');
    advance(TOAST_MS);
    expect(messages()).toEqual([]);
  });
});
