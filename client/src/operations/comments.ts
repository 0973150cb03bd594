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

/**
 * A thread as a version kept it, at its freeze. The ids come under other names on
 * purpose: without an `id` the cache keeps the thread and its comments inside their
 * version (see `keys` in data/cache.ts), so neither the live thread nor another
 * version's copy of it overwrites what this version shows.
 */
export const KeptThreadFields = graphql(`
  fragment KeptThreadFields on CommentThread {
    threadId: id
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
      commentId: id
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
  }
`);

/** The threads that were open when a version was frozen, as they were then. */
export const VersionThreadsQuery = graphql(`
  query VersionThreads($id: ID!) {
    contractVersion(id: $id) {
      id
      threads {
        ...KeptThreadFields
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
