import type { HistoryState } from '@tanstack/react-router';

/**
 * A line the next page shows, carried in the history entry rather than the address: a
 * copied link must not repeat it to someone else.
 */
export function withNotice(notice: string): HistoryState {
  return { notice } as HistoryState;
}

/** The notice a history entry carries, if any. */
export function noticeOf(state: HistoryState): string | null {
  const notice = (state as { notice?: unknown }).notice;
  return typeof notice === 'string' ? notice : null;
}
