import { graphql } from '../gql';

export const CommentFields = graphql(`
  fragment CommentFields on Comment {
    id
    threadId
    body
    createdAt
    editedAt
    author {
      ...UserFields
    }
    mentions {
      id
    }
  }
`);

export const CommentThreadFields = graphql(`
  fragment CommentThreadFields on CommentThread {
    id
    proposalId
    status
    createdAt
    lastActivityAt
    resolvedAt
    resolvedBy {
      ...UserFields
    }
    anchor {
      section
      itemId
      field
      from
      to
      quote
    }
    comments {
      ...CommentFields
    }
  }
`);

/** Every thread of a proposal, newest activity first; the panel filters by status itself. */
export const ProposalThreadsQuery = graphql(`
  query ProposalThreads($id: ID!) {
    proposal(id: $id) {
      id
      threads {
        ...CommentThreadFields
      }
    }
  }
`);

/** The threads that were open when a version was frozen. */
export const VersionThreadsQuery = graphql(`
  query VersionThreads($id: ID!) {
    contractVersion(id: $id) {
      id
      threads {
        ...CommentThreadFields
      }
    }
  }
`);

export const StartThreadMutation = graphql(`
  mutation StartThread($input: StartThreadInput!) {
    startThread(input: $input) {
      ...CommentThreadFields
    }
  }
`);

export const ReplyToThreadMutation = graphql(`
  mutation ReplyToThread($input: ReplyInput!) {
    replyToThread(input: $input) {
      ...CommentFields
    }
  }
`);

export const EditCommentMutation = graphql(`
  mutation EditComment($input: EditCommentInput!) {
    editComment(input: $input) {
      ...CommentFields
    }
  }
`);

export const DeleteCommentMutation = graphql(`
  mutation DeleteComment($commentId: ID!) {
    deleteComment(commentId: $commentId)
  }
`);

export const ResolveThreadMutation = graphql(`
  mutation ResolveThread($threadId: ID!) {
    resolveThread(threadId: $threadId) {
      ...CommentThreadFields
    }
  }
`);

export const ReopenThreadMutation = graphql(`
  mutation ReopenThread($threadId: ID!) {
    reopenThread(threadId: $threadId) {
      ...CommentThreadFields
    }
  }
`);
