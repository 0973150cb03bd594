import { createContext, useContext } from 'react';
import type { Suggestion } from './useSuggestions';

/** What the fields of the editor need to show and make suggestions. */
export interface SuggestingState {
  proposalId: string;
  userId: string;
  /** CLIENT or FREELANCER: may suggest and decide. */
  canEdit: boolean;
  /** Suggesting mode is on: edits become suggestions. */
  suggesting: boolean;
  open: Suggestion[];
}

export const SuggestingContext = createContext<SuggestingState | null>(null);

/** The editor's suggesting state; null outside a live brief. */
export const useSuggesting = (): SuggestingState | null => useContext(SuggestingContext);
