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
  INTERNAL_SERVER_ERROR: 'Internal server error.',
};

/** WebSocket close codes used by the collaboration and subscription sockets. */
export const CloseCode = {
  UNAUTHENTICATED: 4401,
  FORBIDDEN: 4403,
  NOT_FOUND: 4404,
  MESSAGE_TOO_BIG: 1009,
  PROTOCOL_ERROR: 1002,
  RATE_LIMITED: 4429,
  PARTICIPANT_REMOVED: 4410,
  /** The document reached its size limit; the update was not applied. */
  DOCUMENT_TOO_LARGE: 4413,
  /** The document could not be loaded from storage; nothing was sent or stored. */
  LOAD_FAILED: 4503,
  /** The server is shutting down; reconnect (to another instance). */
  GOING_AWAY: 1001,
} as const;
