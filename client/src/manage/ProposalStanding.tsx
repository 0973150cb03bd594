import type { ProposalSummaryFieldsFragment as ProposalSummary } from '../gql/graphql';
import { standingOf } from './standing';
import './manage.css';

/** Where a proposal stands and what the viewer must do, on its card. */
export function ProposalStanding({ proposal }: { proposal: ProposalSummary }) {
  const standing = standingOf(proposal.versions, proposal.myRole);
  return (
    <p className="proposal-standing" data-testid="proposal-standing" data-standing={standing.kind}>
      <span className={`badge badge-standing-${standing.kind.toLowerCase()}`}>{standing.label}</span>
      <span className="muted">{standing.todo}</span>
    </p>
  );
}

/** Switches the list between the proposals in play and the archived ones. */
export function ArchiveSwitch({ archived, onChange }: { archived: boolean; onChange: (archived: boolean) => void }) {
  return (
    <div className="list-tabs">
      <button
        type="button"
        className={archived ? 'button button-secondary button-small' : 'button button-primary button-small'}
        aria-pressed={!archived}
        onClick={() => onChange(false)}
      >
        Active
      </button>
      <button
        type="button"
        className={archived ? 'button button-primary button-small' : 'button button-secondary button-small'}
        aria-pressed={archived}
        onClick={() => onChange(true)}
      >
        Archived
      </button>
    </div>
  );
}
