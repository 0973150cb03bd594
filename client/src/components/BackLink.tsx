import type { ReactNode } from 'react';
import { Link } from '../router';

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
