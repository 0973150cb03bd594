import { useEffect, useRef, type ReactNode } from 'react';
import type { ParticipantRole } from '@brieflock/schema';
import { consumeFocusRequest } from './router';

export const ROLE_LABELS: Record<ParticipantRole, string> = {
  CLIENT: 'Client',
  FREELANCER: 'Freelancer',
  VIEWER: 'Viewer',
};

export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Brieflock` : 'Brieflock';
  }, [title]);
}

/** The page's h1; takes focus after in-app navigation so screen readers announce the new page. */
export function PageHeading({ children, className }: { children: ReactNode; className?: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (consumeFocusRequest()) ref.current?.focus({ preventScroll: true });
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1} className={className}>
      {children}
    </h1>
  );
}

export function ErrorAlert({ message, id }: { message: string | null; id?: string }) {
  if (!message) return null;
  return (
    <div className="alert alert-error" role="alert" id={id}>
      <svg className="alert-icon" viewBox="0 0 20 20" aria-hidden="true" focusable="false">
        <circle cx="10" cy="10" r="8.5" fill="none" stroke="currentColor" strokeWidth="1.6" />
        <path d="M10 5.5v5.5" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        <circle cx="10" cy="14" r="1.1" fill="currentColor" />
      </svg>
      <p>{message}</p>
    </div>
  );
}

export function RoleBadge({ role }: { role: ParticipantRole }) {
  return <span className={`badge badge-role badge-${role.toLowerCase()}`}>{ROLE_LABELS[role]}</span>;
}

export function Spinner({ label }: { label: string }) {
  return (
    <p className="loading" role="status">
      <span className="spinner" aria-hidden="true" />
      {label}
    </p>
  );
}

const dateFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' });
const dateTimeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'long', timeStyle: 'short' });

export function DateTime({ iso, long = false }: { iso: string; long?: boolean }) {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return <span>Unknown date</span>;
  return (
    <time dateTime={date.toISOString()} title={dateTimeFormat.format(date)}>
      {(long ? dateTimeFormat : dateFormat).format(date)}
    </time>
  );
}

export const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;
