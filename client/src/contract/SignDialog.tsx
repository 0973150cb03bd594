import { useEffect, useId, useMemo, useRef, useState, type FormEvent } from 'react';
import { ErrorCode } from '@brieflock/schema';
import { useClient, useMutation, useQuery } from 'urql';
import { ApiError, dataOrThrow, errorMessage } from '../api';
import { useCurrentUser } from '../auth';
import { Link } from '@tanstack/react-router';
import { ErrorAlert } from '../components/ErrorAlert';
import { Spinner } from '../components/Spinner';
import { Dialog } from '../components/Dialog';
import { TextField } from '../components/TextField';
import { Hash, HashRow } from './Hash';
import { recomputeContentHash } from './json';
import { STATUS_LABELS } from './labels';
import type { VersionFieldsFragment as ContractVersion } from '../gql/graphql';
import { SignVersionMutation, SignableVersionQuery } from '../operations/contract';
import { StartVersionSigningMutation } from '../operations/passkeys';
import { assertWithPasskey, createPasskey, webauthnMessage } from '../passkeys/webauthn';
import { ResendVerificationButton } from '../recovery/ResendVerificationButton';

/** Signing binds the signer's address into the evidence: it must be proven first. */
const EMAIL_NOT_VERIFIED_MESSAGE =
  'confirm your e-mail address first. Follow the link we sent you by e-mail, or send a new one.';

const normaliseName = (name: string) => name.trim().toLowerCase();

/** Why the signed-in person cannot sign this version, if they cannot. */
function cannotSignReason(version: ContractVersion, userId: string): string | null {
  if (version.canSign) return null;
  if (version.signers.some((signer) => signer.user.id === userId && signer.signature))
    return `You have already signed version ${version.number}.`;
  if (version.status === 'SUPERSEDED')
    return `Version ${version.number} was superseded by a newer version and can no longer be signed.`;
  if (version.status !== 'AWAITING_SIGNATURES')
    return `Version ${version.number} is ${STATUS_LABELS[version.status].toLowerCase()}; it no longer awaits signatures.`;
  return `You are not one of the people who sign version ${version.number}.`;
}

/**
 * Signing one exact version: the dialog loads it, recomputes its content hash from the
 * content it received and refuses when that differs from the hash the server states;
 * the person confirms by typing their name, and the hash they saw is what is signed —
 * with their passkey, whose signature covers the version, its hash and the consent
 * statement. Someone without a passkey creates one here, without losing what they typed.
 */
export function SignDialog({
  versionId,
  onClose,
  onSigned,
  onConflict,
  restoreFocus,
}: {
  versionId: string;
  onClose: () => void;
  onSigned: (version: { id: string; number: number }) => void;
  /** The version changed under us (superseded, signed out of turn): the list is stale. */
  onConflict: () => void;
  restoreFocus?: () => HTMLElement | null;
}) {
  const id = useId();
  const user = useCurrentUser();
  // Always from the server: what is signed must be what the server holds now, hashed here.
  const [load, reexecute] = useQuery({
    query: SignableVersionQuery,
    variables: { id: versionId },
    requestPolicy: 'network-only',
  });
  const [, executeSign] = useMutation(SignVersionMutation);
  const [, executeStartSigning] = useMutation(StartVersionSigningMutation);
  const client = useClient();
  const [needsPasskey, setNeedsPasskey] = useState(false);
  const [typed, setTyped] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<{ message: string; conflict: boolean; unverified?: boolean } | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const reasonRef = useRef<HTMLParagraphElement>(null);
  const formRef = useRef<HTMLFormElement>(null);

  const version: ContractVersion | null = load.data?.contractVersion ?? null;
  const loadError = version
    ? null
    : load.error
      ? errorMessage(load.error)
      : load.data && !load.fetching
        ? 'This version no longer exists.'
        : null;
  const recomputed = useMemo(() => (version ? recomputeContentHash(version.contentJson) : null), [version]);
  const expectedName = user.name.trim() || user.email;

  const hashMatches = version !== null && recomputed !== null && recomputed === version.contentHash;
  // The statement is what the person agrees to; it must name the hash they are shown.
  const statementMatches = version?.consentStatement.includes(version.contentHash) ?? false;
  const reason = version ? cannotSignReason(version, user.id) : null;
  const nameMatches = normaliseName(typed) !== '' && normaliseName(typed) === normaliseName(expectedName);
  const canSubmit = version !== null && hashMatches && statementMatches && reason === null && nameMatches && !busy;
  // A refused signature whose version changed meanwhile (e.g. superseded) is said once: the
  // error names why (the version's own reason, once reloaded), the reason line stays away.
  const conflict = error?.conflict === true;
  const errorText = error
    ? conflict
      ? `Not signed: ${reason ?? error.message}`
      : `Could not sign: ${error.message}`
    : null;

  // The dialog scrolls on small screens; the answer to pressing Sign must be in view, and
  // it takes the keyboard (Sign was disabled while it ran), so the keyboard stays in the
  // dialog and a screen reader reads the answer.
  useEffect(() => {
    if (!error) return;
    errorRef.current?.scrollIntoView({ block: 'nearest' });
    errorRef.current?.focus({ preventScroll: true });
  }, [error]);

  // The version changed while the dialog is open (superseded, signed elsewhere): the name
  // field and Sign turn off, and a keyboard that was on them goes to the reason instead.
  useEffect(() => {
    if (!reason) return;
    const active = document.activeElement;
    const lost =
      !active ||
      active === document.body ||
      !formRef.current?.contains(active) ||
      (active as HTMLButtonElement | HTMLInputElement).disabled === true;
    if (lost) reasonRef.current?.focus({ preventScroll: true });
  }, [reason]);

  /** startVersionSigning → the passkey → signVersion with the assertion. */
  async function signWithPasskey(current: ContractVersion, contentHash: string) {
    const started = dataOrThrow(await executeStartSigning({ versionId: current.id }));
    const assertion = await assertWithPasskey(started.startVersionSigning);
    dataOrThrow(
      await executeSign({
        versionId: current.id,
        contentHash,
        consentStatement: current.consentStatement,
        assertion,
      }),
    );
  }

  async function run(action: () => Promise<void>) {
    if (!canSubmit || !version || recomputed === null) return;
    setBusy(true);
    setError(null);
    try {
      await action();
      // The hash recomputed here (equal to the one displayed) is the one signed.
      await signWithPasskey(version, recomputed);
      onSigned({ id: version.id, number: version.number });
    } catch (caught) {
      setBusy(false);
      if (caught instanceof ApiError && caught.details.reason === 'PASSKEY_REQUIRED') {
        setNeedsPasskey(true);
        return;
      }
      if (caught instanceof ApiError && caught.details.reason === 'EMAIL_NOT_VERIFIED') {
        setError({ message: EMAIL_NOT_VERIFIED_MESSAGE, conflict: false, unverified: true });
        return;
      }
      const fromAuthenticator = webauthnMessage(caught);
      if (fromAuthenticator) {
        setError({ message: fromAuthenticator, conflict: false });
        return;
      }
      const conflict = caught instanceof ApiError && caught.code === ErrorCode.CONFLICT;
      setError({ message: errorMessage(caught), conflict });
      if (conflict) {
        // Show the version as it is now (e.g. superseded), and let the list catch up.
        reexecute({ requestPolicy: 'network-only' });
        onConflict();
      }
    }
  }

  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => undefined);
  }

  /** Creates the account's first passkey, then signs with it. */
  function createAndSign() {
    void run(async () => {
      await createPasskey(client, null);
      setNeedsPasskey(false);
    });
  }

  const title = version ? `Sign version ${version.number}` : 'Sign version';
  return (
    <Dialog
      labelledBy={`${id}-title`}
      testId="sign-dialog"
      busy={busy}
      onClose={onClose}
      restoreFocus={restoreFocus}
      className="dialog-wide"
    >
      <form ref={formRef} className="dialog-body" onSubmit={submit} noValidate data-version-id={versionId}>
        <h2 id={`${id}-title`} className="dialog-title">
          {title}
        </h2>
        {!version && !loadError && <Spinner label="Loading the version…" />}
        {loadError && <ErrorAlert message={`Could not load the version: ${loadError}`} />}
        {version && (
          <>
            <p className="dialog-text">
              You sign version <strong data-testid="sign-version-number">{version.number}</strong> exactly as frozen.{' '}
              <Link
                to="/proposals/$id/versions/$versionId"
                params={{ id: version.proposalId, versionId: version.id }}
                target="_blank"
                rel="noopener"
              >
                Read version {version.number}
                <span className="visually-hidden"> (opens in a new tab)</span>
              </Link>{' '}
              before you sign.
            </p>
            <dl className="hash-facts">
              <HashRow label="Content hash">
                <Hash value={version.contentHash} testId="sign-content-hash" />
              </HashRow>
              <HashRow label="Recomputed in your browser">
                {recomputed ? (
                  <Hash value={recomputed} testId="sign-recomputed-hash" />
                ) : (
                  <span>The content is not valid JSON.</span>
                )}
              </HashRow>
            </dl>
            {hashMatches ? (
              <p className="hash-check is-ok" data-testid="sign-hash-ok">
                <span aria-hidden="true">✓ </span>The content you received hashes to the content hash.
              </p>
            ) : (
              <div className="alert alert-error" role="alert" data-testid="hash-mismatch">
                <div className="stack-tight">
                  <p className="alert-title">Signing refused: the content does not match its hash.</p>
                  <p>
                    The content received for version {version.number} hashes to something other than the content hash
                    the server states, so what you would sign is not what you would be shown. Do not sign; reload the
                    page and tell the other parties.
                  </p>
                </div>
              </div>
            )}
            {hashMatches && !statementMatches && (
              <div className="alert alert-error" role="alert" data-testid="consent-mismatch">
                <p>Signing refused: the consent statement does not name this version’s content hash.</p>
              </div>
            )}
            <figure className="consent">
              <figcaption className="consent-caption">By signing you state:</figcaption>
              <blockquote className="consent-statement" data-testid="consent-statement">
                {version.consentStatement}
              </blockquote>
            </figure>
            {reason && !conflict && (
              <p ref={reasonRef} className="alert alert-warning" data-testid="cannot-sign" tabIndex={-1}>
                {reason}
              </p>
            )}
            <TextField
              id={`${id}-name`}
              label="Type your full name to sign"
              value={typed}
              onChange={(event) => setTyped(event.target.value)}
              autoComplete="off"
              spellCheck={false}
              disabled={busy || !hashMatches || !statementMatches || reason !== null}
              data-testid="sign-name-input"
              hint={
                <>
                  Type <strong translate="no">{expectedName}</strong> as it appears on your account; capitals do not
                  matter.
                </>
              }
            />
          </>
        )}
        {needsPasskey && !error && (
          <div className="alert alert-warning stack-tight" data-testid="sign-needs-passkey">
            <p className="alert-title">Signing needs a passkey.</p>
            <p>
              A passkey on this device signs the version so that no one else — not even this service — can sign in your
              name. Create one now; what you typed stays.
            </p>
            <button
              type="button"
              className="button button-secondary"
              onClick={createAndSign}
              disabled={!canSubmit}
              data-testid="sign-create-passkey"
            >
              Create a passkey and sign
            </button>
          </div>
        )}
        {error && (
          <div ref={errorRef} data-testid="sign-error" data-conflict={String(error.conflict)} tabIndex={-1}>
            <ErrorAlert message={errorText} />
            {error.unverified && <ResendVerificationButton label="Send the link again" />}
          </div>
        )}
        <div className="dialog-actions">
          <button type="button" className="button button-secondary" onClick={onClose} disabled={busy}>
            {error?.conflict ? 'Close' : 'Cancel'}
          </button>
          <button
            type="submit"
            className="button button-primary"
            disabled={!canSubmit}
            aria-busy={busy}
            data-testid="sign-submit"
          >
            {busy ? 'Signing…' : 'Sign with passkey'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
