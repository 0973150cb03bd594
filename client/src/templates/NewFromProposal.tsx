import { useState } from 'react';
import { CreateFromDialog } from './CreateFromDialog';

/** "New proposal from this one": copies chosen sections of this brief into a new proposal. */
export function NewFromProposal({ proposalId, title }: { proposalId: string; title: string }) {
  const [open, setOpen] = useState(false);
  return (
    <div className="section">
      <button type="button" className="button button-secondary" onClick={() => setOpen(true)}>
        New proposal from this one
      </button>
      {open && (
        <CreateFromDialog
          source={{ proposalId }}
          heading="New proposal from this one"
          initialTitle={`${title} (copy)`}
          onClose={() => setOpen(false)}
        />
      )}
    </div>
  );
}
