import type { VersionSummaryFieldsFragment } from '../gql/graphql';

/** A version's exports, downloaded rather than opened. */
export function DownloadLinks({
  version,
}: {
  version: Pick<VersionSummaryFieldsFragment, 'markdownUrl' | 'pdfUrl' | 'evidenceUrl'>;
}) {
  return (
    <>
      <a href={version.markdownUrl} download className="download-link" data-testid="download-markdown">
        Markdown
      </a>
      <a href={version.pdfUrl} download className="download-link" data-testid="download-pdf">
        PDF
      </a>
      <a
        href={version.evidenceUrl}
        download
        className="download-link"
        data-testid="download-evidence"
        title="Everything needed to check this version offline, with pnpm verify --bundle or at /verify"
      >
        Evidence (JSON)
      </a>
    </>
  );
}
