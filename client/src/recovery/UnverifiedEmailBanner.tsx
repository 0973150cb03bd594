import { useState } from 'react';
import { ResendVerificationButton } from './ResendVerificationButton';

const DISMISSED_KEY = 'brieflock.unverifiedBannerDismissed';

function dismissedThisSession(): boolean {
  try {
    return sessionStorage.getItem(DISMISSED_KEY) === '1';
  } catch {
    return false;
  }
}

/**
 * Asks a signed-in person who has not proven their address to do so: signing is refused
 * until then. Dismissed, it stays away for the rest of this browser session.
 */
export function UnverifiedEmailBanner() {
  const [dismissed, setDismissed] = useState(dismissedThisSession);
  if (dismissed) return null;

  const dismiss = () => {
    try {
      sessionStorage.setItem(DISMISSED_KEY, '1');
    } catch {
      // Storage refused (private mode): dismissed for this page's life only.
    }
    setDismissed(true);
  };

  return (
    <section className="alert alert-warning unverified-banner" aria-label="Account notice">
      <p>
        Confirm your e-mail address to sign contracts. <ResendVerificationButton label="Send the link again" />
      </p>
      <button type="button" className="button button-ghost button-small" onClick={dismiss}>
        Dismiss
      </button>
    </section>
  );
}
