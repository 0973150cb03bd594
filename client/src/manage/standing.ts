import type { ParticipantRole } from '@brieflock/schema';

/** What a proposal card needs of its versions (newest first, as the API lists them). */
export interface StandingVersion {
  number: number;
  status: string;
  /** The viewer is a required signer who has not signed yet. */
  canSign: boolean;
}

export type StandingKind = 'DRAFTING' | 'AWAITING_YOU' | 'AWAITING_OTHERS' | 'SIGNED';

export interface Standing {
  kind: StandingKind;
  /** Where the proposal stands, as the card's badge says it. */
  label: string;
  /** What the viewer must do next, or that nothing is asked of them. */
  todo: string;
}

const LABELS: Record<StandingKind, string> = {
  DRAFTING: 'Drafting',
  AWAITING_YOU: 'Awaiting your signature',
  AWAITING_OTHERS: 'Awaiting others',
  SIGNED: 'Signed',
};

/**
 * Where a proposal stands for the viewer: its newest version decides. A version
 * awaiting signatures awaits the viewer while they still have to sign it; a superseded
 * or declined newest version leaves the brief in drafting.
 */
export function standingOf(versions: readonly StandingVersion[], myRole: ParticipantRole): Standing {
  const newest = versions.reduce<StandingVersion | null>(
    (best, version) => (!best || version.number > best.number ? version : best),
    null,
  );
  const editor = myRole !== 'VIEWER';
  if (newest?.status === 'SIGNED')
    return { kind: 'SIGNED', label: LABELS.SIGNED, todo: `Version ${newest.number} is signed by everyone.` };
  if (newest?.status === 'AWAITING_SIGNATURES') {
    if (newest.canSign)
      return { kind: 'AWAITING_YOU', label: LABELS.AWAITING_YOU, todo: `Review and sign version ${newest.number}.` };
    return {
      kind: 'AWAITING_OTHERS',
      label: LABELS.AWAITING_OTHERS,
      todo: `Waiting for the others to sign version ${newest.number}.`,
    };
  }
  return {
    kind: 'DRAFTING',
    label: LABELS.DRAFTING,
    todo: editor
      ? 'Work on the brief, then freeze it for signature.'
      : 'Nothing for you to do while the brief is drafted.',
  };
}
