import { Suspense, lazy, useState } from 'react';

// Loaded when a template or a proposal is chosen to start from, not with the page.
const CreateFromDialog = lazy(() =>
  import('./CreateFromDialog').then((module) => ({ default: module.CreateFromDialog })),
);

/** "New proposal from this one": copies chosen sections of this brief into a new proposal. */
export function NewFromProposal({ proposalId, title }: { proposalId: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="section">
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        New proposal from this one
      </button>
      {open && (
        <Suspense fallback={null}>
          <CreateFromDialog
            source={{ proposalId }}
            heading="New proposal from this one"
            initialTitle={`${title} (copy)`}
            onClose={() => setOpen(false)}
          />
        </Suspense>
      )}
    </div>
  );
}
