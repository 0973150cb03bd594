import { type ReactNode, Suspense, lazy, useCallback, useRef, useState } from 'react';
import type { LiveBriefReport } from '../editor/BriefEditor';
import type { EventsConnection } from './events';
import type { OrderableSigner } from './FreezeDialog';
import { type VersionSummary, type VersionsState, useVersions } from './useVersions';
import { versionHeadingId } from './VersionTimeline';
import './contract.css';

// Opened on demand: the brief opens without them (signing brings the WebAuthn helpers).
const FreezeDialog = lazy(() => import('./FreezeDialog').then((module) => ({ default: module.FreezeDialog })));
const SignDialog = lazy(() => import('./SignDialog').then((module) => ({ default: module.SignDialog })));

export interface ContractActions {
  state: VersionsState;
  versions: VersionSummary[];
  reload: () => void;
  /** The version this person may sign now, if any (the header offers Sign for it). */
  signable: VersionSummary | null;
  nextNumber: number;
  openFreeze: () => void;
  openSign: (version: VersionSummary) => void;
  /** What a freeze or signature did, while no live update confirms it. */
  notice: string;
  /** The freeze and sign dialogs, while one is open. */
  dialogs: ReactNode;
}

/** Freezing the brief into versions and signing them: the state behind the header's buttons. */
export function useContract({
  proposalId,
  live,
  connection,
  signers = [],
}: {
  proposalId: string;
  /** Who would sign the next freeze, when this person may set the order they sign in. */
  signers?: OrderableSigner[];
  /** The live brief's checks and save state; null until the editor has it. */
  live: LiveBriefReport | null;
  connection: EventsConnection;
}): ContractActions {
  const { state, reload } = useVersions(proposalId);
  const [freezing, setFreezing] = useState(false);
  const [signing, setSigning] = useState<string | null>(null);
  const [notice, setNotice] = useState('');
  const focusAfterSign = useRef<string | null>(null);

  const versions = state.kind === 'ready' ? state.versions : [];
  const latest = versions[0] ?? null;
  const awaiting = versions.find((version) => version.status === 'AWAITING_SIGNATURES') ?? null;
  const signable = versions.find((version) => version.canSign) ?? null;

  const openSign = useCallback((version: VersionSummary) => {
    setNotice('');
    setSigning(version.id);
  }, []);
  const openFreeze = useCallback(() => {
    setNotice('');
    setFreezing(true);
  }, []);

  // Without live updates nothing else would confirm it; with them, the toast does.
  const confirm = (message: string) => setNotice(connection === 'connected' ? '' : message);

  const dialogs = (
    <Suspense fallback={null}>
      {freezing && (
        <FreezeDialog
          proposalId={proposalId}
          signers={signers}
          nextNumber={(latest?.number ?? 0) + 1}
          awaitingNumber={awaiting?.number ?? null}
          readiness={live?.readiness ?? null}
          unsaved={live !== null && !live.saved}
          onClose={() => setFreezing(false)}
          onFrozen={(version) => {
            setFreezing(false);
            // The cache marks the versions stale; the timeline refetches them.
            confirm(`Version ${version.number} frozen.`);
          }}
        />
      )}
      {signing && (
        <SignDialog
          versionId={signing}
          onClose={() => setSigning(null)}
          onSigned={(version) => {
            // The Sign button goes once the list reloads; the row's heading keeps the keyboard nearby.
            focusAfterSign.current = version.id;
            setSigning(null);
            confirm(`You signed version ${version.number}.`);
          }}
          onConflict={reload}
          restoreFocus={() => {
            const id = focusAfterSign.current;
            focusAfterSign.current = null;
            const heading = id ? document.getElementById(versionHeadingId(id)) : null;
            // A heading inside a closed drawer cannot take focus: the opener gets it back instead.
            return heading && heading.offsetParent !== null ? heading : null;
          }}
        />
      )}
    </Suspense>
  );

  return {
    state,
    versions,
    reload,
    signable,
    nextNumber: (latest?.number ?? 0) + 1,
    openFreeze,
    openSign,
    notice,
    dialogs,
  };
}
