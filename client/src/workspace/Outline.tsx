import type { Readiness } from '@brieflock/schema';
import { DraftLine } from '../contract/ContractStatus';
import type { DraftActivity } from '../contract/events';
import type { ContractActions } from '../contract/useContract';
import { VersionTimeline } from '../contract/VersionTimeline';
import { SectionNav } from '../editor/SectionNav';
import { focusSection } from '../editor/labels';
import { OUTLINE_ID, useWorkspaceSheets } from './sheets';

/**
 * The left column: the sections with their readiness dots, and the versions below them.
 * A drawer on narrow screens, opened from the header.
 */
export function Outline({
  proposalId,
  readiness,
  contract,
  draft,
  currentUserId,
  canFreeze,
}: {
  proposalId: string;
  readiness: Readiness | null;
  contract: ContractActions;
  draft: DraftActivity | null;
  currentUserId: string;
  canFreeze: boolean;
}) {
  const { sheet, closeSheet } = useWorkspaceSheets();
  const open = sheet === 'outline';
  return (
    <aside
      id={OUTLINE_ID}
      className="ws-outline ws-sheet ws-sheet-left"
      data-open={String(open)}
      data-testid="outline"
      aria-labelledby={`${OUTLINE_ID}-title`}
      onKeyDown={(event) => {
        if (event.key === 'Escape' && open) {
          event.stopPropagation();
          closeSheet();
        }
      }}
    >
      <h2 id={`${OUTLINE_ID}-title`} className="visually-hidden">
        Outline and versions
      </h2>
      <div className="ws-sheet-bar">
        <p className="ws-sheet-title" aria-hidden="true">
          Outline
        </p>
        <button type="button" className="button button-ghost button-small ws-sheet-close" onClick={() => closeSheet()}>
          Close<span className="visually-hidden"> the outline</span>
        </button>
      </div>
      {readiness && (
        <SectionNav
          readiness={readiness}
          onSelect={(key) => {
            // The section takes the keyboard: the drawer closes without taking it back.
            if (open) closeSheet(false);
            focusSection(key);
          }}
        />
      )}
      <div className="ws-versions">
        {!canFreeze && (
          <p className="note" data-testid="viewer-contract-note">
            You are a viewer: you can read and compare versions, but only clients and freelancers freeze and sign them.
          </p>
        )}
        <p className="status-text" role="status" data-testid="contract-notice">
          {contract.notice}
        </p>
        <VersionTimeline
          proposalId={proposalId}
          state={contract.state}
          currentUserId={currentUserId}
          onSign={contract.openSign}
          onRetry={contract.reload}
        />
        <DraftLine draft={draft} />
      </div>
    </aside>
  );
}
