/**
 * Focus after navigation: the next page heading takes focus so screen readers announce
 * the new page. Set by the router on a change of page (links, back and forward) and by
 * signing in or out; a page's own choices in the search leave it unset.
 */
let focusRequested = false;

/** Asks the next page heading to take focus (e.g. after signing in or out). */
export function requestPageFocus(): void {
  focusRequested = true;
}

/** True once after an in-app navigation, so the next page heading can take focus. */
export function consumeFocusRequest(): boolean {
  const requested = focusRequested;
  focusRequested = false;
  return requested;
}
