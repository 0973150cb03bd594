import { useRef } from 'react';
import { ErrorCode } from '@brieflock/schema';
import type { CombinedError } from 'urql';
import { toApiError } from '../api';
import type { PageLoadState } from '../components/PageFallback';

/**
 * What a page shows while its query has no usable data: loading (also while a retry
 * runs), not found (the server said NOT_FOUND or answered null), or failed.
 */
export function pageLoadState({ fetching, error }: { fetching: boolean; error?: CombinedError }): PageLoadState {
  if (fetching) return { kind: 'loading' };
  if (!error) return { kind: 'notFound' };
  const apiError = toApiError(error);
  return apiError.code === ErrorCode.NOT_FOUND ? { kind: 'notFound' } : { kind: 'failed', message: apiError.message };
}

/**
 * The last data a query had for the same `key` (its variables), so a refetch that fails
 * keeps the page as it was, stale but true, instead of replacing it with an error.
 */
export function useKeptData<T>(data: T | undefined, key: string): T | undefined {
  const kept = useRef<{ key: string; data: T } | null>(null);
  if (data !== undefined) kept.current = { key, data };
  else if (kept.current?.key !== key) kept.current = null;
  return data ?? kept.current?.data;
}
