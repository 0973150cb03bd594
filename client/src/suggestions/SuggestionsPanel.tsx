import { useState } from 'react';
import { canEditWithRole, type ParticipantRole } from '@brieflock/schema';
import { errorMessage } from '../api';
import { useCurrentUser } from '../auth';
import { DateTime } from '../components/DateTime';
import { sectionDomId, sectionTitle } from '../editor/labels';
import { firstName, type Suggestion, useOpenSuggestions, useSuggestionActions } from './useSuggestions';
import './suggestions.css';

/**
 * Every open suggestion of a proposal, structured and rich-text, with what it changes and
 * who made it. Clients and freelancers accept or reject each one, or all of one person's
 * at once; the author withdraws their own. Self-contained: it reads and refreshes its
 * own data.
 */
export function SuggestionsPanel({ proposalId, myRole }: { proposalId: string; myRole: ParticipantRole }) {
  const user = useCurrentUser();
  const { open, loaded } = useOpenSuggestions(proposalId);
  const actions = useSuggestionActions(proposalId);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canDecide = canEditWithRole(myRole);
  const run = async (action: () => Promise<void>) => {
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (failure) {
      setError(errorMessage(failure));
    } finally {
      setBusy(false);
    }
  };
  const authors = [...new Map(open.map((s) => [s.author.id, s.author])).values()].filter((a) => a.id !== user.id);

  return (
    // The readiness check suggestions-settled links here.
    <div id={sectionDomId('suggestions')} tabIndex={-1} className="suggestions-panel" data-testid="suggestions-panel">
      <h3 className="side-panel-part-title">Suggestions{open.length > 0 ? ` (${open.length} open)` : ''}</h3>
      {!loaded ? null : open.length === 0 ? (
        <p className="note">
          No suggestions yet. Turn on Suggesting above the brief to propose a change for the others to decide.
        </p>
      ) : (
        <>
          {canDecide && authors.length > 0 && (
            <div className="suggestions-bulk">
              {authors.map((author) => (
                <span key={author.id} className="suggestions-bulk-author">
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    disabled={busy}
                    onClick={() => run(() => actions.acceptAllBy(author.id))}
                  >
                    Accept all from {firstName(author)}
                  </button>
                  <button
                    type="button"
                    className="button button-small button-secondary"
                    disabled={busy}
                    onClick={() => run(() => actions.rejectAllBy(author.id))}
                  >
                    Reject all from {firstName(author)}
                  </button>
                </span>
              ))}
            </div>
          )}
          <ul className="suggestions-list">
            {open.map((suggestion) => (
              <SuggestionItem
                key={suggestion.id}
                suggestion={suggestion}
                mine={suggestion.author.id === user.id}
                canDecide={canDecide}
                busy={busy}
                onAccept={() => run(() => actions.accept(suggestion.id))}
                onReject={() => run(() => actions.reject(suggestion.id))}
                onWithdraw={() => run(() => actions.withdraw(suggestion.id))}
              />
            ))}
          </ul>
        </>
      )}
      {error && (
        <p className="alert alert-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function SuggestionItem(props: {
  suggestion: Suggestion;
  mine: boolean;
  canDecide: boolean;
  busy: boolean;
  onAccept: () => void;
  onReject: () => void;
  onWithdraw: () => void;
}) {
  const { suggestion, mine, canDecide, busy } = props;
  return (
    <li
      className="suggestion-item"
      data-testid="suggestion-item"
      data-suggestion-id={suggestion.id}
      data-kind={suggestion.kind}
    >
      <p className="suggestion-summary">
        <span className="suggestion-section">{sectionTitle(suggestion.section)}</span> {suggestion.summary}
      </p>
      <p className="suggestion-meta">
        {mine ? 'You' : suggestion.author.name} · <DateTime iso={suggestion.createdAt} />
      </p>
      {canDecide && (
        <div className="suggestion-actions">
          {mine ? (
            <DecideButton verb="Withdraw" summary={suggestion.summary} busy={busy} onClick={props.onWithdraw} />
          ) : (
            <>
              <DecideButton verb="Accept" summary={suggestion.summary} busy={busy} onClick={props.onAccept} primary />
              <DecideButton verb="Reject" summary={suggestion.summary} busy={busy} onClick={props.onReject} />
            </>
          )}
        </div>
      )}
    </li>
  );
}

/** Accept, Reject or Withdraw one suggestion, named with its summary for screen readers. */
function DecideButton({
  verb,
  summary,
  busy,
  onClick,
  primary = false,
}: {
  verb: string;
  summary: string;
  busy: boolean;
  onClick: () => void;
  primary?: boolean;
}) {
  return (
    <button
      type="button"
      className={`button button-small ${primary ? 'button-primary' : 'button-secondary'}`}
      disabled={busy}
      onClick={onClick}
      aria-label={`${verb}: ${summary}`}
    >
      {verb}
    </button>
  );
}
