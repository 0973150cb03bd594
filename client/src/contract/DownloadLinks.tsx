import type { VersionSummary } from './types';

/** A version's exports, downloaded rather than opened. */
export function DownloadLinks({ version }: { version: Pick<VersionSummary, 'markdownUrl' | 'pdfUrl'> }) {
  return (
    <>
      <a href={version.markdownUrl} download className="download-link" data-testid="download-markdown">
        Markdown
      </a>
      <a href={version.pdfUrl} download className="download-link" data-testid="download-pdf">
        PDF
      </a>
    </>
  );
}
