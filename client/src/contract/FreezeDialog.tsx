import type { FreezeProposalMutation as FreezeProposalResult } from '../gql/graphql';
import { useId, useRef, useState, type FormEvent } from 'react';
import { CONTRACT_LIMITS, ErrorCode, emptyBrief, evaluateReadiness, type Readiness } from '@brieflock/schema';
import { useMutation } from 'urql';
import { ApiError, dataOrThrow, errorMessage } from '../api';
import { FreezeProposalMutation } from '../operations/contract';
import { ErrorAlert } from '../components/ErrorAlert';
import { Dialog } from '../components/Dialog';
import { TextAreaField } from '../components/TextField';

/** What the dialog reports of the version it froze. */
export type FrozenResult = Pick<FreezeProposalResult['freezeProposal'], 'id' | 'number'>;

type Failure =
  | { kind: 'notReady'; checks: { key: string; message: string }[]; message: string }
  | { kind: 'other'; message: string };

/** Every blocker fails on an empty brief, so this gives each one's general advice. */
let generalAdvice: Readiness | null = null;
function adviceFor(key: string): string | null {
  generalAdvice ??= evaluateReadiness(emptyBrief());
  const check = generalAdvice.checks.find((candidate) => candidate.key === key);
  return check && !check.passed ? check.message : null;
}

/** BRIEF_NOT_READY names check keys; the live checks say what each one needs. */
function describeFailure(error: unknown, readiness: Readiness | null): Failure {
  if (!(error instanceof ApiError) || error.code !== ErrorCode.BRIEF_NOT_READY)
    return { kind: 'other', message: errorMessage(error) };
  const keys = Array.isArray(error.details.checks)
    ? error.details.checks.filter((key): key is string => typeof key === 'string')
    : [];
  const checks = keys.map((key) => {
    const live = readiness?.checks.find((check) => check.key === key);
    if (live && !live.passed) return { key, message: live.message };
    // Passing here but failing on the server: an edit has not arrived there (or left here) yet.
    return { key, message: adviceFor(key) ?? `The check “${key}” is not met on the server.` };
  });
  return { kind: 'notReady', checks, message: error.message };
}

/** A required signer of the next freeze, as the signing-order control lists them. */
export interface OrderableSigner {
  id: string;
  name: string;
}

/**
 * The signing order the picked group numbers make (groups 1..n, empty ones dropped);
 * null when everyone is in one group (any order).
 */
export function signingOrderOf(signers: OrderableSigner[], groups: Record<string, number>): string[][] | null {
  const used = [...new Set(signers.map((signer) => groups[signer.id] ?? 1))].sort((a, b) => a - b);
  if (used.length <= 1) return null;
  return used.map((group) => signers.filter((signer) => (groups[signer.id] ?? 1) === group).map((signer) => signer.id));
}

export function FreezeDialog({
  proposalId,
  signers = [],
  nextNumber,
  awaitingNumber,
  readiness,
  unsaved,
  onClose,
  onFrozen,
}: {
  proposalId: string;
  /** With two or more, a client may set the order they sign in (CLIENT only; empty otherwise). */
  signers?: OrderableSigner[];
  nextNumber: number;
  /** A version still awaiting signatures, which this freeze supersedes. */
  awaitingNumber: number | null;
  readiness: Readiness | null;
  /** Edits from this device the server may not hold yet. */
  unsaved: boolean;
  onClose: () => void;
  onFrozen: (version: FrozenResult) => void;
}) {
  const id = useId();
  const [note, setNote] = useState('');
  const [groups, setGroups] = useState<Record<string, number>>({});
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<Failure | null>(null);
  const [, executeFreeze] = useMutation(FreezeProposalMutation);
  const max = CONTRACT_LIMITS.noteMaxLength;
  // The answer arrives after further edits may have changed the checks: explain with the latest.
  const latestReadiness = useRef(readiness);
  latestReadiness.current = readiness;

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(null);
    try {
      const trimmed = note.trim();
      const data = dataOrThrow(
        await executeFreeze({
          proposalId,
          note: trimmed === '' ? null : trimmed,
          signingOrder: signingOrderOf(signers, groups),
        }),
      );
      onFrozen(data.freezeProposal);
    } catch (error) {
      setFailure(describeFailure(error, latestReadiness.current));
      setBusy(false);
    }
  }

  return (
    <Dialog labelledBy={`${id}-title`} describedBy={`${id}-intro`} testId="freeze-dialog" busy={busy} onClose={onClose}>
      <form className="dialog-body" onSubmit={submit} noValidate>
        <h2 id={`${id}-title`} className="dialog-title">
          Freeze version {nextNumber}
        </h2>
        <p id={`${id}-intro`} className="dialog-text">
          The brief as the server holds it now becomes version {nextNumber}: numbered, hashed and chained to the
          versions before it. Nobody can change it afterwards; every client and freelancer then signs it.
        </p>
        {awaitingNumber !== null && (
          <p className="alert alert-warning" data-testid="freeze-supersedes">
            Version {awaitingNumber} still awaits signatures. Freezing supersedes it: it can no longer be signed.
          </p>
        )}
        {unsaved && (
          <p className="alert alert-warning" data-testid="freeze-unsaved">
            Some of your edits have not reached the server yet. Wait until the brief shows them saved, or they will not
            be in this version.
          </p>
        )}
        <TextAreaField
          id={`${id}-note`}
          label="Note"
          value={note}
          maxLength={max}
          rows={3}
          onChange={(event) => setNote(event.target.value)}
          disabled={busy}
          hint={
            <>
              Optional: why this version, e.g. “Scope agreed on the call”. {note.length}/{max} characters.
            </>
          }
        />
        {signers.length > 1 && (
          <fieldset className="signing-order-fields" data-testid="signing-order-fields" disabled={busy}>
            <legend>Signing order</legend>
            <p className="hint">
              Signers in group 1 sign first, then group 2, and so on; everyone in a group signs in any order. Leave
              everyone in group 1 to sign in any order.
            </p>
            {signers.map((signer) => (
              <label key={signer.id} className="signing-order-row">
                <span>{signer.name}</span>
                <select
                  data-testid={`signing-group-${signer.id}`}
                  value={groups[signer.id] ?? 1}
                  onChange={(event) => setGroups({ ...groups, [signer.id]: Number(event.target.value) })}
                >
                  {signers.map((member, index) => (
                    <option key={member.id} value={index + 1}>
                      Group {index + 1}
                    </option>
                  ))}
                </select>
              </label>
            ))}
          </fieldset>
        )}
        {failure?.kind === 'notReady' && (
          <div className="alert alert-error" role="alert" data-testid="freeze-error" data-code="BRIEF_NOT_READY">
            <div className="stack-tight">
              <p className="alert-title">The server found the brief not ready to freeze:</p>
              {failure.checks.length > 0 ? (
                <ul className="blocker-list">
                  {failure.checks.map((check) => (
                    <li key={check.key} data-check={check.key}>
                      {check.message}
                    </li>
                  ))}
                </ul>
              ) : (
                <p>{failure.message}</p>
              )}
            </div>
          </div>
        )}
        {failure?.kind === 'other' && (
          <div data-testid="freeze-error">
            <ErrorAlert message={failure.message} />
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={busy}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={busy} aria-busy={busy}>
            {busy ? 'Freezing…' : 'Freeze'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
