import * as Y from 'yjs';
import type { TypedBriefContent } from '@brieflock/schema';
import type { VerificationReport } from '../../server/src/modules/contract/verify-proposal.js';
import type { TestApp } from './app.js';
import { completeBrief, writeBrief } from './brief.js';
import { connectPeer, synced } from './collab.js';
import { makeCast, type TestUser } from './factories.js';
import { verifyAddress } from './mail.js';
import type { GraphQLResult } from './graphql.js';
import { passkeyOf } from './passkeys.js';
import { waitFor } from './wait.js';

export const VERSION_FIELDS =
  'id number status contentHash chainHash previousHash note contentJson frozenBy { id } signatures { id signer { id } contentHash } signers { user { id } role signature { id } }';

export interface VersionView {
  id: string;
  number: number;
  status: string;
  contentHash: string;
  chainHash: string;
  previousHash: string | null;
  note: string | null;
  contentJson: TypedBriefContent;
  frozenBy: { id: string };
  signatures: { id: string; signer: { id: string }; contentHash: string }[];
  signers: { user: { id: string }; role: string; signature: { id: string } | null }[];
}

/**
 * Writes `brief` into a proposal's live document through a real collaboration socket
 * as `user`, and waits until the server stored it (the socket then leaves).
 */
export async function writeLiveBrief(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  brief: TypedBriefContent,
): Promise<void> {
  const peer = connectPeer(t.app.url, proposalId, user.token);
  try {
    await synced(peer);
    writeBrief(peer.doc, brief);
    await waitFor(() => peer.isSaved(), { what: 'the brief to be stored' });
  } finally {
    peer.destroy();
  }
}

/** freezeProposal as `user`. */
export function freeze(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  note: string | null = null,
): Promise<GraphQLResult<{ freezeProposal: VersionView }>> {
  return t.api.gql(
    `mutation($input: FreezeProposalInput!) { freezeProposal(input: $input) { ${VERSION_FIELDS} } }`,
    { input: { proposalId, note } },
    { token: user.token },
  );
}

/** freezeProposal that must succeed. */
export async function freezeOk(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  note: string | null = null,
): Promise<VersionView> {
  const result = await freeze(t, user, proposalId, note);
  if (!result.data?.freezeProposal) throw new Error(`freezeProposal failed: ${JSON.stringify(result.errors)}`);
  return result.data.freezeProposal;
}

const SIGN_VERSION =
  'mutation($input: SignVersionInput!) { signVersion(input: $input) { id contentHash signer { id } signedAt passkeyId } }';

type SignResult = GraphQLResult<{
  signVersion: { id: string; contentHash: string; signer: { id: string }; signedAt: string; passkeyId: string | null };
}>;

/** startVersionSigning as `user`: the request options, or the refusal as a signVersion result. */
export async function startSigning(t: TestApp, user: TestUser, versionId: string) {
  // Signing needs a proven address: the signer follows the verification link first.
  await verifyAddress(t, user);
  return t.api.gql<{ startVersionSigning: { challenge: string; rpId: string } }>(
    'mutation($versionId: ID!) { startVersionSigning(versionId: $versionId) }',
    { versionId },
    { token: user.token },
  );
}

/** signVersion as `user` with an assertion made elsewhere (or none). */
export function signWith(
  t: TestApp,
  user: TestUser,
  input: { versionId: string; contentHash: string; consentStatement?: string | null; assertion: unknown },
  headers: Record<string, string> = {},
): Promise<SignResult> {
  return t.api.gql(SIGN_VERSION, { input }, { token: user.token, headers });
}

/** A fresh assertion of `user`'s passkey for signing `versionId` (startVersionSigning must succeed). */
export async function freshAssertion(t: TestApp, user: TestUser, versionId: string) {
  const authenticator = await passkeyOf(t.api, user);
  const started = await startSigning(t, user, versionId);
  if (!started.data?.startVersionSigning)
    throw new Error(`startVersionSigning failed: ${JSON.stringify(started.errors)}`);
  return authenticator.assert(started.data.startVersionSigning);
}

/**
 * signVersion as `user`, the way the web client signs: the user's passkey (registered on
 * first use) answers startVersionSigning's options, and the assertion goes with the
 * hash. A refusal of startVersionSigning is returned as the result.
 */
export async function sign(
  t: TestApp,
  user: TestUser,
  versionId: string,
  contentHash: string,
  headers: Record<string, string> = {},
): Promise<SignResult> {
  const authenticator = await passkeyOf(t.api, user);
  const started = await startSigning(t, user, versionId);
  if (!started.data?.startVersionSigning) return started as unknown as SignResult;
  const assertion = authenticator.assert(started.data.startVersionSigning);
  return signWith(t, user, { versionId, contentHash, assertion }, headers);
}

/** A version as `user` sees it. */
export async function readVersion(t: TestApp, user: TestUser, versionId: string): Promise<VersionView> {
  const result = await t.api.gql<{ contractVersion: VersionView }>(
    `query($id: ID!) { contractVersion(id: $id) { ${VERSION_FIELDS} } }`,
    { id: versionId },
    { token: user.token },
  );
  if (!result.data?.contractVersion) throw new Error(`contractVersion failed: ${JSON.stringify(result.errors)}`);
  return result.data.contractVersion;
}

let revisions = 0;

/**
 * Changes the live brief a little (a new paragraph in the outcome), so the next freeze
 * has something new to freeze: a freeze identical to the previous version is refused.
 */
export async function reviseBrief(t: TestApp, user: TestUser, proposalId: string): Promise<void> {
  revisions += 1;
  const marker = `Revision ${revisions}.`;
  await editLiveBrief(t, user, proposalId, (doc) => {
    const paragraph = new Y.XmlElement('paragraph');
    paragraph.insert(0, [new Y.XmlText(marker)]);
    doc.getXmlFragment('outcome').push([paragraph]);
  });
}

/** A new cast (makeCast) whose live brief is `brief` (by default complete, so it can be frozen). */
export async function readyCast(t: TestApp, brief: TypedBriefContent = completeBrief()) {
  const cast = await makeCast(t.api);
  await writeLiveBrief(t, cast.client, cast.proposal.id, brief);
  return cast;
}

/**
 * Edits a proposal's live brief through a real collaboration socket as `user` (`edit`
 * gets the synced doc) and waits until the server stored the edit.
 */
export async function editLiveBrief(
  t: TestApp,
  user: TestUser,
  proposalId: string,
  edit: (doc: Y.Doc) => void,
): Promise<void> {
  const peer = connectPeer(t.app.url, proposalId, user.token);
  try {
    await synced(peer);
    peer.doc.transact(() => edit(peer.doc));
    await waitFor(() => peer.isSaved(), { what: 'the edit to be stored' });
  } finally {
    peer.destroy();
  }
}

/** What verifyProposal answers over GraphQL (the report without its proposal id). */
export type VerificationView = Omit<VerificationReport, 'proposalId'>;

const MISMATCH_FIELDS = 'kind id number field expected actual message';

/** verifyProposal as `user`. */
export function verify(
  t: TestApp,
  user: TestUser,
  proposalId: string,
): Promise<GraphQLResult<{ verifyProposal: VerificationView }>> {
  return t.api.gql(
    `query($id: ID!) { verifyProposal(id: $id) { ok versionsChecked signaturesChecked auditEventsChecked firstMismatch { ${MISMATCH_FIELDS} } mismatches { ${MISMATCH_FIELDS} } } }`,
    { id: proposalId },
    { token: user.token },
  );
}
