import { unwrapResolverError } from '@apollo/server/errors';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { ErrorCode, ERROR_MESSAGES } from '@brieflock/schema';
import { DomainError } from '../errors.js';
import type { Logger } from '../logger.js';

/** Codes GraphQL itself and Apollo attach to malformed requests: safe to show as they are. */
const REQUEST_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

/**
 * graphql-js appends "Did you mean …?" to unknown fields, arguments, input fields, types
 * and enum values, naming what the schema has. In production that hands out the schema
 * that introspection is turned off to hide, so every suggestion is cut off the message.
 */
export function withoutSuggestions(message: string): string {
  const at = message.search(/\s*Did you mean /);
  return at === -1 ? message : message.slice(0, at);
}

/**
 * Turns any error into what a client may see. Domain errors keep their code,
 * message and details; request errors (parse, validation, variables) pass; anything
 * else is logged and masked as INTERNAL_SERVER_ERROR, with no stack, SQL or driver text.
 */
export function formatGraphQLError(log: Logger, options: { production?: boolean } = {}) {
  return (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const original = unwrapResolverError(error);
    const base = { locations: formatted.locations, path: formatted.path };
    if (original instanceof DomainError) {
      return { ...base, message: original.message, extensions: { ...original.details, code: original.code } };
    }
    const code = formatted.extensions?.code;
    if (typeof code === 'string' && REQUEST_CODES.has(code) && original instanceof GraphQLError) {
      const { stacktrace: _stack, ...extensions } = formatted.extensions ?? {};
      const message = options.production ? withoutSuggestions(formatted.message) : formatted.message;
      return { ...base, message, extensions };
    }
    log.error({ err: original, path: formatted.path }, 'unexpected error in GraphQL operation');
    return {
      ...base,
      message: ERROR_MESSAGES.INTERNAL_SERVER_ERROR,
      extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
    };
  };
}
