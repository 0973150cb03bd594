import { useEffect, useRef, type ReactNode } from 'react';
import './dialog.css';

interface DialogProps {
  /** Id of the dialog's heading, which names it. */
  labelledBy: string;
  describedBy?: string;
  testId: string;
  /** While true (e.g. a request is in flight), Escape does not close it. */
  busy?: boolean;
  onClose: () => void;
  /** Where the keyboard goes afterwards; defaults to what had focus when it opened. */
  restoreFocus?: () => HTMLElement | null;
  className?: string;
  children: ReactNode;
}

/**
 * A modal dialog on the native <dialog>: showModal() makes the rest of the page inert,
 * moves focus inside and gives Escape; React state decides whether it exists at all.
 */
export function Dialog({
  labelledBy,
  describedBy,
  testId,
  busy = false,
  onClose,
  restoreFocus,
  className,
  children,
}: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const latest = useRef({ busy, onClose, restoreFocus });
  latest.current = { busy, onClose, restoreFocus };

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.open) {
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
    }
    return () => {
      if (dialog.open) dialog.close();
      const target = latest.current.restoreFocus?.() ?? opener;
      if (target?.isConnected) target.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      aria-modal="true"
      aria-labelledby={labelledBy}
      aria-describedby={describedBy}
      className={className ? `dialog ${className}` : 'dialog'}
      data-testid={testId}
      onCancel={(event) => {
        // Escape: React decides, so the dialog never closes behind the state's back.
        event.preventDefault();
        if (!latest.current.busy) latest.current.onClose();
      }}
      onClose={() => {
        // The browser may still close it (a second Escape without user activation); follow.
        // Still open means it was shown again since (React's strict remount), so stay.
        if (!ref.current?.open) latest.current.onClose();
      }}
    >
      {children}
    </dialog>
  );
}
