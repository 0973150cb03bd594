/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Me {\n    me {\n      ...AccountFields\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n": typeof types.SignUpDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": typeof types.SignOutDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n": typeof types.SignOutEverywhereDocument,
    "\n  query MyBench($skill: String) {\n    myBench(skill: $skill) {\n      freelancer {\n        id\n        name\n        email\n      }\n      engagements\n      milestonesAccepted\n      acceptedOnTime\n      revisionsUsed\n      revisionsBudgeted\n      metricsMet\n      metricsMeasured\n      trialScores\n      reviews {\n        id\n        wouldHireAgain\n        communication\n        note\n        answer\n        createdAt\n      }\n      proposals {\n        id\n        title\n      }\n      evidence {\n        kind\n        proposalId\n        versionId\n        milestoneId\n        submissionId\n        label\n        met\n      }\n    }\n  }\n": typeof types.MyBenchDocument,
    "\n  fragment CommentFields on Comment {\n    id\n    threadId\n    body\n    createdAt\n    editedAt\n    author {\n      ...UserFields\n    }\n    mentions {\n      id\n    }\n  }\n": typeof types.CommentFieldsFragmentDoc,
    "\n  fragment CommentThreadFields on CommentThread {\n    id\n    proposalId\n    status\n    createdAt\n    lastActivityAt\n    resolvedAt\n    resolvedBy {\n      ...UserFields\n    }\n    anchor {\n      section\n      itemId\n      field\n      from\n      to\n      quote\n    }\n    comments {\n      ...CommentFields\n    }\n  }\n": typeof types.CommentThreadFieldsFragmentDoc,
    "\n  query ProposalThreads($id: ID!) {\n    proposal(id: $id) {\n      id\n      threads {\n        ...CommentThreadFields\n      }\n    }\n  }\n": typeof types.ProposalThreadsDocument,
    "\n  fragment KeptThreadFields on CommentThread {\n    threadId: id\n    proposalId\n    status\n    createdAt\n    lastActivityAt\n    resolvedAt\n    resolvedBy {\n      ...UserFields\n    }\n    anchor {\n      section\n      itemId\n      field\n      from\n      to\n      quote\n    }\n    comments {\n      commentId: id\n      body\n      createdAt\n      editedAt\n      author {\n        ...UserFields\n      }\n      mentions {\n        id\n      }\n    }\n  }\n": typeof types.KeptThreadFieldsFragmentDoc,
    "\n  query VersionThreads($id: ID!) {\n    contractVersion(id: $id) {\n      id\n      threads {\n        ...KeptThreadFields\n      }\n    }\n  }\n": typeof types.VersionThreadsDocument,
    "\n  mutation StartThread($input: StartThreadInput!) {\n    startThread(input: $input) {\n      ...CommentThreadFields\n    }\n  }\n": typeof types.StartThreadDocument,
    "\n  mutation ReplyToThread($input: ReplyInput!) {\n    replyToThread(input: $input) {\n      ...CommentFields\n    }\n  }\n": typeof types.ReplyToThreadDocument,
    "\n  mutation EditComment($input: EditCommentInput!) {\n    editComment(input: $input) {\n      ...CommentFields\n    }\n  }\n": typeof types.EditCommentDocument,
    "\n  mutation DeleteComment($commentId: ID!) {\n    deleteComment(commentId: $commentId)\n  }\n": typeof types.DeleteCommentDocument,
    "\n  mutation ResolveThread($threadId: ID!) {\n    resolveThread(threadId: $threadId) {\n      ...CommentThreadFields\n    }\n  }\n": typeof types.ResolveThreadDocument,
    "\n  mutation ReopenThread($threadId: ID!) {\n    reopenThread(threadId: $threadId) {\n      ...CommentThreadFields\n    }\n  }\n": typeof types.ReopenThreadDocument,
    "\n  query ProposalVersions($id: ID!) {\n    proposal(id: $id) {\n      id\n      versions {\n        ...VersionSummaryFields\n      }\n    }\n  }\n": typeof types.ProposalVersionsDocument,
    "\n  query VersionPage($proposalId: ID!, $versionId: ID!) {\n    proposal(id: $proposalId) {\n      id\n      title\n      myRole\n      versions {\n        id\n        number\n      }\n    }\n    contractVersion(id: $versionId) {\n      ...VersionFields\n      amends {\n        id\n        number\n      }\n    }\n  }\n": typeof types.VersionPageDocument,
    "\n  query SignableVersion($id: ID!) {\n    contractVersion(id: $id) {\n      ...VersionFields\n    }\n  }\n": typeof types.SignableVersionDocument,
    "\n  mutation SignVersion($versionId: ID!, $contentHash: String!, $consentStatement: String!, $assertion: JSON!) {\n    signVersion(\n      input: { versionId: $versionId, contentHash: $contentHash, consentStatement: $consentStatement, assertion: $assertion }\n    ) {\n      id\n      contentHash\n      signedAt\n      passkeyId\n    }\n  }\n": typeof types.SignVersionDocument,
    "\n  mutation RemindSigners($versionId: ID!) {\n    remindSigners(versionId: $versionId)\n  }\n": typeof types.RemindSignersDocument,
    "\n  mutation FreezeProposal($proposalId: ID!, $note: String, $signingOrder: [[ID!]!]) {\n    freezeProposal(input: { proposalId: $proposalId, note: $note, signingOrder: $signingOrder }) {\n      id\n      number\n      status\n    }\n  }\n": typeof types.FreezeProposalDocument,
    "\n  query CompareVersionsList($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      versions {\n        id\n        number\n        status\n      }\n    }\n  }\n": typeof types.CompareVersionsListDocument,
    "\n  query CompareVersions($fromId: ID!, $toId: ID!) {\n    compareVersions(fromId: $fromId, toId: $toId) {\n      changed\n      coarse\n      from {\n        id\n        number\n        status\n        contentHash\n      }\n      to {\n        id\n        number\n        status\n        contentHash\n      }\n      sections {\n        key\n        kind\n        title\n        changed\n        coarse\n        formattingChanged\n        formatting {\n          text\n          before\n          after\n        }\n        text {\n          op\n          value\n        }\n        items {\n          change\n          itemId\n          fromIndex\n          toIndex\n          moved\n          before\n          after\n          fields {\n            field\n            before\n            after\n          }\n        }\n        fields {\n          field\n          before\n          after\n        }\n      }\n    }\n  }\n": typeof types.CompareVersionsDocument,
    "\n  query ProposalReceipt($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      receipt {\n        proposalId\n        headHash\n        length\n        issuedAt\n        keyId\n        signature\n      }\n    }\n  }\n": typeof types.ProposalReceiptDocument,
    "\n  mutation DeclineVersion($input: DeclineVersionInput!) {\n    declineVersion(input: $input) {\n      id\n      status\n      statusChangedAt\n      canSign\n      declineReason\n    }\n  }\n": typeof types.DeclineVersionDocument,
    "\n  fragment TrackedMilestoneFields on TrackedMilestone {\n    id\n    itemId\n    title\n    dueDate\n    state\n    overdue\n    revisionRounds\n    revisionsUsed\n    revisionsLeft\n    isTrial\n    trial {\n      paidAmount\n      timeBoxDays\n      rubric {\n        id\n        criterion\n        weight\n      }\n    }\n    submissions {\n      id\n      note\n      links\n      submittedAt\n      decision\n      decidedAt\n      reason\n      score\n      rubricScores {\n        criterionId\n        criterion\n        weight\n        score\n      }\n    }\n    metricResults {\n      metricId\n      name\n      baseline\n      target\n      value\n      met\n    }\n  }\n": typeof types.TrackedMilestoneFieldsFragmentDoc,
    "\n  query Engagement($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n      closedAt\n      contractInForce {\n        id\n        number\n        content {\n          successMetrics {\n            id\n            name\n            baseline\n            target\n          }\n          milestones {\n            id\n            payment\n            acceptanceCriteria\n          }\n        }\n      }\n      milestones {\n        ...TrackedMilestoneFields\n      }\n    }\n  }\n": typeof types.EngagementDocument,
    "\n  mutation StartMilestone($milestoneId: ID!) {\n    startMilestone(milestoneId: $milestoneId) {\n      ...TrackedMilestoneFields\n    }\n  }\n": typeof types.StartMilestoneDocument,
    "\n  mutation SubmitMilestone($input: SubmitMilestoneInput!) {\n    submitMilestone(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n": typeof types.SubmitMilestoneDocument,
    "\n  mutation RequestMilestoneChanges($input: RequestChangesInput!) {\n    requestMilestoneChanges(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n": typeof types.RequestMilestoneChangesDocument,
    "\n  mutation AcceptMilestone($input: AcceptMilestoneInput!) {\n    acceptMilestone(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n": typeof types.AcceptMilestoneDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    name\n  }\n": typeof types.UserFieldsFragmentDoc,
    "\n  fragment AccountFields on User {\n    ...UserFields\n    emailVerified\n  }\n": typeof types.AccountFieldsFragmentDoc,
    "\n  fragment ParticipantFields on Participant {\n    id\n    role\n    pending\n    invitedEmail\n    proposalId\n    user {\n      ...UserFields\n    }\n  }\n": typeof types.ParticipantFieldsFragmentDoc,
    "\n  fragment VersionSummaryFields on ContractVersion {\n    id\n    number\n    status\n    contentHash\n    chainHash\n    previousHash\n    frozenAt\n    note\n    statusChangedAt\n    proposalId\n    canSign\n    markdownUrl\n    pdfUrl\n    evidenceUrl\n    frozenBy {\n      ...UserFields\n    }\n    signers {\n      role\n      nextReminderAt\n      lastRemindedAt\n      user {\n        ...UserFields\n      }\n      signature {\n        id\n        contentHash\n        signedAt\n        authMethod\n        signer {\n          ...UserFields\n        }\n      }\n    }\n  }\n": typeof types.VersionSummaryFieldsFragmentDoc,
    "\n  fragment VersionFields on ContractVersion {\n    ...VersionSummaryFields\n    contentJson\n    consentStatement\n    declineReason\n    declinedBy {\n      ...UserFields\n    }\n    signingOrder {\n      ...UserFields\n    }\n  }\n": typeof types.VersionFieldsFragmentDoc,
    "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      proposalTitle\n      inviterName\n      role\n      expiresAt\n      status\n    }\n  }\n": typeof types.InvitationPreviewDocument,
    "\n  query MyInvitations {\n    myInvitations {\n      id\n      proposalId\n      proposalTitle\n      role\n      createdAt\n      invitedBy {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.MyInvitationsDocument,
    "\n  mutation AcceptInvitation($token: String, $invitationId: ID) {\n    acceptInvitation(token: $token, invitationId: $invitationId) {\n      ...ParticipantFields\n    }\n  }\n": typeof types.AcceptInvitationDocument,
    "\n  mutation DeclineInvitation($invitationId: ID!) {\n    declineInvitation(invitationId: $invitationId)\n  }\n": typeof types.DeclineInvitationDocument,
    "\n  mutation IssueInviteLink($participantId: ID!) {\n    issueInviteLink(participantId: $participantId) {\n      ...ParticipantFields\n      inviteLink\n    }\n  }\n": typeof types.IssueInviteLinkDocument,
    "\n  mutation ResendInvitation($participantId: ID!) {\n    resendInvitation(participantId: $participantId)\n  }\n": typeof types.ResendInvitationDocument,
    "\n  mutation RevokeInvitation($participantId: ID!) {\n    revokeInvitation(participantId: $participantId)\n  }\n": typeof types.RevokeInvitationDocument,
    "\n  mutation RenameProposal($input: RenameProposalInput!) {\n    renameProposal(input: $input) {\n      id\n      title\n    }\n  }\n": typeof types.RenameProposalDocument,
    "\n  mutation ArchiveProposal($proposalId: ID!) {\n    archiveProposal(proposalId: $proposalId) {\n      id\n      archived\n    }\n  }\n": typeof types.ArchiveProposalDocument,
    "\n  mutation UnarchiveProposal($proposalId: ID!) {\n    unarchiveProposal(proposalId: $proposalId) {\n      id\n      archived\n    }\n  }\n": typeof types.UnarchiveProposalDocument,
    "\n  mutation DeleteProposal($proposalId: ID!) {\n    deleteProposal(proposalId: $proposalId)\n  }\n": typeof types.DeleteProposalDocument,
    "\n  mutation RestoreVersion($versionId: ID!) {\n    restoreVersion(versionId: $versionId) {\n      id\n    }\n  }\n": typeof types.RestoreVersionDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    text\n    link\n    createdAt\n    readAt\n  }\n": typeof types.NotificationFieldsFragmentDoc,
    "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      items {\n        ...NotificationFields\n      }\n      unread\n      next\n    }\n  }\n": typeof types.NotificationsDocument,
    "\n  subscription MyNotifications {\n    myNotifications {\n      ...NotificationFields\n      # Which proposal's data it makes stale (data/cache.ts), e.g. the reviews on REVIEW_WRITTEN.\n      proposal {\n        id\n      }\n    }\n  }\n": typeof types.MyNotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": typeof types.MarkNotificationsReadDocument,
    "\n  query UnsubscribeLink($token: String!) {\n    unsubscribeLink(token: $token) {\n      scope\n      description\n      maskedEmail\n      alreadyStopped\n    }\n  }\n": typeof types.UnsubscribeLinkDocument,
    "\n  mutation Unsubscribe($token: String!) {\n    unsubscribe(token: $token) {\n      scope\n      description\n      stopped\n    }\n  }\n": typeof types.UnsubscribeDocument,
    "\n  query MyPasskeys {\n    me {\n      id\n      passkeys {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n    }\n  }\n": typeof types.MyPasskeysDocument,
    "\n  mutation StartPasskeyRegistration {\n    startPasskeyRegistration\n  }\n": typeof types.StartPasskeyRegistrationDocument,
    "\n  mutation FinishPasskeyRegistration($response: JSON!, $name: String) {\n    finishPasskeyRegistration(response: $response, name: $name) {\n      id\n      name\n      createdAt\n      lastUsedAt\n    }\n  }\n": typeof types.FinishPasskeyRegistrationDocument,
    "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": typeof types.RenamePasskeyDocument,
    "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(id: $id)\n  }\n": typeof types.RemovePasskeyDocument,
    "\n  mutation StartPasskeySignIn($email: String) {\n    startPasskeySignIn(email: $email)\n  }\n": typeof types.StartPasskeySignInDocument,
    "\n  mutation FinishPasskeySignIn($response: JSON!) {\n    finishPasskeySignIn(response: $response) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n": typeof types.FinishPasskeySignInDocument,
    "\n  mutation StartVersionSigning($versionId: ID!) {\n    startVersionSigning(versionId: $versionId)\n  }\n": typeof types.StartVersionSigningDocument,
    "\n  query MyNotificationPreferences {\n    me {\n      id\n      notificationPreferences {\n        channels {\n          kind\n          channel\n        }\n      }\n    }\n  }\n": typeof types.MyNotificationPreferencesDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...AccountFields\n    }\n  }\n": typeof types.UpdateProfileDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": typeof types.ChangePasswordDocument,
    "\n  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      channels {\n        kind\n        channel\n      }\n    }\n  }\n": typeof types.UpdateNotificationPreferencesDocument,
    "\n  query Proposals($archived: Boolean) {\n    proposals(archived: $archived) {\n      ...ProposalSummaryFields\n    }\n  }\n": typeof types.ProposalsDocument,
    "\n  fragment ProposalSummaryFields on Proposal {\n    id\n    title\n    createdAt\n    myRole\n    archived\n    participants {\n      id\n    }\n    versions {\n      id\n      number\n      status\n      canSign\n    }\n  }\n": typeof types.ProposalSummaryFieldsFragmentDoc,
    "\n  mutation CreateProposal($input: CreateProposalInput!) {\n    createProposal(input: $input) {\n      ...ProposalSummaryFields\n    }\n  }\n": typeof types.CreateProposalDocument,
    "\n  query Proposal($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      createdAt\n      myRole\n      archived\n      participants {\n        ...ParticipantFields\n      }\n    }\n  }\n": typeof types.ProposalDocument,
    "\n  query ProposalAccess($id: ID!) {\n    proposal(id: $id) {\n      id\n    }\n  }\n": typeof types.ProposalAccessDocument,
    "\n  mutation AddParticipant($input: AddParticipantInput!) {\n    addParticipant(input: $input) {\n      ...ParticipantFields\n      inviteLink\n    }\n  }\n": typeof types.AddParticipantDocument,
    "\n  mutation ChangeParticipantRole($input: ChangeRoleInput!) {\n    changeParticipantRole(input: $input) {\n      ...ParticipantFields\n    }\n  }\n": typeof types.ChangeParticipantRoleDocument,
    "\n  mutation RemoveParticipant($input: RemoveParticipantInput!) {\n    removeParticipant(input: $input)\n  }\n": typeof types.RemoveParticipantDocument,
    "\n  subscription ProposalEvents($proposalId: ID!) {\n    proposalEvents(proposalId: $proposalId) {\n      kind\n      proposalId\n      sections\n      at\n      version {\n        id\n        number\n        status\n      }\n      actor {\n        ...UserFields\n      }\n      participantId\n      participant {\n        ...ParticipantFields\n      }\n      changedFields\n      proposal {\n        id\n        title\n        archived\n      }\n      thread {\n        ...CommentThreadFields\n      }\n      suggestion {\n        id\n        status\n        summary\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.ProposalEventsDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      ...AccountFields\n    }\n  }\n": typeof types.VerifyEmailDocument,
    "\n  mutation ResendVerificationEmail {\n    resendVerificationEmail\n  }\n": typeof types.ResendVerificationEmailDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": typeof types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n": typeof types.ResetPasswordDocument,
    "\n  fragment ReviewFields on Review {\n    id\n    proposalId\n    wouldHireAgain\n    communication\n    note\n    answer\n    answeredAt\n    createdAt\n    author {\n      ...UserFields\n    }\n    freelancer {\n      ...UserFields\n    }\n  }\n": typeof types.ReviewFieldsFragmentDoc,
    "\n  query EngagementEnd($id: ID!) {\n    proposal(id: $id) {\n      id\n      myRole\n      closedAt\n      closedBy {\n        ...UserFields\n      }\n      contractInForce {\n        id\n        signers {\n          role\n          user {\n            ...UserFields\n          }\n        }\n      }\n      milestones {\n        id\n        state\n      }\n      reviews {\n        ...ReviewFields\n      }\n    }\n  }\n": typeof types.EngagementEndDocument,
    "\n  mutation CloseEngagement($proposalId: ID!) {\n    closeEngagement(proposalId: $proposalId) {\n      id\n      closedAt\n      closedBy {\n        ...UserFields\n      }\n    }\n  }\n": typeof types.CloseEngagementDocument,
    "\n  mutation ReviewFreelancer($input: ReviewInput!) {\n    reviewFreelancer(input: $input) {\n      ...ReviewFields\n    }\n  }\n": typeof types.ReviewFreelancerDocument,
    "\n  mutation AnswerReview($input: AnswerReviewInput!) {\n    answerReview(input: $input) {\n      ...ReviewFields\n    }\n  }\n": typeof types.AnswerReviewDocument,
    "\n  fragment SuggestionFields on Suggestion {\n    id\n    proposalId\n    kind\n    section\n    itemId\n    field\n    status\n    summary\n    createdAt\n    currentValue\n    proposedValue\n    author {\n      ...UserFields\n    }\n  }\n": typeof types.SuggestionFieldsFragmentDoc,
    "\n  query OpenSuggestions($id: ID!) {\n    proposal(id: $id) {\n      id\n      suggestions(status: OPEN) {\n        ...SuggestionFields\n      }\n    }\n  }\n": typeof types.OpenSuggestionsDocument,
    "\n  mutation SuggestChange($input: SuggestChangeInput!) {\n    suggestChange(input: $input) {\n      ...SuggestionFields\n    }\n  }\n": typeof types.SuggestChangeDocument,
    "\n  mutation AcceptSuggestion($id: ID!, $proposalId: ID) {\n    acceptSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n": typeof types.AcceptSuggestionDocument,
    "\n  mutation RejectSuggestion($id: ID!, $proposalId: ID) {\n    rejectSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n": typeof types.RejectSuggestionDocument,
    "\n  mutation WithdrawSuggestion($id: ID!, $proposalId: ID) {\n    withdrawSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n": typeof types.WithdrawSuggestionDocument,
    "\n  mutation AcceptSuggestions($proposalId: ID!, $authorId: ID!) {\n    acceptSuggestions(proposalId: $proposalId, authorId: $authorId) {\n      ...SuggestionFields\n    }\n  }\n": typeof types.AcceptSuggestionsDocument,
    "\n  mutation RejectSuggestions($proposalId: ID!, $authorId: ID!) {\n    rejectSuggestions(proposalId: $proposalId, authorId: $authorId) {\n      ...SuggestionFields\n    }\n  }\n": typeof types.RejectSuggestionsDocument,
    "\n  query Templates {\n    templates {\n      key\n      title\n      description\n    }\n  }\n": typeof types.TemplatesDocument,
    "\n  mutation CreateProposalFrom($input: CreateFromInput!) {\n    createProposalFrom(input: $input) {\n      id\n      title\n    }\n  }\n": typeof types.CreateProposalFromDocument,
    "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    events\n    enabled\n    disabledAt\n    deliveries(first: 20) {\n      id\n      event\n      attempt\n      status\n      responseCode\n      deliveredAt\n      nextAttemptAt\n    }\n  }\n": typeof types.WebhookFieldsFragmentDoc,
    "\n  query ProposalWebhooks($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n      webhooks {\n        ...WebhookFields\n      }\n    }\n  }\n": typeof types.ProposalWebhooksDocument,
    "\n  query ProposalRole($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n    }\n  }\n": typeof types.ProposalRoleDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        ...WebhookFields\n      }\n    }\n  }\n": typeof types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": typeof types.DeleteWebhookDocument,
    "\n  mutation EnableWebhook($id: ID!) {\n    enableWebhook(id: $id) {\n      ...WebhookFields\n    }\n  }\n": typeof types.EnableWebhookDocument,
};
const documents: Documents = {
    "\n  query Me {\n    me {\n      ...AccountFields\n    }\n  }\n": types.MeDocument,
    "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n": types.SignUpDocument,
    "\n  mutation SignOut {\n    signOut\n  }\n": types.SignOutDocument,
    "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n": types.SignOutEverywhereDocument,
    "\n  query MyBench($skill: String) {\n    myBench(skill: $skill) {\n      freelancer {\n        id\n        name\n        email\n      }\n      engagements\n      milestonesAccepted\n      acceptedOnTime\n      revisionsUsed\n      revisionsBudgeted\n      metricsMet\n      metricsMeasured\n      trialScores\n      reviews {\n        id\n        wouldHireAgain\n        communication\n        note\n        answer\n        createdAt\n      }\n      proposals {\n        id\n        title\n      }\n      evidence {\n        kind\n        proposalId\n        versionId\n        milestoneId\n        submissionId\n        label\n        met\n      }\n    }\n  }\n": types.MyBenchDocument,
    "\n  fragment CommentFields on Comment {\n    id\n    threadId\n    body\n    createdAt\n    editedAt\n    author {\n      ...UserFields\n    }\n    mentions {\n      id\n    }\n  }\n": types.CommentFieldsFragmentDoc,
    "\n  fragment CommentThreadFields on CommentThread {\n    id\n    proposalId\n    status\n    createdAt\n    lastActivityAt\n    resolvedAt\n    resolvedBy {\n      ...UserFields\n    }\n    anchor {\n      section\n      itemId\n      field\n      from\n      to\n      quote\n    }\n    comments {\n      ...CommentFields\n    }\n  }\n": types.CommentThreadFieldsFragmentDoc,
    "\n  query ProposalThreads($id: ID!) {\n    proposal(id: $id) {\n      id\n      threads {\n        ...CommentThreadFields\n      }\n    }\n  }\n": types.ProposalThreadsDocument,
    "\n  fragment KeptThreadFields on CommentThread {\n    threadId: id\n    proposalId\n    status\n    createdAt\n    lastActivityAt\n    resolvedAt\n    resolvedBy {\n      ...UserFields\n    }\n    anchor {\n      section\n      itemId\n      field\n      from\n      to\n      quote\n    }\n    comments {\n      commentId: id\n      body\n      createdAt\n      editedAt\n      author {\n        ...UserFields\n      }\n      mentions {\n        id\n      }\n    }\n  }\n": types.KeptThreadFieldsFragmentDoc,
    "\n  query VersionThreads($id: ID!) {\n    contractVersion(id: $id) {\n      id\n      threads {\n        ...KeptThreadFields\n      }\n    }\n  }\n": types.VersionThreadsDocument,
    "\n  mutation StartThread($input: StartThreadInput!) {\n    startThread(input: $input) {\n      ...CommentThreadFields\n    }\n  }\n": types.StartThreadDocument,
    "\n  mutation ReplyToThread($input: ReplyInput!) {\n    replyToThread(input: $input) {\n      ...CommentFields\n    }\n  }\n": types.ReplyToThreadDocument,
    "\n  mutation EditComment($input: EditCommentInput!) {\n    editComment(input: $input) {\n      ...CommentFields\n    }\n  }\n": types.EditCommentDocument,
    "\n  mutation DeleteComment($commentId: ID!) {\n    deleteComment(commentId: $commentId)\n  }\n": types.DeleteCommentDocument,
    "\n  mutation ResolveThread($threadId: ID!) {\n    resolveThread(threadId: $threadId) {\n      ...CommentThreadFields\n    }\n  }\n": types.ResolveThreadDocument,
    "\n  mutation ReopenThread($threadId: ID!) {\n    reopenThread(threadId: $threadId) {\n      ...CommentThreadFields\n    }\n  }\n": types.ReopenThreadDocument,
    "\n  query ProposalVersions($id: ID!) {\n    proposal(id: $id) {\n      id\n      versions {\n        ...VersionSummaryFields\n      }\n    }\n  }\n": types.ProposalVersionsDocument,
    "\n  query VersionPage($proposalId: ID!, $versionId: ID!) {\n    proposal(id: $proposalId) {\n      id\n      title\n      myRole\n      versions {\n        id\n        number\n      }\n    }\n    contractVersion(id: $versionId) {\n      ...VersionFields\n      amends {\n        id\n        number\n      }\n    }\n  }\n": types.VersionPageDocument,
    "\n  query SignableVersion($id: ID!) {\n    contractVersion(id: $id) {\n      ...VersionFields\n    }\n  }\n": types.SignableVersionDocument,
    "\n  mutation SignVersion($versionId: ID!, $contentHash: String!, $consentStatement: String!, $assertion: JSON!) {\n    signVersion(\n      input: { versionId: $versionId, contentHash: $contentHash, consentStatement: $consentStatement, assertion: $assertion }\n    ) {\n      id\n      contentHash\n      signedAt\n      passkeyId\n    }\n  }\n": types.SignVersionDocument,
    "\n  mutation RemindSigners($versionId: ID!) {\n    remindSigners(versionId: $versionId)\n  }\n": types.RemindSignersDocument,
    "\n  mutation FreezeProposal($proposalId: ID!, $note: String, $signingOrder: [[ID!]!]) {\n    freezeProposal(input: { proposalId: $proposalId, note: $note, signingOrder: $signingOrder }) {\n      id\n      number\n      status\n    }\n  }\n": types.FreezeProposalDocument,
    "\n  query CompareVersionsList($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      versions {\n        id\n        number\n        status\n      }\n    }\n  }\n": types.CompareVersionsListDocument,
    "\n  query CompareVersions($fromId: ID!, $toId: ID!) {\n    compareVersions(fromId: $fromId, toId: $toId) {\n      changed\n      coarse\n      from {\n        id\n        number\n        status\n        contentHash\n      }\n      to {\n        id\n        number\n        status\n        contentHash\n      }\n      sections {\n        key\n        kind\n        title\n        changed\n        coarse\n        formattingChanged\n        formatting {\n          text\n          before\n          after\n        }\n        text {\n          op\n          value\n        }\n        items {\n          change\n          itemId\n          fromIndex\n          toIndex\n          moved\n          before\n          after\n          fields {\n            field\n            before\n            after\n          }\n        }\n        fields {\n          field\n          before\n          after\n        }\n      }\n    }\n  }\n": types.CompareVersionsDocument,
    "\n  query ProposalReceipt($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      receipt {\n        proposalId\n        headHash\n        length\n        issuedAt\n        keyId\n        signature\n      }\n    }\n  }\n": types.ProposalReceiptDocument,
    "\n  mutation DeclineVersion($input: DeclineVersionInput!) {\n    declineVersion(input: $input) {\n      id\n      status\n      statusChangedAt\n      canSign\n      declineReason\n    }\n  }\n": types.DeclineVersionDocument,
    "\n  fragment TrackedMilestoneFields on TrackedMilestone {\n    id\n    itemId\n    title\n    dueDate\n    state\n    overdue\n    revisionRounds\n    revisionsUsed\n    revisionsLeft\n    isTrial\n    trial {\n      paidAmount\n      timeBoxDays\n      rubric {\n        id\n        criterion\n        weight\n      }\n    }\n    submissions {\n      id\n      note\n      links\n      submittedAt\n      decision\n      decidedAt\n      reason\n      score\n      rubricScores {\n        criterionId\n        criterion\n        weight\n        score\n      }\n    }\n    metricResults {\n      metricId\n      name\n      baseline\n      target\n      value\n      met\n    }\n  }\n": types.TrackedMilestoneFieldsFragmentDoc,
    "\n  query Engagement($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n      closedAt\n      contractInForce {\n        id\n        number\n        content {\n          successMetrics {\n            id\n            name\n            baseline\n            target\n          }\n          milestones {\n            id\n            payment\n            acceptanceCriteria\n          }\n        }\n      }\n      milestones {\n        ...TrackedMilestoneFields\n      }\n    }\n  }\n": types.EngagementDocument,
    "\n  mutation StartMilestone($milestoneId: ID!) {\n    startMilestone(milestoneId: $milestoneId) {\n      ...TrackedMilestoneFields\n    }\n  }\n": types.StartMilestoneDocument,
    "\n  mutation SubmitMilestone($input: SubmitMilestoneInput!) {\n    submitMilestone(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n": types.SubmitMilestoneDocument,
    "\n  mutation RequestMilestoneChanges($input: RequestChangesInput!) {\n    requestMilestoneChanges(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n": types.RequestMilestoneChangesDocument,
    "\n  mutation AcceptMilestone($input: AcceptMilestoneInput!) {\n    acceptMilestone(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n": types.AcceptMilestoneDocument,
    "\n  fragment UserFields on User {\n    id\n    email\n    name\n  }\n": types.UserFieldsFragmentDoc,
    "\n  fragment AccountFields on User {\n    ...UserFields\n    emailVerified\n  }\n": types.AccountFieldsFragmentDoc,
    "\n  fragment ParticipantFields on Participant {\n    id\n    role\n    pending\n    invitedEmail\n    proposalId\n    user {\n      ...UserFields\n    }\n  }\n": types.ParticipantFieldsFragmentDoc,
    "\n  fragment VersionSummaryFields on ContractVersion {\n    id\n    number\n    status\n    contentHash\n    chainHash\n    previousHash\n    frozenAt\n    note\n    statusChangedAt\n    proposalId\n    canSign\n    markdownUrl\n    pdfUrl\n    evidenceUrl\n    frozenBy {\n      ...UserFields\n    }\n    signers {\n      role\n      nextReminderAt\n      lastRemindedAt\n      user {\n        ...UserFields\n      }\n      signature {\n        id\n        contentHash\n        signedAt\n        authMethod\n        signer {\n          ...UserFields\n        }\n      }\n    }\n  }\n": types.VersionSummaryFieldsFragmentDoc,
    "\n  fragment VersionFields on ContractVersion {\n    ...VersionSummaryFields\n    contentJson\n    consentStatement\n    declineReason\n    declinedBy {\n      ...UserFields\n    }\n    signingOrder {\n      ...UserFields\n    }\n  }\n": types.VersionFieldsFragmentDoc,
    "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      proposalTitle\n      inviterName\n      role\n      expiresAt\n      status\n    }\n  }\n": types.InvitationPreviewDocument,
    "\n  query MyInvitations {\n    myInvitations {\n      id\n      proposalId\n      proposalTitle\n      role\n      createdAt\n      invitedBy {\n        ...UserFields\n      }\n    }\n  }\n": types.MyInvitationsDocument,
    "\n  mutation AcceptInvitation($token: String, $invitationId: ID) {\n    acceptInvitation(token: $token, invitationId: $invitationId) {\n      ...ParticipantFields\n    }\n  }\n": types.AcceptInvitationDocument,
    "\n  mutation DeclineInvitation($invitationId: ID!) {\n    declineInvitation(invitationId: $invitationId)\n  }\n": types.DeclineInvitationDocument,
    "\n  mutation IssueInviteLink($participantId: ID!) {\n    issueInviteLink(participantId: $participantId) {\n      ...ParticipantFields\n      inviteLink\n    }\n  }\n": types.IssueInviteLinkDocument,
    "\n  mutation ResendInvitation($participantId: ID!) {\n    resendInvitation(participantId: $participantId)\n  }\n": types.ResendInvitationDocument,
    "\n  mutation RevokeInvitation($participantId: ID!) {\n    revokeInvitation(participantId: $participantId)\n  }\n": types.RevokeInvitationDocument,
    "\n  mutation RenameProposal($input: RenameProposalInput!) {\n    renameProposal(input: $input) {\n      id\n      title\n    }\n  }\n": types.RenameProposalDocument,
    "\n  mutation ArchiveProposal($proposalId: ID!) {\n    archiveProposal(proposalId: $proposalId) {\n      id\n      archived\n    }\n  }\n": types.ArchiveProposalDocument,
    "\n  mutation UnarchiveProposal($proposalId: ID!) {\n    unarchiveProposal(proposalId: $proposalId) {\n      id\n      archived\n    }\n  }\n": types.UnarchiveProposalDocument,
    "\n  mutation DeleteProposal($proposalId: ID!) {\n    deleteProposal(proposalId: $proposalId)\n  }\n": types.DeleteProposalDocument,
    "\n  mutation RestoreVersion($versionId: ID!) {\n    restoreVersion(versionId: $versionId) {\n      id\n    }\n  }\n": types.RestoreVersionDocument,
    "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    text\n    link\n    createdAt\n    readAt\n  }\n": types.NotificationFieldsFragmentDoc,
    "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      items {\n        ...NotificationFields\n      }\n      unread\n      next\n    }\n  }\n": types.NotificationsDocument,
    "\n  subscription MyNotifications {\n    myNotifications {\n      ...NotificationFields\n      # Which proposal's data it makes stale (data/cache.ts), e.g. the reviews on REVIEW_WRITTEN.\n      proposal {\n        id\n      }\n    }\n  }\n": types.MyNotificationsDocument,
    "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n": types.MarkNotificationsReadDocument,
    "\n  query UnsubscribeLink($token: String!) {\n    unsubscribeLink(token: $token) {\n      scope\n      description\n      maskedEmail\n      alreadyStopped\n    }\n  }\n": types.UnsubscribeLinkDocument,
    "\n  mutation Unsubscribe($token: String!) {\n    unsubscribe(token: $token) {\n      scope\n      description\n      stopped\n    }\n  }\n": types.UnsubscribeDocument,
    "\n  query MyPasskeys {\n    me {\n      id\n      passkeys {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n    }\n  }\n": types.MyPasskeysDocument,
    "\n  mutation StartPasskeyRegistration {\n    startPasskeyRegistration\n  }\n": types.StartPasskeyRegistrationDocument,
    "\n  mutation FinishPasskeyRegistration($response: JSON!, $name: String) {\n    finishPasskeyRegistration(response: $response, name: $name) {\n      id\n      name\n      createdAt\n      lastUsedAt\n    }\n  }\n": types.FinishPasskeyRegistrationDocument,
    "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n": types.RenamePasskeyDocument,
    "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(id: $id)\n  }\n": types.RemovePasskeyDocument,
    "\n  mutation StartPasskeySignIn($email: String) {\n    startPasskeySignIn(email: $email)\n  }\n": types.StartPasskeySignInDocument,
    "\n  mutation FinishPasskeySignIn($response: JSON!) {\n    finishPasskeySignIn(response: $response) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n": types.FinishPasskeySignInDocument,
    "\n  mutation StartVersionSigning($versionId: ID!) {\n    startVersionSigning(versionId: $versionId)\n  }\n": types.StartVersionSigningDocument,
    "\n  query MyNotificationPreferences {\n    me {\n      id\n      notificationPreferences {\n        channels {\n          kind\n          channel\n        }\n      }\n    }\n  }\n": types.MyNotificationPreferencesDocument,
    "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...AccountFields\n    }\n  }\n": types.UpdateProfileDocument,
    "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n": types.ChangePasswordDocument,
    "\n  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      channels {\n        kind\n        channel\n      }\n    }\n  }\n": types.UpdateNotificationPreferencesDocument,
    "\n  query Proposals($archived: Boolean) {\n    proposals(archived: $archived) {\n      ...ProposalSummaryFields\n    }\n  }\n": types.ProposalsDocument,
    "\n  fragment ProposalSummaryFields on Proposal {\n    id\n    title\n    createdAt\n    myRole\n    archived\n    participants {\n      id\n    }\n    versions {\n      id\n      number\n      status\n      canSign\n    }\n  }\n": types.ProposalSummaryFieldsFragmentDoc,
    "\n  mutation CreateProposal($input: CreateProposalInput!) {\n    createProposal(input: $input) {\n      ...ProposalSummaryFields\n    }\n  }\n": types.CreateProposalDocument,
    "\n  query Proposal($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      createdAt\n      myRole\n      archived\n      participants {\n        ...ParticipantFields\n      }\n    }\n  }\n": types.ProposalDocument,
    "\n  query ProposalAccess($id: ID!) {\n    proposal(id: $id) {\n      id\n    }\n  }\n": types.ProposalAccessDocument,
    "\n  mutation AddParticipant($input: AddParticipantInput!) {\n    addParticipant(input: $input) {\n      ...ParticipantFields\n      inviteLink\n    }\n  }\n": types.AddParticipantDocument,
    "\n  mutation ChangeParticipantRole($input: ChangeRoleInput!) {\n    changeParticipantRole(input: $input) {\n      ...ParticipantFields\n    }\n  }\n": types.ChangeParticipantRoleDocument,
    "\n  mutation RemoveParticipant($input: RemoveParticipantInput!) {\n    removeParticipant(input: $input)\n  }\n": types.RemoveParticipantDocument,
    "\n  subscription ProposalEvents($proposalId: ID!) {\n    proposalEvents(proposalId: $proposalId) {\n      kind\n      proposalId\n      sections\n      at\n      version {\n        id\n        number\n        status\n      }\n      actor {\n        ...UserFields\n      }\n      participantId\n      participant {\n        ...ParticipantFields\n      }\n      changedFields\n      proposal {\n        id\n        title\n        archived\n      }\n      thread {\n        ...CommentThreadFields\n      }\n      suggestion {\n        id\n        status\n        summary\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.ProposalEventsDocument,
    "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      ...AccountFields\n    }\n  }\n": types.VerifyEmailDocument,
    "\n  mutation ResendVerificationEmail {\n    resendVerificationEmail\n  }\n": types.ResendVerificationEmailDocument,
    "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n": types.RequestPasswordResetDocument,
    "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n": types.ResetPasswordDocument,
    "\n  fragment ReviewFields on Review {\n    id\n    proposalId\n    wouldHireAgain\n    communication\n    note\n    answer\n    answeredAt\n    createdAt\n    author {\n      ...UserFields\n    }\n    freelancer {\n      ...UserFields\n    }\n  }\n": types.ReviewFieldsFragmentDoc,
    "\n  query EngagementEnd($id: ID!) {\n    proposal(id: $id) {\n      id\n      myRole\n      closedAt\n      closedBy {\n        ...UserFields\n      }\n      contractInForce {\n        id\n        signers {\n          role\n          user {\n            ...UserFields\n          }\n        }\n      }\n      milestones {\n        id\n        state\n      }\n      reviews {\n        ...ReviewFields\n      }\n    }\n  }\n": types.EngagementEndDocument,
    "\n  mutation CloseEngagement($proposalId: ID!) {\n    closeEngagement(proposalId: $proposalId) {\n      id\n      closedAt\n      closedBy {\n        ...UserFields\n      }\n    }\n  }\n": types.CloseEngagementDocument,
    "\n  mutation ReviewFreelancer($input: ReviewInput!) {\n    reviewFreelancer(input: $input) {\n      ...ReviewFields\n    }\n  }\n": types.ReviewFreelancerDocument,
    "\n  mutation AnswerReview($input: AnswerReviewInput!) {\n    answerReview(input: $input) {\n      ...ReviewFields\n    }\n  }\n": types.AnswerReviewDocument,
    "\n  fragment SuggestionFields on Suggestion {\n    id\n    proposalId\n    kind\n    section\n    itemId\n    field\n    status\n    summary\n    createdAt\n    currentValue\n    proposedValue\n    author {\n      ...UserFields\n    }\n  }\n": types.SuggestionFieldsFragmentDoc,
    "\n  query OpenSuggestions($id: ID!) {\n    proposal(id: $id) {\n      id\n      suggestions(status: OPEN) {\n        ...SuggestionFields\n      }\n    }\n  }\n": types.OpenSuggestionsDocument,
    "\n  mutation SuggestChange($input: SuggestChangeInput!) {\n    suggestChange(input: $input) {\n      ...SuggestionFields\n    }\n  }\n": types.SuggestChangeDocument,
    "\n  mutation AcceptSuggestion($id: ID!, $proposalId: ID) {\n    acceptSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n": types.AcceptSuggestionDocument,
    "\n  mutation RejectSuggestion($id: ID!, $proposalId: ID) {\n    rejectSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n": types.RejectSuggestionDocument,
    "\n  mutation WithdrawSuggestion($id: ID!, $proposalId: ID) {\n    withdrawSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n": types.WithdrawSuggestionDocument,
    "\n  mutation AcceptSuggestions($proposalId: ID!, $authorId: ID!) {\n    acceptSuggestions(proposalId: $proposalId, authorId: $authorId) {\n      ...SuggestionFields\n    }\n  }\n": types.AcceptSuggestionsDocument,
    "\n  mutation RejectSuggestions($proposalId: ID!, $authorId: ID!) {\n    rejectSuggestions(proposalId: $proposalId, authorId: $authorId) {\n      ...SuggestionFields\n    }\n  }\n": types.RejectSuggestionsDocument,
    "\n  query Templates {\n    templates {\n      key\n      title\n      description\n    }\n  }\n": types.TemplatesDocument,
    "\n  mutation CreateProposalFrom($input: CreateFromInput!) {\n    createProposalFrom(input: $input) {\n      id\n      title\n    }\n  }\n": types.CreateProposalFromDocument,
    "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    events\n    enabled\n    disabledAt\n    deliveries(first: 20) {\n      id\n      event\n      attempt\n      status\n      responseCode\n      deliveredAt\n      nextAttemptAt\n    }\n  }\n": types.WebhookFieldsFragmentDoc,
    "\n  query ProposalWebhooks($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n      webhooks {\n        ...WebhookFields\n      }\n    }\n  }\n": types.ProposalWebhooksDocument,
    "\n  query ProposalRole($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n    }\n  }\n": types.ProposalRoleDocument,
    "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        ...WebhookFields\n      }\n    }\n  }\n": types.CreateWebhookDocument,
    "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n": types.DeleteWebhookDocument,
    "\n  mutation EnableWebhook($id: ID!) {\n    enableWebhook(id: $id) {\n      ...WebhookFields\n    }\n  }\n": types.EnableWebhookDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...AccountFields\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...AccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($input: SignInInput!) {\n    signIn(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignUp($input: SignUpInput!) {\n    signUp(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n"): (typeof documents)["\n  mutation SignOutEverywhere {\n    signOutEverywhere\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyBench($skill: String) {\n    myBench(skill: $skill) {\n      freelancer {\n        id\n        name\n        email\n      }\n      engagements\n      milestonesAccepted\n      acceptedOnTime\n      revisionsUsed\n      revisionsBudgeted\n      metricsMet\n      metricsMeasured\n      trialScores\n      reviews {\n        id\n        wouldHireAgain\n        communication\n        note\n        answer\n        createdAt\n      }\n      proposals {\n        id\n        title\n      }\n      evidence {\n        kind\n        proposalId\n        versionId\n        milestoneId\n        submissionId\n        label\n        met\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyBench($skill: String) {\n    myBench(skill: $skill) {\n      freelancer {\n        id\n        name\n        email\n      }\n      engagements\n      milestonesAccepted\n      acceptedOnTime\n      revisionsUsed\n      revisionsBudgeted\n      metricsMet\n      metricsMeasured\n      trialScores\n      reviews {\n        id\n        wouldHireAgain\n        communication\n        note\n        answer\n        createdAt\n      }\n      proposals {\n        id\n        title\n      }\n      evidence {\n        kind\n        proposalId\n        versionId\n        milestoneId\n        submissionId\n        label\n        met\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentFields on Comment {\n    id\n    threadId\n    body\n    createdAt\n    editedAt\n    author {\n      ...UserFields\n    }\n    mentions {\n      id\n    }\n  }\n"): (typeof documents)["\n  fragment CommentFields on Comment {\n    id\n    threadId\n    body\n    createdAt\n    editedAt\n    author {\n      ...UserFields\n    }\n    mentions {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment CommentThreadFields on CommentThread {\n    id\n    proposalId\n    status\n    createdAt\n    lastActivityAt\n    resolvedAt\n    resolvedBy {\n      ...UserFields\n    }\n    anchor {\n      section\n      itemId\n      field\n      from\n      to\n      quote\n    }\n    comments {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  fragment CommentThreadFields on CommentThread {\n    id\n    proposalId\n    status\n    createdAt\n    lastActivityAt\n    resolvedAt\n    resolvedBy {\n      ...UserFields\n    }\n    anchor {\n      section\n      itemId\n      field\n      from\n      to\n      quote\n    }\n    comments {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposalThreads($id: ID!) {\n    proposal(id: $id) {\n      id\n      threads {\n        ...CommentThreadFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProposalThreads($id: ID!) {\n    proposal(id: $id) {\n      id\n      threads {\n        ...CommentThreadFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment KeptThreadFields on CommentThread {\n    threadId: id\n    proposalId\n    status\n    createdAt\n    lastActivityAt\n    resolvedAt\n    resolvedBy {\n      ...UserFields\n    }\n    anchor {\n      section\n      itemId\n      field\n      from\n      to\n      quote\n    }\n    comments {\n      commentId: id\n      body\n      createdAt\n      editedAt\n      author {\n        ...UserFields\n      }\n      mentions {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment KeptThreadFields on CommentThread {\n    threadId: id\n    proposalId\n    status\n    createdAt\n    lastActivityAt\n    resolvedAt\n    resolvedBy {\n      ...UserFields\n    }\n    anchor {\n      section\n      itemId\n      field\n      from\n      to\n      quote\n    }\n    comments {\n      commentId: id\n      body\n      createdAt\n      editedAt\n      author {\n        ...UserFields\n      }\n      mentions {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionThreads($id: ID!) {\n    contractVersion(id: $id) {\n      id\n      threads {\n        ...KeptThreadFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query VersionThreads($id: ID!) {\n    contractVersion(id: $id) {\n      id\n      threads {\n        ...KeptThreadFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartThread($input: StartThreadInput!) {\n    startThread(input: $input) {\n      ...CommentThreadFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartThread($input: StartThreadInput!) {\n    startThread(input: $input) {\n      ...CommentThreadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReplyToThread($input: ReplyInput!) {\n    replyToThread(input: $input) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReplyToThread($input: ReplyInput!) {\n    replyToThread(input: $input) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EditComment($input: EditCommentInput!) {\n    editComment(input: $input) {\n      ...CommentFields\n    }\n  }\n"): (typeof documents)["\n  mutation EditComment($input: EditCommentInput!) {\n    editComment(input: $input) {\n      ...CommentFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteComment($commentId: ID!) {\n    deleteComment(commentId: $commentId)\n  }\n"): (typeof documents)["\n  mutation DeleteComment($commentId: ID!) {\n    deleteComment(commentId: $commentId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResolveThread($threadId: ID!) {\n    resolveThread(threadId: $threadId) {\n      ...CommentThreadFields\n    }\n  }\n"): (typeof documents)["\n  mutation ResolveThread($threadId: ID!) {\n    resolveThread(threadId: $threadId) {\n      ...CommentThreadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReopenThread($threadId: ID!) {\n    reopenThread(threadId: $threadId) {\n      ...CommentThreadFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReopenThread($threadId: ID!) {\n    reopenThread(threadId: $threadId) {\n      ...CommentThreadFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposalVersions($id: ID!) {\n    proposal(id: $id) {\n      id\n      versions {\n        ...VersionSummaryFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProposalVersions($id: ID!) {\n    proposal(id: $id) {\n      id\n      versions {\n        ...VersionSummaryFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query VersionPage($proposalId: ID!, $versionId: ID!) {\n    proposal(id: $proposalId) {\n      id\n      title\n      myRole\n      versions {\n        id\n        number\n      }\n    }\n    contractVersion(id: $versionId) {\n      ...VersionFields\n      amends {\n        id\n        number\n      }\n    }\n  }\n"): (typeof documents)["\n  query VersionPage($proposalId: ID!, $versionId: ID!) {\n    proposal(id: $proposalId) {\n      id\n      title\n      myRole\n      versions {\n        id\n        number\n      }\n    }\n    contractVersion(id: $versionId) {\n      ...VersionFields\n      amends {\n        id\n        number\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignableVersion($id: ID!) {\n    contractVersion(id: $id) {\n      ...VersionFields\n    }\n  }\n"): (typeof documents)["\n  query SignableVersion($id: ID!) {\n    contractVersion(id: $id) {\n      ...VersionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignVersion($versionId: ID!, $contentHash: String!, $consentStatement: String!, $assertion: JSON!) {\n    signVersion(\n      input: { versionId: $versionId, contentHash: $contentHash, consentStatement: $consentStatement, assertion: $assertion }\n    ) {\n      id\n      contentHash\n      signedAt\n      passkeyId\n    }\n  }\n"): (typeof documents)["\n  mutation SignVersion($versionId: ID!, $contentHash: String!, $consentStatement: String!, $assertion: JSON!) {\n    signVersion(\n      input: { versionId: $versionId, contentHash: $contentHash, consentStatement: $consentStatement, assertion: $assertion }\n    ) {\n      id\n      contentHash\n      signedAt\n      passkeyId\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemindSigners($versionId: ID!) {\n    remindSigners(versionId: $versionId)\n  }\n"): (typeof documents)["\n  mutation RemindSigners($versionId: ID!) {\n    remindSigners(versionId: $versionId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FreezeProposal($proposalId: ID!, $note: String, $signingOrder: [[ID!]!]) {\n    freezeProposal(input: { proposalId: $proposalId, note: $note, signingOrder: $signingOrder }) {\n      id\n      number\n      status\n    }\n  }\n"): (typeof documents)["\n  mutation FreezeProposal($proposalId: ID!, $note: String, $signingOrder: [[ID!]!]) {\n    freezeProposal(input: { proposalId: $proposalId, note: $note, signingOrder: $signingOrder }) {\n      id\n      number\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareVersionsList($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      versions {\n        id\n        number\n        status\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompareVersionsList($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      versions {\n        id\n        number\n        status\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query CompareVersions($fromId: ID!, $toId: ID!) {\n    compareVersions(fromId: $fromId, toId: $toId) {\n      changed\n      coarse\n      from {\n        id\n        number\n        status\n        contentHash\n      }\n      to {\n        id\n        number\n        status\n        contentHash\n      }\n      sections {\n        key\n        kind\n        title\n        changed\n        coarse\n        formattingChanged\n        formatting {\n          text\n          before\n          after\n        }\n        text {\n          op\n          value\n        }\n        items {\n          change\n          itemId\n          fromIndex\n          toIndex\n          moved\n          before\n          after\n          fields {\n            field\n            before\n            after\n          }\n        }\n        fields {\n          field\n          before\n          after\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query CompareVersions($fromId: ID!, $toId: ID!) {\n    compareVersions(fromId: $fromId, toId: $toId) {\n      changed\n      coarse\n      from {\n        id\n        number\n        status\n        contentHash\n      }\n      to {\n        id\n        number\n        status\n        contentHash\n      }\n      sections {\n        key\n        kind\n        title\n        changed\n        coarse\n        formattingChanged\n        formatting {\n          text\n          before\n          after\n        }\n        text {\n          op\n          value\n        }\n        items {\n          change\n          itemId\n          fromIndex\n          toIndex\n          moved\n          before\n          after\n          fields {\n            field\n            before\n            after\n          }\n        }\n        fields {\n          field\n          before\n          after\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposalReceipt($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      receipt {\n        proposalId\n        headHash\n        length\n        issuedAt\n        keyId\n        signature\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProposalReceipt($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      receipt {\n        proposalId\n        headHash\n        length\n        issuedAt\n        keyId\n        signature\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineVersion($input: DeclineVersionInput!) {\n    declineVersion(input: $input) {\n      id\n      status\n      statusChangedAt\n      canSign\n      declineReason\n    }\n  }\n"): (typeof documents)["\n  mutation DeclineVersion($input: DeclineVersionInput!) {\n    declineVersion(input: $input) {\n      id\n      status\n      statusChangedAt\n      canSign\n      declineReason\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TrackedMilestoneFields on TrackedMilestone {\n    id\n    itemId\n    title\n    dueDate\n    state\n    overdue\n    revisionRounds\n    revisionsUsed\n    revisionsLeft\n    isTrial\n    trial {\n      paidAmount\n      timeBoxDays\n      rubric {\n        id\n        criterion\n        weight\n      }\n    }\n    submissions {\n      id\n      note\n      links\n      submittedAt\n      decision\n      decidedAt\n      reason\n      score\n      rubricScores {\n        criterionId\n        criterion\n        weight\n        score\n      }\n    }\n    metricResults {\n      metricId\n      name\n      baseline\n      target\n      value\n      met\n    }\n  }\n"): (typeof documents)["\n  fragment TrackedMilestoneFields on TrackedMilestone {\n    id\n    itemId\n    title\n    dueDate\n    state\n    overdue\n    revisionRounds\n    revisionsUsed\n    revisionsLeft\n    isTrial\n    trial {\n      paidAmount\n      timeBoxDays\n      rubric {\n        id\n        criterion\n        weight\n      }\n    }\n    submissions {\n      id\n      note\n      links\n      submittedAt\n      decision\n      decidedAt\n      reason\n      score\n      rubricScores {\n        criterionId\n        criterion\n        weight\n        score\n      }\n    }\n    metricResults {\n      metricId\n      name\n      baseline\n      target\n      value\n      met\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Engagement($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n      closedAt\n      contractInForce {\n        id\n        number\n        content {\n          successMetrics {\n            id\n            name\n            baseline\n            target\n          }\n          milestones {\n            id\n            payment\n            acceptanceCriteria\n          }\n        }\n      }\n      milestones {\n        ...TrackedMilestoneFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Engagement($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n      closedAt\n      contractInForce {\n        id\n        number\n        content {\n          successMetrics {\n            id\n            name\n            baseline\n            target\n          }\n          milestones {\n            id\n            payment\n            acceptanceCriteria\n          }\n        }\n      }\n      milestones {\n        ...TrackedMilestoneFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartMilestone($milestoneId: ID!) {\n    startMilestone(milestoneId: $milestoneId) {\n      ...TrackedMilestoneFields\n    }\n  }\n"): (typeof documents)["\n  mutation StartMilestone($milestoneId: ID!) {\n    startMilestone(milestoneId: $milestoneId) {\n      ...TrackedMilestoneFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SubmitMilestone($input: SubmitMilestoneInput!) {\n    submitMilestone(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n"): (typeof documents)["\n  mutation SubmitMilestone($input: SubmitMilestoneInput!) {\n    submitMilestone(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestMilestoneChanges($input: RequestChangesInput!) {\n    requestMilestoneChanges(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n"): (typeof documents)["\n  mutation RequestMilestoneChanges($input: RequestChangesInput!) {\n    requestMilestoneChanges(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptMilestone($input: AcceptMilestoneInput!) {\n    acceptMilestone(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptMilestone($input: AcceptMilestoneInput!) {\n    acceptMilestone(input: $input) {\n      ...TrackedMilestoneFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment UserFields on User {\n    id\n    email\n    name\n  }\n"): (typeof documents)["\n  fragment UserFields on User {\n    id\n    email\n    name\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountFields on User {\n    ...UserFields\n    emailVerified\n  }\n"): (typeof documents)["\n  fragment AccountFields on User {\n    ...UserFields\n    emailVerified\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ParticipantFields on Participant {\n    id\n    role\n    pending\n    invitedEmail\n    proposalId\n    user {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  fragment ParticipantFields on Participant {\n    id\n    role\n    pending\n    invitedEmail\n    proposalId\n    user {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VersionSummaryFields on ContractVersion {\n    id\n    number\n    status\n    contentHash\n    chainHash\n    previousHash\n    frozenAt\n    note\n    statusChangedAt\n    proposalId\n    canSign\n    markdownUrl\n    pdfUrl\n    evidenceUrl\n    frozenBy {\n      ...UserFields\n    }\n    signers {\n      role\n      nextReminderAt\n      lastRemindedAt\n      user {\n        ...UserFields\n      }\n      signature {\n        id\n        contentHash\n        signedAt\n        authMethod\n        signer {\n          ...UserFields\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment VersionSummaryFields on ContractVersion {\n    id\n    number\n    status\n    contentHash\n    chainHash\n    previousHash\n    frozenAt\n    note\n    statusChangedAt\n    proposalId\n    canSign\n    markdownUrl\n    pdfUrl\n    evidenceUrl\n    frozenBy {\n      ...UserFields\n    }\n    signers {\n      role\n      nextReminderAt\n      lastRemindedAt\n      user {\n        ...UserFields\n      }\n      signature {\n        id\n        contentHash\n        signedAt\n        authMethod\n        signer {\n          ...UserFields\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment VersionFields on ContractVersion {\n    ...VersionSummaryFields\n    contentJson\n    consentStatement\n    declineReason\n    declinedBy {\n      ...UserFields\n    }\n    signingOrder {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  fragment VersionFields on ContractVersion {\n    ...VersionSummaryFields\n    contentJson\n    consentStatement\n    declineReason\n    declinedBy {\n      ...UserFields\n    }\n    signingOrder {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      proposalTitle\n      inviterName\n      role\n      expiresAt\n      status\n    }\n  }\n"): (typeof documents)["\n  query InvitationPreview($token: String!) {\n    invitation(token: $token) {\n      proposalTitle\n      inviterName\n      role\n      expiresAt\n      status\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyInvitations {\n    myInvitations {\n      id\n      proposalId\n      proposalTitle\n      role\n      createdAt\n      invitedBy {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyInvitations {\n    myInvitations {\n      id\n      proposalId\n      proposalTitle\n      role\n      createdAt\n      invitedBy {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptInvitation($token: String, $invitationId: ID) {\n    acceptInvitation(token: $token, invitationId: $invitationId) {\n      ...ParticipantFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptInvitation($token: String, $invitationId: ID) {\n    acceptInvitation(token: $token, invitationId: $invitationId) {\n      ...ParticipantFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeclineInvitation($invitationId: ID!) {\n    declineInvitation(invitationId: $invitationId)\n  }\n"): (typeof documents)["\n  mutation DeclineInvitation($invitationId: ID!) {\n    declineInvitation(invitationId: $invitationId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation IssueInviteLink($participantId: ID!) {\n    issueInviteLink(participantId: $participantId) {\n      ...ParticipantFields\n      inviteLink\n    }\n  }\n"): (typeof documents)["\n  mutation IssueInviteLink($participantId: ID!) {\n    issueInviteLink(participantId: $participantId) {\n      ...ParticipantFields\n      inviteLink\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendInvitation($participantId: ID!) {\n    resendInvitation(participantId: $participantId)\n  }\n"): (typeof documents)["\n  mutation ResendInvitation($participantId: ID!) {\n    resendInvitation(participantId: $participantId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RevokeInvitation($participantId: ID!) {\n    revokeInvitation(participantId: $participantId)\n  }\n"): (typeof documents)["\n  mutation RevokeInvitation($participantId: ID!) {\n    revokeInvitation(participantId: $participantId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameProposal($input: RenameProposalInput!) {\n    renameProposal(input: $input) {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  mutation RenameProposal($input: RenameProposalInput!) {\n    renameProposal(input: $input) {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ArchiveProposal($proposalId: ID!) {\n    archiveProposal(proposalId: $proposalId) {\n      id\n      archived\n    }\n  }\n"): (typeof documents)["\n  mutation ArchiveProposal($proposalId: ID!) {\n    archiveProposal(proposalId: $proposalId) {\n      id\n      archived\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UnarchiveProposal($proposalId: ID!) {\n    unarchiveProposal(proposalId: $proposalId) {\n      id\n      archived\n    }\n  }\n"): (typeof documents)["\n  mutation UnarchiveProposal($proposalId: ID!) {\n    unarchiveProposal(proposalId: $proposalId) {\n      id\n      archived\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteProposal($proposalId: ID!) {\n    deleteProposal(proposalId: $proposalId)\n  }\n"): (typeof documents)["\n  mutation DeleteProposal($proposalId: ID!) {\n    deleteProposal(proposalId: $proposalId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreVersion($versionId: ID!) {\n    restoreVersion(versionId: $versionId) {\n      id\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreVersion($versionId: ID!) {\n    restoreVersion(versionId: $versionId) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment NotificationFields on Notification {\n    id\n    kind\n    text\n    link\n    createdAt\n    readAt\n  }\n"): (typeof documents)["\n  fragment NotificationFields on Notification {\n    id\n    kind\n    text\n    link\n    createdAt\n    readAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      items {\n        ...NotificationFields\n      }\n      unread\n      next\n    }\n  }\n"): (typeof documents)["\n  query Notifications($first: Int) {\n    notifications(first: $first) {\n      items {\n        ...NotificationFields\n      }\n      unread\n      next\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription MyNotifications {\n    myNotifications {\n      ...NotificationFields\n      # Which proposal's data it makes stale (data/cache.ts), e.g. the reviews on REVIEW_WRITTEN.\n      proposal {\n        id\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription MyNotifications {\n    myNotifications {\n      ...NotificationFields\n      # Which proposal's data it makes stale (data/cache.ts), e.g. the reviews on REVIEW_WRITTEN.\n      proposal {\n        id\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"): (typeof documents)["\n  mutation MarkNotificationsRead($ids: [ID!]) {\n    markNotificationsRead(ids: $ids)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query UnsubscribeLink($token: String!) {\n    unsubscribeLink(token: $token) {\n      scope\n      description\n      maskedEmail\n      alreadyStopped\n    }\n  }\n"): (typeof documents)["\n  query UnsubscribeLink($token: String!) {\n    unsubscribeLink(token: $token) {\n      scope\n      description\n      maskedEmail\n      alreadyStopped\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Unsubscribe($token: String!) {\n    unsubscribe(token: $token) {\n      scope\n      description\n      stopped\n    }\n  }\n"): (typeof documents)["\n  mutation Unsubscribe($token: String!) {\n    unsubscribe(token: $token) {\n      scope\n      description\n      stopped\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyPasskeys {\n    me {\n      id\n      passkeys {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyPasskeys {\n    me {\n      id\n      passkeys {\n        id\n        name\n        createdAt\n        lastUsedAt\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartPasskeyRegistration {\n    startPasskeyRegistration\n  }\n"): (typeof documents)["\n  mutation StartPasskeyRegistration {\n    startPasskeyRegistration\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinishPasskeyRegistration($response: JSON!, $name: String) {\n    finishPasskeyRegistration(response: $response, name: $name) {\n      id\n      name\n      createdAt\n      lastUsedAt\n    }\n  }\n"): (typeof documents)["\n  mutation FinishPasskeyRegistration($response: JSON!, $name: String) {\n    finishPasskeyRegistration(response: $response, name: $name) {\n      id\n      name\n      createdAt\n      lastUsedAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  mutation RenamePasskey($id: ID!, $name: String!) {\n    renamePasskey(id: $id, name: $name) {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(id: $id)\n  }\n"): (typeof documents)["\n  mutation RemovePasskey($id: ID!) {\n    removePasskey(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartPasskeySignIn($email: String) {\n    startPasskeySignIn(email: $email)\n  }\n"): (typeof documents)["\n  mutation StartPasskeySignIn($email: String) {\n    startPasskeySignIn(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation FinishPasskeySignIn($response: JSON!) {\n    finishPasskeySignIn(response: $response) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation FinishPasskeySignIn($response: JSON!) {\n    finishPasskeySignIn(response: $response) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation StartVersionSigning($versionId: ID!) {\n    startVersionSigning(versionId: $versionId)\n  }\n"): (typeof documents)["\n  mutation StartVersionSigning($versionId: ID!) {\n    startVersionSigning(versionId: $versionId)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query MyNotificationPreferences {\n    me {\n      id\n      notificationPreferences {\n        channels {\n          kind\n          channel\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query MyNotificationPreferences {\n    me {\n      id\n      notificationPreferences {\n        channels {\n          kind\n          channel\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...AccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateProfile($input: UpdateProfileInput!) {\n    updateProfile(input: $input) {\n      ...AccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"): (typeof documents)["\n  mutation ChangePassword($input: ChangePasswordInput!) {\n    changePassword(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      channels {\n        kind\n        channel\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation UpdateNotificationPreferences($input: NotificationPreferencesInput!) {\n    updateNotificationPreferences(input: $input) {\n      channels {\n        kind\n        channel\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Proposals($archived: Boolean) {\n    proposals(archived: $archived) {\n      ...ProposalSummaryFields\n    }\n  }\n"): (typeof documents)["\n  query Proposals($archived: Boolean) {\n    proposals(archived: $archived) {\n      ...ProposalSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ProposalSummaryFields on Proposal {\n    id\n    title\n    createdAt\n    myRole\n    archived\n    participants {\n      id\n    }\n    versions {\n      id\n      number\n      status\n      canSign\n    }\n  }\n"): (typeof documents)["\n  fragment ProposalSummaryFields on Proposal {\n    id\n    title\n    createdAt\n    myRole\n    archived\n    participants {\n      id\n    }\n    versions {\n      id\n      number\n      status\n      canSign\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProposal($input: CreateProposalInput!) {\n    createProposal(input: $input) {\n      ...ProposalSummaryFields\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProposal($input: CreateProposalInput!) {\n    createProposal(input: $input) {\n      ...ProposalSummaryFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Proposal($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      createdAt\n      myRole\n      archived\n      participants {\n        ...ParticipantFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query Proposal($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      createdAt\n      myRole\n      archived\n      participants {\n        ...ParticipantFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposalAccess($id: ID!) {\n    proposal(id: $id) {\n      id\n    }\n  }\n"): (typeof documents)["\n  query ProposalAccess($id: ID!) {\n    proposal(id: $id) {\n      id\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AddParticipant($input: AddParticipantInput!) {\n    addParticipant(input: $input) {\n      ...ParticipantFields\n      inviteLink\n    }\n  }\n"): (typeof documents)["\n  mutation AddParticipant($input: AddParticipantInput!) {\n    addParticipant(input: $input) {\n      ...ParticipantFields\n      inviteLink\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ChangeParticipantRole($input: ChangeRoleInput!) {\n    changeParticipantRole(input: $input) {\n      ...ParticipantFields\n    }\n  }\n"): (typeof documents)["\n  mutation ChangeParticipantRole($input: ChangeRoleInput!) {\n    changeParticipantRole(input: $input) {\n      ...ParticipantFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RemoveParticipant($input: RemoveParticipantInput!) {\n    removeParticipant(input: $input)\n  }\n"): (typeof documents)["\n  mutation RemoveParticipant($input: RemoveParticipantInput!) {\n    removeParticipant(input: $input)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription ProposalEvents($proposalId: ID!) {\n    proposalEvents(proposalId: $proposalId) {\n      kind\n      proposalId\n      sections\n      at\n      version {\n        id\n        number\n        status\n      }\n      actor {\n        ...UserFields\n      }\n      participantId\n      participant {\n        ...ParticipantFields\n      }\n      changedFields\n      proposal {\n        id\n        title\n        archived\n      }\n      thread {\n        ...CommentThreadFields\n      }\n      suggestion {\n        id\n        status\n        summary\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  subscription ProposalEvents($proposalId: ID!) {\n    proposalEvents(proposalId: $proposalId) {\n      kind\n      proposalId\n      sections\n      at\n      version {\n        id\n        number\n        status\n      }\n      actor {\n        ...UserFields\n      }\n      participantId\n      participant {\n        ...ParticipantFields\n      }\n      changedFields\n      proposal {\n        id\n        title\n        archived\n      }\n      thread {\n        ...CommentThreadFields\n      }\n      suggestion {\n        id\n        status\n        summary\n        author {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      ...AccountFields\n    }\n  }\n"): (typeof documents)["\n  mutation VerifyEmail($token: String!) {\n    verifyEmail(token: $token) {\n      ...AccountFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResendVerificationEmail {\n    resendVerificationEmail\n  }\n"): (typeof documents)["\n  mutation ResendVerificationEmail {\n    resendVerificationEmail\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"): (typeof documents)["\n  mutation RequestPasswordReset($email: String!) {\n    requestPasswordReset(email: $email)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation ResetPassword($input: ResetPasswordInput!) {\n    resetPassword(input: $input) {\n      user {\n        ...AccountFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ReviewFields on Review {\n    id\n    proposalId\n    wouldHireAgain\n    communication\n    note\n    answer\n    answeredAt\n    createdAt\n    author {\n      ...UserFields\n    }\n    freelancer {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  fragment ReviewFields on Review {\n    id\n    proposalId\n    wouldHireAgain\n    communication\n    note\n    answer\n    answeredAt\n    createdAt\n    author {\n      ...UserFields\n    }\n    freelancer {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query EngagementEnd($id: ID!) {\n    proposal(id: $id) {\n      id\n      myRole\n      closedAt\n      closedBy {\n        ...UserFields\n      }\n      contractInForce {\n        id\n        signers {\n          role\n          user {\n            ...UserFields\n          }\n        }\n      }\n      milestones {\n        id\n        state\n      }\n      reviews {\n        ...ReviewFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query EngagementEnd($id: ID!) {\n    proposal(id: $id) {\n      id\n      myRole\n      closedAt\n      closedBy {\n        ...UserFields\n      }\n      contractInForce {\n        id\n        signers {\n          role\n          user {\n            ...UserFields\n          }\n        }\n      }\n      milestones {\n        id\n        state\n      }\n      reviews {\n        ...ReviewFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CloseEngagement($proposalId: ID!) {\n    closeEngagement(proposalId: $proposalId) {\n      id\n      closedAt\n      closedBy {\n        ...UserFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CloseEngagement($proposalId: ID!) {\n    closeEngagement(proposalId: $proposalId) {\n      id\n      closedAt\n      closedBy {\n        ...UserFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation ReviewFreelancer($input: ReviewInput!) {\n    reviewFreelancer(input: $input) {\n      ...ReviewFields\n    }\n  }\n"): (typeof documents)["\n  mutation ReviewFreelancer($input: ReviewInput!) {\n    reviewFreelancer(input: $input) {\n      ...ReviewFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerReview($input: AnswerReviewInput!) {\n    answerReview(input: $input) {\n      ...ReviewFields\n    }\n  }\n"): (typeof documents)["\n  mutation AnswerReview($input: AnswerReviewInput!) {\n    answerReview(input: $input) {\n      ...ReviewFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SuggestionFields on Suggestion {\n    id\n    proposalId\n    kind\n    section\n    itemId\n    field\n    status\n    summary\n    createdAt\n    currentValue\n    proposedValue\n    author {\n      ...UserFields\n    }\n  }\n"): (typeof documents)["\n  fragment SuggestionFields on Suggestion {\n    id\n    proposalId\n    kind\n    section\n    itemId\n    field\n    status\n    summary\n    createdAt\n    currentValue\n    proposedValue\n    author {\n      ...UserFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query OpenSuggestions($id: ID!) {\n    proposal(id: $id) {\n      id\n      suggestions(status: OPEN) {\n        ...SuggestionFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query OpenSuggestions($id: ID!) {\n    proposal(id: $id) {\n      id\n      suggestions(status: OPEN) {\n        ...SuggestionFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SuggestChange($input: SuggestChangeInput!) {\n    suggestChange(input: $input) {\n      ...SuggestionFields\n    }\n  }\n"): (typeof documents)["\n  mutation SuggestChange($input: SuggestChangeInput!) {\n    suggestChange(input: $input) {\n      ...SuggestionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptSuggestion($id: ID!, $proposalId: ID) {\n    acceptSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptSuggestion($id: ID!, $proposalId: ID) {\n    acceptSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectSuggestion($id: ID!, $proposalId: ID) {\n    rejectSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n"): (typeof documents)["\n  mutation RejectSuggestion($id: ID!, $proposalId: ID) {\n    rejectSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation WithdrawSuggestion($id: ID!, $proposalId: ID) {\n    withdrawSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n"): (typeof documents)["\n  mutation WithdrawSuggestion($id: ID!, $proposalId: ID) {\n    withdrawSuggestion(id: $id, proposalId: $proposalId) {\n      ...SuggestionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AcceptSuggestions($proposalId: ID!, $authorId: ID!) {\n    acceptSuggestions(proposalId: $proposalId, authorId: $authorId) {\n      ...SuggestionFields\n    }\n  }\n"): (typeof documents)["\n  mutation AcceptSuggestions($proposalId: ID!, $authorId: ID!) {\n    acceptSuggestions(proposalId: $proposalId, authorId: $authorId) {\n      ...SuggestionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RejectSuggestions($proposalId: ID!, $authorId: ID!) {\n    rejectSuggestions(proposalId: $proposalId, authorId: $authorId) {\n      ...SuggestionFields\n    }\n  }\n"): (typeof documents)["\n  mutation RejectSuggestions($proposalId: ID!, $authorId: ID!) {\n    rejectSuggestions(proposalId: $proposalId, authorId: $authorId) {\n      ...SuggestionFields\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Templates {\n    templates {\n      key\n      title\n      description\n    }\n  }\n"): (typeof documents)["\n  query Templates {\n    templates {\n      key\n      title\n      description\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateProposalFrom($input: CreateFromInput!) {\n    createProposalFrom(input: $input) {\n      id\n      title\n    }\n  }\n"): (typeof documents)["\n  mutation CreateProposalFrom($input: CreateFromInput!) {\n    createProposalFrom(input: $input) {\n      id\n      title\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment WebhookFields on Webhook {\n    id\n    url\n    events\n    enabled\n    disabledAt\n    deliveries(first: 20) {\n      id\n      event\n      attempt\n      status\n      responseCode\n      deliveredAt\n      nextAttemptAt\n    }\n  }\n"): (typeof documents)["\n  fragment WebhookFields on Webhook {\n    id\n    url\n    events\n    enabled\n    disabledAt\n    deliveries(first: 20) {\n      id\n      event\n      attempt\n      status\n      responseCode\n      deliveredAt\n      nextAttemptAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposalWebhooks($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n      webhooks {\n        ...WebhookFields\n      }\n    }\n  }\n"): (typeof documents)["\n  query ProposalWebhooks($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n      webhooks {\n        ...WebhookFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query ProposalRole($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n    }\n  }\n"): (typeof documents)["\n  query ProposalRole($id: ID!) {\n    proposal(id: $id) {\n      id\n      title\n      myRole\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        ...WebhookFields\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateWebhook($input: CreateWebhookInput!) {\n    createWebhook(input: $input) {\n      secret\n      webhook {\n        ...WebhookFields\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"): (typeof documents)["\n  mutation DeleteWebhook($id: ID!) {\n    deleteWebhook(id: $id)\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation EnableWebhook($id: ID!) {\n    enableWebhook(id: $id) {\n      ...WebhookFields\n    }\n  }\n"): (typeof documents)["\n  mutation EnableWebhook($id: ID!) {\n    enableWebhook(id: $id) {\n      ...WebhookFields\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;