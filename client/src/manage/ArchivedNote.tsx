/**
 * Tells everyone on an archived proposal's page that it is archived, also when a client
 * archives it while the page is open. Only a client can restore it (from the header's
 * actions); the others are told who can.
 */
export function ArchivedNote({ canRestore }: { canRestore: boolean }) {
  return (
    <p className="note brief-note" data-testid="archived-note">
      {canRestore
        ? "This proposal is archived: it is not in anyone's list of proposals until it is restored."
        : "This proposal is archived: it is not in anyone's list of proposals until one of its clients restores it. You can still open it here."}
    </p>
  );
}
