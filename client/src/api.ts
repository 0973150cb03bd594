import { ERROR_MESSAGES, ErrorCode } from '@brieflock/schema';

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

interface GraphQLErrorShape {
  message?: unknown;
  extensions?: ({ code?: unknown } & Record<string, unknown>) | null;
}

interface GraphQLResponse<T> {
  data?: T | null;
  errors?: GraphQLErrorShape[] | null;
}

const KNOWN_CODES: ReadonlySet<string> = new Set(Object.values(ErrorCode));

const toErrorCode = (code: unknown): ErrorCode =>
  typeof code === 'string' && KNOWN_CODES.has(code) ? (code as ErrorCode) : ErrorCode.INTERNAL_SERVER_ERROR;

const NETWORK_MESSAGE = 'Could not reach Brieflock. Check your connection and try again.';

type Listener = () => void;
const unauthenticatedListeners = new Set<Listener>();

/** Called whenever the server answers UNAUTHENTICATED (e.g. the session cookie expired). */
export function onUnauthenticated(listener: Listener): () => void {
  unauthenticatedListeners.add(listener);
  return () => {
    unauthenticatedListeners.delete(listener);
  };
}

export const isAbortError = (error: unknown): boolean => error instanceof DOMException && error.name === 'AbortError';

/** Turns anything thrown into a message fit for an alert. */
export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return ERROR_MESSAGES.INTERNAL_SERVER_ERROR;
}

/**
 * POSTs a GraphQL operation to the same-origin endpoint. Authentication rides on the
 * httpOnly session cookie; the client never sees or stores a token.
 * Resolves with `data`, or rejects with an ApiError built from the first GraphQL error.
 */
export async function gql<TData>(
  query: string,
  variables?: Record<string, unknown>,
  signal?: AbortSignal,
): Promise<TData> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query, variables }),
      signal,
    });
  } catch (error) {
    if (isAbortError(error)) throw error;
    throw new ApiError(NETWORK_MESSAGE, ErrorCode.INTERNAL_SERVER_ERROR);
  }

  let body: GraphQLResponse<TData> | null = null;
  try {
    body = (await response.json()) as GraphQLResponse<TData>;
  } catch (error) {
    if (isAbortError(error)) throw error;
    body = null;
  }

  const first = body?.errors?.[0];
  if (first) {
    const code = toErrorCode(first.extensions?.code);
    if (code === ErrorCode.UNAUTHENTICATED) unauthenticatedListeners.forEach((listener) => listener());
    const message = typeof first.message === 'string' && first.message ? first.message : ERROR_MESSAGES[code];
    const details: Record<string, unknown> = { ...first.extensions };
    delete details.code;
    throw new ApiError(message, code, details);
  }

  if (!response.ok || !body || body.data == null) {
    const code = response.status === 429 ? ErrorCode.RATE_LIMITED : ErrorCode.INTERNAL_SERVER_ERROR;
    throw new ApiError(ERROR_MESSAGES[code], code);
  }
  return body.data;
}
