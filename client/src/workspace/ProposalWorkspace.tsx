import { Link } from '@tanstack/react-router';
import { Suspense, lazy, useEffect, useMemo, useState } from 'react';
import { canEditWithRole, colorForUser, type PresenceUser } from '@brieflock/schema';
import { useCurrentUser } from '../auth';
import { useCollabSession, useCollabStatus, useReadiness } from '../collab/hooks';
import type { CollabSession } from '../collab/session';
import { Spinner } from '../components/Spinner';
import { versionStatusText } from '../contract/ContractStatus';
import type { DraftActivity, EventsConnection } from '../contract/events';
import { useContract } from '../contract/useContract';
import { BriefSections, ConnectionAlerts, type LiveBriefReport } from '../editor/BriefEditor';
import { ReadinessPanel } from '../editor/ReadinessPanel';
import { focusSection } from '../editor/labels';
import type { ProposalQuery as ProposalQueryResult } from '../gql/graphql';
import { CommentsSidebar } from '../comments/CommentsSidebar';
import { CommentsContext, type CommentsScope, useThreads } from '../comments/editor-bindings';
import { useCommentsUi } from '../comments/store';
import { useReadinessFacts } from '../editor/readiness-facts';
import { SuggestingContext, type SuggestingState } from '../suggestions/SuggestingContext';
import { SuggestionsPanel } from '../suggestions/SuggestionsPanel';
import { SuggestingToggle } from '../suggestions/SuggestingToggle';
import { useOpenSuggestions } from '../suggestions/useSuggestions';
import { Outline } from './Outline';
import { SidePanel } from './SidePanel';
import { PANEL_DRAWER_QUERY, WorkspaceSheetsProvider, isNarrow, useWorkspaceSheets } from './sheets';
import { WorkspaceHeader } from './WorkspaceHeader';
import { ProposalActions } from '../manage/ProposalActions';
import { ArchivedNote } from '../manage/ArchivedNote';
import './workspace.css';

// Opened from the header on demand: the brief opens without it.
const ParticipantsDialog = lazy(() =>
  import('../participants/ParticipantsDialog').then((module) => ({ default: module.ParticipantsDialog })),
);

export type WorkspaceProposal = NonNullable<ProposalQueryResult['proposal']>;

export interface ProposalWorkspaceProps {
  proposal: WorkspaceProposal;
  connection: EventsConnection;
  draft: DraftActivity | null;
}

/**
 * The proposal page around its live brief: a sticky header with the status and the
 * actions, the outline and versions on the left, the sections in the middle and the
 * review panel (readiness, comments, suggestions) on the right. Lazy-loaded with the
 * editor: Tiptap and Yjs stay out of the first bundle.
 */
export default function ProposalWorkspace(props: ProposalWorkspaceProps) {
  const user = useCurrentUser();
  const { myRole, id } = props.proposal;
  const self = useMemo<PresenceUser>(
    () => ({ id: user.id, name: user.name.trim() || user.email, color: colorForUser(user.id), role: myRole }),
    [user.id, user.name, user.email, myRole],
  );
  const session = useCollabSession(id, self);
  if (!session) return <Spinner label="Opening the brief…" />;
  return (
    <WorkspaceSheetsProvider>
      <LiveWorkspace {...props} session={session} />
    </WorkspaceSheetsProvider>
  );
}

function LiveWorkspace({ proposal, connection, draft, session }: ProposalWorkspaceProps & { session: CollabSession }) {
  const user = useCurrentUser();
  const sheets = useWorkspaceSheets();
  const status = useCollabStatus(session);
  const readiness = useReadiness(session.doc, useReadinessFacts(proposal.id));
  const canEdit = canEditWithRole(proposal.myRole);
  const comments = useMemo<CommentsScope>(
    () => ({ proposalId: proposal.id, canComment: canEdit }),
    [proposal.id, canEdit],
  );
  const readOnly = !canEdit;
  const { open: openSuggestions } = useOpenSuggestions(proposal.id);
  const [suggestingOn, setSuggesting] = useState(false);
  const suggesting = canEdit && suggestingOn;
  const suggestingState = useMemo<SuggestingState>(
    () => ({ proposalId: proposal.id, userId: user.id, canEdit, suggesting, open: openSuggestions }),
    [proposal.id, user.id, canEdit, suggesting, openSuggestions],
  );
  // Refused for good (no access, removed, gone): whatever this device still holds is not shown.
  const hidden = status.refusal?.blocksEditing === true;
  const shown = status.ready && !hidden;
  const live = useMemo<LiveBriefReport | null>(
    () => (shown ? { readiness, synced: status.synced, saved: status.saved } : null),
    [shown, readiness, status.synced, status.saved],
  );
  // Only a client sets the order the next version is signed in.
  const orderable = useMemo(
    () =>
      proposal.myRole !== 'CLIENT'
        ? []
        : proposal.participants.flatMap((participant) =>
            participant.user && (participant.role === 'CLIENT' || participant.role === 'FREELANCER')
              ? [{ id: participant.user.id, name: participant.user.name.trim() || participant.user.email }]
              : [],
          ),
    [proposal.myRole, proposal.participants],
  );
  const contract = useContract({ proposalId: proposal.id, live, connection, signers: orderable });
  const [participantsOpen, setParticipantsOpen] = useState(false);
  const threads = useThreads(proposal.id);
  const openThreads = threads?.filter((thread) => thread.status === 'OPEN').length ?? 0;
  useRevealComments(proposal.id);
  // From a drawer, the section takes the keyboard: the drawer closes without taking it back.
  const goToSection = (key: string) => {
    if (sheets.sheet) sheets.closeSheet(false);
    focusSection(key);
  };

  return (
    <CommentsContext.Provider value={comments}>
      <SuggestingContext.Provider value={suggestingState}>
        <div className="workspace" data-sheet={sheets.sheet ?? 'none'} data-testid="workspace">
          <WorkspaceHeader
            proposalId={proposal.id}
            title={proposal.title}
            archived={proposal.archived}
            myRole={proposal.myRole}
            createdAt={proposal.createdAt}
            participantCount={proposal.participants.length}
            session={session}
            status={status}
            readOnly={readOnly}
            readiness={live?.readiness ?? null}
            connection={connection}
            contractStatus={contract.state.kind === 'ready' ? versionStatusText(contract.versions, user.id) : ''}
            onRefreshVersions={contract.reload}
            canFreeze={canEdit}
            nextNumber={contract.nextNumber}
            signable={contract.signable}
            onFreeze={contract.openFreeze}
            onSign={contract.openSign}
            onOpenParticipants={() => setParticipantsOpen(true)}
            actions={
              <>
                {contract.versions.some((version) => version.status === 'SIGNED') && (
                  <Link
                    to="/proposals/$id/engagement"
                    params={{ id: proposal.id }}
                    className="button button-secondary button-small"
                    data-testid="engagement-link"
                  >
                    Engagement
                  </Link>
                )}
                {proposal.myRole === 'CLIENT' && (
                  <ProposalActions proposalId={proposal.id} title={proposal.title} archived={proposal.archived} />
                )}
              </>
            }
          />

          <div className="ws-columns">
            <Outline
              proposalId={proposal.id}
              readiness={live?.readiness ?? null}
              contract={contract}
              draft={draft}
              currentUserId={user.id}
              canFreeze={canEdit}
            />

            <section className="ws-document brief" aria-labelledby="brief-heading" data-testid="brief">
              <h2 id="brief-heading" className="visually-hidden">
                The brief
              </h2>
              {proposal.archived && <ArchivedNote canRestore={proposal.myRole === 'CLIENT'} />}
              {!canEdit && (
                <p className="note brief-note" data-testid="viewer-note">
                  You are a viewer: you see the brief live as the others write it, but you cannot change it.
                </p>
              )}
              <ConnectionAlerts session={session} status={status} />
              {canEdit && <SuggestingToggle on={suggesting} onChange={setSuggesting} />}
              {hidden ? null : !status.ready ? (
                <Spinner label="Loading the brief…" />
              ) : (
                <BriefSections session={session} readiness={readiness} readOnly={readOnly} suggesting={suggesting} />
              )}
            </section>

            <SidePanel
              readiness={live ? <ReadinessPanel readiness={live.readiness} onSelectSection={goToSection} /> : undefined}
              comments={<CommentsSidebar proposalId={proposal.id} myRole={proposal.myRole} />}
              counts={{ comments: openThreads, suggestions: openSuggestions.length }}
              suggestions={<SuggestionsPanel proposalId={proposal.id} myRole={proposal.myRole} />}
            />
          </div>

          {sheets.sheet && (
            // A pointer's way out of a drawer; the keyboard's is Escape or the drawer's Close button.
            <div className="ws-backdrop" aria-hidden="true" onClick={() => sheets.closeSheet()} />
          )}

          {participantsOpen && (
            <Suspense fallback={null}>
              <ParticipantsDialog
                proposalId={proposal.id}
                participants={proposal.participants}
                currentUserId={user.id}
                canManage={proposal.myRole === 'CLIENT'}
                onClose={() => setParticipantsOpen(false)}
              />
            </Suspense>
          )}
          {contract.dialogs}
        </div>
      </SuggestingContext.Provider>
    </CommentsContext.Provider>
  );
}

/**
 * A comment started in the brief (its form is in the panel) or a highlight clicked there
 * brings the comments into view: on a narrow screen the drawer opens. The form takes the
 * keyboard itself, so the panel does not.
 */
function useRevealComments(proposalId: string): void {
  const [ui] = useCommentsUi(proposalId);
  const { showPanel } = useWorkspaceSheets();
  const pending = ui.pending !== null;
  const active = ui.activeThreadId;
  useEffect(() => {
    if (pending) showPanel('comments', { focus: false });
  }, [pending, showPanel]);
  useEffect(() => {
    if (active && isNarrow(PANEL_DRAWER_QUERY)) showPanel('comments', { focus: false });
  }, [active, showPanel]);
}
