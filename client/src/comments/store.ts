import { useSyncExternalStore } from 'react';
import type { AnchorFields } from '@brieflock/schema';

/**
 * What the comments panel and the editor share on one proposal page: the thread the
 * person is looking at, the anchor of a comment they are about to write, and which
 * threads lost their text. The thread list itself lives in the urql cache.
 */

/** An anchor picked in the editor, with how the panel names it. */
export interface AnchorDraft extends AnchorFields {
  label: string;
}

export interface CommentsUiState {
  activeThreadId: string | null;
  pending: AnchorDraft | null;
  /** Threads on rich text whose text was deleted, by section. */
  detached: ReadonlyMap<string, ReadonlySet<string>>;
}

type Listener = () => void;

export class CommentsUi {
  private state: CommentsUiState = { activeThreadId: null, pending: null, detached: new Map() };
  private readonly listeners = new Set<Listener>();

  readonly get = (): CommentsUiState => this.state;

  readonly subscribe = (listener: Listener): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  private set(next: Partial<CommentsUiState>): void {
    this.state = { ...this.state, ...next };
    for (const listener of this.listeners) listener();
  }

  /** Shows a thread: the panel marks it, the editor marks its text. */
  activate(threadId: string | null): void {
    if (this.state.activeThreadId !== threadId) this.set({ activeThreadId: threadId });
  }

  /** Starts writing a comment on `anchor` (the panel opens its form). */
  compose(anchor: AnchorDraft | null): void {
    this.set({ pending: anchor, activeThreadId: anchor ? null : this.state.activeThreadId });
  }

  /** A rich-text section reports which of its threads have no text left. */
  reportDetached(section: string, threadIds: ReadonlySet<string>): void {
    const current = this.state.detached.get(section);
    if (current && current.size === threadIds.size && [...threadIds].every((id) => current.has(id))) return;
    const detached = new Map(this.state.detached);
    detached.set(section, threadIds);
    this.set({ detached });
  }

  isDetached(threadId: string): boolean {
    for (const ids of this.state.detached.values()) if (ids.has(threadId)) return true;
    return false;
  }
}

const pages = new Map<string, CommentsUi>();

/** The shared comments state of one proposal's page. */
export function commentsUiFor(proposalId: string): CommentsUi {
  let ui = pages.get(proposalId);
  if (!ui) {
    ui = new CommentsUi();
    pages.set(proposalId, ui);
  }
  return ui;
}

export function useCommentsUi(proposalId: string): [CommentsUiState, CommentsUi] {
  const ui = commentsUiFor(proposalId);
  return [useSyncExternalStore(ui.subscribe, ui.get), ui];
}
