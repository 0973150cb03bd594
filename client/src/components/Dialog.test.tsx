import { act, fireEvent, render, screen } from '@testing-library/react';
import { StrictMode, useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { Dialog } from './Dialog';

function dialogElement(): HTMLDialogElement {
  return screen.getByTestId('dialog') as HTMLDialogElement;
}

/** Escape on a modal dialog: the browser fires a cancelable `cancel`, then closes it unless prevented. */
function pressEscape(dialog: HTMLDialogElement): boolean {
  const event = new Event('cancel', { cancelable: true });
  act(() => {
    dialog.dispatchEvent(event);
  });
  return event.defaultPrevented;
}

function Example({ busy = false, onClose = () => {} }: { busy?: boolean; onClose?: () => void }) {
  return (
    <Dialog labelledBy="title" describedBy="text" testId="dialog" busy={busy} onClose={onClose}>
      <h2 id="title">Freeze version 2</h2>
      <p id="text">Nobody can change it afterwards.</p>
      <button type="button">Cancel</button>
    </Dialog>
  );
}

/** A page with a button that opens the dialog and whatever the dialog's owner does on close. */
function Opener({ restoreFocus }: { restoreFocus?: () => HTMLElement | null }) {
  const [open, setOpen] = useState(false);
  return (
    <>
      <button type="button" onClick={() => setOpen(true)}>
        Open
      </button>
      <button type="button" id="elsewhere">
        Elsewhere
      </button>
      {open && (
        <Dialog labelledBy="t" testId="dialog" onClose={() => setOpen(false)} restoreFocus={restoreFocus}>
          <h2 id="t">Sign</h2>
          <button type="button" onClick={() => setOpen(false)}>
            Done
          </button>
        </Dialog>
      )}
    </>
  );
}

describe('Dialog', () => {
  it('opens as a modal dialog named by its heading and described by its text', () => {
    render(<Example />);
    const dialog = dialogElement();
    expect(dialog.open).toBe(true);
    expect(dialog.getAttribute('aria-modal')).toBe('true');
    expect(screen.getByRole('dialog', { name: 'Freeze version 2' })).toBe(dialog);
    expect(dialog.getAttribute('aria-describedby')).toBe('text');
    expect(dialog.className).toBe('dialog');
  });

  it('adds its own class after the dialog class', () => {
    render(
      <Dialog labelledBy="t" testId="dialog" onClose={() => {}} className="dialog-wide">
        <h2 id="t">Sign</h2>
      </Dialog>,
    );
    expect(dialogElement().className).toBe('dialog dialog-wide');
  });

  it('Escape asks its owner to close it and leaves the closing to React', () => {
    const onClose = vi.fn();
    render(<Example onClose={onClose} />);
    const prevented = pressEscape(dialogElement());
    expect(onClose).toHaveBeenCalledTimes(1);
    // The browser must not close it behind React's back.
    expect(prevented).toBe(true);
    expect(dialogElement().open).toBe(true);
  });

  it('Escape does nothing while busy, and works again once it is not', () => {
    const onClose = vi.fn();
    const { rerender } = render(<Example busy onClose={onClose} />);
    expect(pressEscape(dialogElement())).toBe(true);
    expect(onClose).not.toHaveBeenCalled();
    rerender(<Example onClose={onClose} />);
    pressEscape(dialogElement());
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('calls the owner it has now, not the one it opened with', () => {
    const first = vi.fn();
    const second = vi.fn();
    const { rerender } = render(<Example onClose={first} />);
    rerender(<Example onClose={second} />);
    pressEscape(dialogElement());
    expect(first).not.toHaveBeenCalled();
    expect(second).toHaveBeenCalledTimes(1);
  });

  it('follows when the browser closes it anyway', () => {
    const onClose = vi.fn();
    render(<Example onClose={onClose} />);
    act(() => dialogElement().close());
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('stays open through a strict-mode remount', async () => {
    // Browsers fire `close` a task after close(); happy-dom fires it at once. Defer it as they do,
    // so the remount's showModal() comes first, as it does in a browser.
    const deferred = new WeakSet<Event>();
    const deferClose = (event: Event) => {
      if (deferred.has(event) || !(event.target instanceof HTMLDialogElement)) return;
      event.stopImmediatePropagation();
      const later = new Event('close');
      deferred.add(later);
      const target = event.target;
      setTimeout(() => target.dispatchEvent(later));
    };
    window.addEventListener('close', deferClose, true);
    try {
      const onClose = vi.fn();
      render(
        <StrictMode>
          <Example onClose={onClose} />
        </StrictMode>,
      );
      await act(() => new Promise((resolve) => setTimeout(resolve)));
      expect(dialogElement().open).toBe(true);
      expect(onClose).not.toHaveBeenCalled();
    } finally {
      window.removeEventListener('close', deferClose, true);
    }
  });

  it('gives the keyboard back to what opened it when it goes', () => {
    render(<Opener />);
    const open = screen.getByRole('button', { name: 'Open' });
    open.focus();
    fireEvent.click(open);
    const done = screen.getByRole('button', { name: 'Done' });
    done.focus();
    fireEvent.click(done);
    expect(screen.queryByTestId('dialog')).toBeNull();
    expect(document.activeElement).toBe(open);
  });

  it('gives the keyboard to the element its owner names instead, when there is one', () => {
    render(<Opener restoreFocus={() => document.getElementById('elsewhere')} />);
    const open = screen.getByRole('button', { name: 'Open' });
    open.focus();
    fireEvent.click(open);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(document.activeElement).toBe(document.getElementById('elsewhere'));
  });

  it('falls back to the opener when the named element is not there', () => {
    render(<Opener restoreFocus={() => null} />);
    const open = screen.getByRole('button', { name: 'Open' });
    open.focus();
    fireEvent.click(open);
    fireEvent.click(screen.getByRole('button', { name: 'Done' }));
    expect(document.activeElement).toBe(open);
  });

  it('closes the native dialog when it unmounts', () => {
    const { unmount } = render(<Example />);
    const dialog = dialogElement();
    unmount();
    expect(dialog.open).toBe(false);
  });
});
