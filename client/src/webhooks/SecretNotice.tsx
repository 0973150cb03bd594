import { useId, useState } from 'react';

/**
 * A new webhook's signing secret, shown this once: the server keeps it sealed and never
 * hands it out again, so it is copied now or a new webhook is made.
 */
export function SecretNotice({ url, secret, onDone }: { url: string; secret: string; onDone: () => void }) {
  const id = useId();
  const [copied, setCopied] = useState<string | null>(null);

  async function copy() {
    try {
      await navigator.clipboard.writeText(secret);
      setCopied('Copied to the clipboard.');
    } catch {
      setCopied('Could not copy: select the secret and copy it yourself.');
    }
  }

  return (
    <section
      className="alert alert-warning webhook-secret"
      aria-labelledby={`${id}-title`}
      data-testid="webhook-secret"
    >
      <div className="stack-tight">
        <h2 id={`${id}-title`} className="alert-title">
          Copy the signing secret now
        </h2>
        <p>
          Your receiver at <span className="webhook-url">{url}</span> checks each request's{' '}
          <code>webhook-signature</code> with this secret. You won't see this again: if you lose it, delete the webhook
          and add a new one.
        </p>
        <div className="field">
          <label htmlFor={`${id}-secret`}>Signing secret</label>
          <div className="input-with-button">
            <input
              id={`${id}-secret`}
              className="webhook-secret-value"
              readOnly
              value={secret}
              onFocus={(event) => event.target.select()}
              data-testid="webhook-secret-value"
            />
            <button type="button" className="button button-secondary" onClick={() => void copy()}>
              Copy
            </button>
          </div>
        </div>
        <p className="status-text" role="status" aria-live="polite">
          {copied}
        </p>
        <div>
          <button type="button" className="button button-primary" onClick={onDone}>
            I have copied it
          </button>
        </div>
      </div>
    </section>
  );
}
