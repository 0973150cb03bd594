import { useState } from 'react';
import { useClient } from 'urql';
import { errorMessage } from '../api';
import { ProposalReceiptQuery } from '../operations/contract';

/** A file name from a title: letters, digits and dashes. */
const slug = (title: string) =>
  title
    .normalize('NFKD')
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .toLowerCase() || 'brief';

/** Saves `text` as a file, as a download link would. */
function save(name: string, text: string) {
  const url = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/**
 * "Download receipt": the server-signed head of the proposal's audit trail as it is now,
 * the file `pnpm verify <id> --receipt <file>` checks the trail against later.
 */
export function ReceiptDownload({ proposalId }: { proposalId: string }) {
  const client = useClient();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const onClick = async () => {
    setBusy(true);
    setError(null);
    const result = await client.query(ProposalReceiptQuery, { id: proposalId }, { requestPolicy: 'network-only' });
    setBusy(false);
    const proposal = result.data?.proposal;
    if (!proposal) {
      setError(result.error ? errorMessage(result.error) : 'The proposal is no longer available.');
      return;
    }
    save(
      `${slug(proposal.title)}-receipt-${proposal.receipt.length}.json`,
      `${JSON.stringify(proposal.receipt, null, 2)}\n`,
    );
  };
  return (
    <span className="receipt-download">
      <button
        type="button"
        className="link-button"
        onClick={onClick}
        disabled={busy}
        aria-busy={busy}
        data-testid="download-receipt"
        title="The server-signed head of the audit trail: keep it to prove later that nothing was deleted or rewritten"
      >
        Download receipt
      </button>
      {error && (
        <span role="alert" className="field-error">
          Could not download the receipt: {error}
        </span>
      )}
    </span>
  );
}
