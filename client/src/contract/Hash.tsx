import type { ReactNode } from 'react';

/** A full hash, monospaced and breakable, so it can be read out and compared. */
export function Hash({ value, testId }: { value: string; testId?: string }) {
  return (
    <code className="hash" data-testid={testId} translate="no">
      {value}
    </code>
  );
}

/** One named value of a list of hashes (a `<dl>`). */
export function HashRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}
