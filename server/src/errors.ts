import { ERROR_MESSAGES, ErrorCode } from '@brieflock/schema';

/**
 * A failure the caller is meant to see: a stable code from the registry in
 * `@brieflock/schema`, a message, and optional details (e.g. the invalid field).
 * Every other error reaching a transport is masked as an internal error.
 */
export class DomainError extends Error {
  override name = 'DomainError';
  constructor(
    readonly code: Exclude<ErrorCode, 'INTERNAL_SERVER_ERROR'>,
    message: string = ERROR_MESSAGES[code],
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

export const unauthenticated = (message?: string) => new DomainError(ErrorCode.UNAUTHENTICATED, message);
export const forbidden = (message?: string) => new DomainError(ErrorCode.FORBIDDEN, message);
export const notFound = (message?: string) => new DomainError(ErrorCode.NOT_FOUND, message);
export const conflict = (message?: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.CONFLICT, message, details);
export const rateLimited = (message?: string, details?: Record<string, unknown>) =>
  new DomainError(ErrorCode.RATE_LIMITED, message, details);

/** Invalid input: the message and `field` name what to fix. */
/** A message as a sentence: capitalised, ending in a full stop unless it ends in other punctuation. */
export const asSentence = (message: string): string => {
  const text = message.trim();
  if (text === '') return text;
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…)"”]$/.test(capital) ? capital : `${capital}.`;
};

/** BAD_USER_INPUT: the message reads as a sentence; which input it is about is in `extensions.field`. */
export const badInput = (field: string, message: string) =>
  new DomainError(ErrorCode.BAD_USER_INPUT, asSentence(message), { field });
