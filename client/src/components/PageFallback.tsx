import type { ReactNode } from 'react';
import { ErrorAlert } from './ErrorAlert';
import { PageHeading } from './PageHeading';
import { Spinner } from './Spinner';

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
