/**
 * Every error code a client can see in `extensions.code`. The server maps each
 * domain failure to one of these; anything else is masked as INTERNAL_SERVER_ERROR.
 */
export const ErrorCode = {
  UNAUTHENTICATED: 'UNAUTHENTICATED',
  FORBIDDEN: 'FORBIDDEN',
  NOT_FOUND: 'NOT_FOUND',
  BAD_USER_INPUT: 'BAD_USER_INPUT',
  BRIEF_NOT_READY: 'BRIEF_NOT_READY',
  CONFLICT: 'CONFLICT',
  RATE_LIMITED: 'RATE_LIMITED',
  REVISION_BUDGET_EXHAUSTED: 'REVISION_BUDGET_EXHAUSTED',
  INTERNAL_SERVER_ERROR: 'INTERNAL_SERVER_ERROR',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Human-readable default message per code; services give more specific ones. */
export const ERROR_MESSAGES: Record<ErrorCode, string> = {
  UNAUTHENTICATED: 'You must be signed in.',
  FORBIDDEN: 'You are not allowed to do this.',
  NOT_FOUND: 'Not found.',
  BAD_USER_INPUT: 'The input is not valid.',
  BRIEF_NOT_READY: 'The brief is not ready to be frozen.',
  CONFLICT: 'This conflicts with the current state.',
  RATE_LIMITED: 'Too many attempts. Try again later.',
  REVISION_BUDGET_EXHAUSTED: 'Every revision round the contract allows is used; propose a change order for more.',
  INTERNAL_SERVER_ERROR: 'Internal server error.',
};
