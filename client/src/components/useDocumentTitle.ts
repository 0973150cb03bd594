import { useEffect } from 'react';

/** Names the browser tab after the page: "<title> · Brieflock", or just "Brieflock". */
export function useDocumentTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Brieflock` : 'Brieflock';
  }, [title]);
}
