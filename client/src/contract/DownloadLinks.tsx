import type { VersionSummaryFieldsFragment } from '../gql/graphql';

/** A version's exports, downloaded rather than opened. */
export function DownloadLinks({ version }: { version: Pick<VersionSummaryFieldsFragment, 'markdownUrl' | 'pdfUrl'> }) {
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
