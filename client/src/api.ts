import { ERROR_MESSAGES, ErrorCode } from '@brieflock/schema';
import { CombinedError } from 'urql';

/** An error the user can read, carrying the server's `extensions.code`. */
export class ApiError extends Error {
  readonly code: ErrorCode;
  /** The rest of the server's `extensions`, e.g. `checks` on BRIEF_NOT_READY. */
  readonly details: Readonly<Record<string, unknown>>;

  constructor(message: string, code: ErrorCode, details: Record<string, unknown> = {}) {
    super(message);
    this.name = 'ApiError';
    this.code = code;
    this.details = details;
  }
}

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

const toErrorCode = (code: unknown): ErrorCode =>
  typeof code === 'string' && KNOWN_CODES.has(code) ? (code as ErrorCode) : ErrorCode.INTERNAL_SERVER_ERROR;

const NETWORK_MESSAGE = 'Could not reach Brieflock. Check your connection and try again.';

/**
 * A server message as a sentence for people: one still written `field: problem` (by an
 * older server) loses its field prefix, which forms show beside the field instead.
 */
export function readableMessage(message: string): string {
  const match = /^[A-Za-z][\w.]*: (.+)$/s.exec(message.trim());
  const text = match ? match[1]! : message.trim();
  const capital = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?…]$/.test(capital) || capital === '' ? capital : `${capital}.`;
}

/**
 * What urql reports, as the user should read it: the first GraphQL error with its code
 * and details; a server that answered without GraphQL (429 or a broken body); or no
 * answer at all.
 */
export function toApiError(error: CombinedError): ApiError {
  const [first] = error.graphQLErrors;
  if (first) {
    const code = toErrorCode(first.extensions?.code);
    const details: Record<string, unknown> = { ...first.extensions };
    delete details.code;
    return new ApiError(first.message ? readableMessage(first.message) : ERROR_MESSAGES[code], code, details);
  }
  const status = (error.response as Response | undefined)?.status;
  if (status === undefined) return new ApiError(NETWORK_MESSAGE, ErrorCode.INTERNAL_SERVER_ERROR);
  const code = status === 429 ? ErrorCode.RATE_LIMITED : ErrorCode.INTERNAL_SERVER_ERROR;
  return new ApiError(ERROR_MESSAGES[code], code);
}

/** Turns anything thrown or reported into a message fit for an alert. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  if (error instanceof CombinedError) return toApiError(error).message;
  return ERROR_MESSAGES.INTERNAL_SERVER_ERROR;
}

/**
 * A refusal split for a form: the message beside the field the server named (`fields`
 * lists the form's own), or, for anything else, a message for the whole form.
 */
export function refusal(error: unknown, fields: readonly string[]): { field: string | null; message: string } {
  const field = error instanceof ApiError && typeof error.details.field === 'string' ? error.details.field : null;
  return { field: field && fields.includes(field) ? field : null, message: errorMessage(error) };
}

/**
 * The data of a mutation's result, or its error thrown as an ApiError, so a form can
 * `await` it inside try/catch as it would any call.
 */
export function dataOrThrow<Data>(result: { data?: Data | null; error?: CombinedError }): Data {
  if (result.error) throw toApiError(result.error);
  if (result.data == null) throw new ApiError(ERROR_MESSAGES.INTERNAL_SERVER_ERROR, ErrorCode.INTERNAL_SERVER_ERROR);
  return result.data;
}

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server answers UNAUTHENTICATED (e.g. the session cookie expired). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => {
    unauthenticatedListeners.delete(listener);
  };
}

/** Tells the listeners when an answer says the session is gone; the data client calls it on every error. */
export function reportError(error: CombinedError): void {
  if (toApiError(error).code === ErrorCode.UNAUTHENTICATED) for (const listener of unauthenticatedListeners) listener();
}
