import { useEffect, useRef, type ReactNode } from 'react';
import type { ParticipantRole } from '@brieflock/schema';
import { Link, consumeFocusRequest } from './router';

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

/** The way back from a page, above its heading. */
export function BackLink({ to, testId, children }: { to: string; testId?: string; children: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link to={to} data-testid={testId}>
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </nav>
  );
}

/** What a page that loads its data is in until the data is there. */
export type PageLoadState = { kind: 'loading' } | { kind: 'notFound' } | { kind: 'failed'; message: string };

/** Such a page before its data is there: loading, not found, or failed with a way to try again. */
export function PageFallback({
  state,
  back,
  loadingLabel,
  notFoundTitle,
  notFoundText,
  failedTitle,
  onRetry,
}: {
  state: PageLoadState;
  back: ReactNode;
  loadingLabel: string;
  notFoundTitle: string;
  notFoundText: ReactNode;
  failedTitle: string;
  onRetry: () => void;
}) {
  if (state.kind === 'loading') {
    return (
      <div className="page">
        {back}
        <Spinner label={loadingLabel} />
      </div>
    );
  }
  if (state.kind === 'notFound') {
    return (
      <div className="page">
        {back}
        <PageHeading>{notFoundTitle}</PageHeading>
        <p className="lead">{notFoundText}</p>
      </div>
    );
  }
  return (
    <div className="page stack">
      {back}
      <PageHeading>{failedTitle}</PageHeading>
      <ErrorAlert message={state.message} />
      <div>
        <button type="button" className="button button-secondary" onClick={onRetry}>
          Try again
        </button>
      </div>
    </div>
  );
}
