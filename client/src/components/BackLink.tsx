import type { ReactNode } from 'react';
import { Link, type LinkOptions } from '@tanstack/react-router';

/** The way back from a page, above its heading; `link` is where to, as the router types it. */
export function BackLink({ link, testId, children }: { link: LinkOptions; testId?: string; children: ReactNode }) {
  return (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <Link {...link} data-testid={testId}>
        <span aria-hidden="true">← </span>
        {children}
      </Link>
    </nav>
  );
}
