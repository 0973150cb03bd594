import { useCallback, useEffect, useRef, useState } from 'react';
import './toasts.css';

/** Short-lived notices of what others did, announced politely and dismissible. */

export interface Toast {
  id: number;
  /** What happened, e.g. a proposal event kind; exposed as `data-kind`. */
  kind: string;
  message: string;
}

/** Long enough to read a sentence twice; paused while the pointer or focus is on the stack. */
const TOAST_MS = 8000;
/** Older notices give way: a burst of signatures must not cover the page. */
const MAX_TOASTS = 4;

let nextId = 1;

export function useToasts() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const push = useCallback((kind: string, message: string) => {
    setToasts((current) => [...current, { id: nextId++, kind, message }].slice(-MAX_TOASTS));
  }, []);
  const dismiss = useCallback((id: number) => {
    setToasts((current) => current.filter((toast) => toast.id !== id));
  }, []);
  return { toasts, push, dismiss };
}

function ToastItem({ toast, paused, onDismiss }: { toast: Toast; paused: boolean; onDismiss: (id: number) => void }) {
  const remaining = useRef(TOAST_MS);
  useEffect(() => {
    if (paused) return;
    const started = performance.now();
    const timer = setTimeout(() => onDismiss(toast.id), remaining.current);
    return () => {
      clearTimeout(timer);
      remaining.current = Math.max(1000, remaining.current - (performance.now() - started));
    };
  }, [paused, toast.id, onDismiss]);

  return (
    <li className="toast" data-testid="toast" data-kind={toast.kind}>
      <p className="toast-message">{toast.message}</p>
      <button
        type="button"
        className="toast-dismiss"
        onClick={(event) => {
          // Keep the keyboard in the stack rather than dropping it on the page's start.
          const item = event.currentTarget.closest('li');
          const neighbour = (item?.nextElementSibling ?? item?.previousElementSibling)?.querySelector('button');
          neighbour?.focus();
          onDismiss(toast.id);
        }}
        aria-label={`Dismiss: ${toast.message}`}
      >
        <svg viewBox="0 0 16 16" aria-hidden="true" focusable="false">
          <path d="M4 4l8 8M12 4l-8 8" />
        </svg>
      </button>
    </li>
  );
}

/**
 * The stack is one live region that exists before any toast does, so each new one is
 * announced (a region inserted together with its text often is not).
 */
export function ToastStack({ toasts, onDismiss }: { toasts: Toast[]; onDismiss: (id: number) => void }) {
  const [hovered, setHovered] = useState(false);
  const [focused, setFocused] = useState(false);
  // The last toast can leave under the pointer or with focus, without a leave or blur event.
  const empty = toasts.length === 0;
  useEffect(() => {
    if (!empty) return;
    setHovered(false);
    setFocused(false);
  }, [empty]);
  return (
    <div
      className="toast-stack"
      role="status"
      aria-live="polite"
      aria-relevant="additions text"
      aria-label="Notifications"
      onMouseEnter={() => setHovered(true)}
      onMouseLeave={() => setHovered(false)}
      onFocus={() => setFocused(true)}
      onBlur={(event) => {
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setFocused(false);
      }}
    >
      <ul className="toast-list">
        {toasts.map((toast) => (
          <ToastItem key={toast.id} toast={toast} paused={hovered || focused} onDismiss={onDismiss} />
        ))}
      </ul>
    </div>
  );
}
