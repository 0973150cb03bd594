import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginLandingPageDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../logger.js';
import { requestLogOf, tagError } from '../observability/request-log.js';
import type { Context } from '../modules/context.js';
import { formatGraphQLError } from './errors.js';
import { apolloHardening } from './hardening.js';
import { compiledQueries } from './compiled-queries.js';

export interface ApolloOptions {
  /** More plugins (metrics). */
  plugins?: ApolloServerPlugin<Context>[];
}

/**
 * Apollo formats errors without their request; this notes each error's request logger
 * first, so the line logging a masked error carries the request's id.
 */
const errorsKnowTheirRequest: ApolloServerPlugin<Context> = {
  async requestDidStart({ contextValue }) {
    return {
      async didEncounterErrors({ errors }) {
        for (const error of errors) tagError(error, contextValue.log);
      },
    };
  },
};

/** Apollo Server with the shared hardening, CSRF prevention, no batching and masked errors. */
export async function createApollo(
  schema: GraphQLSchema,
  log: Logger,
  production: boolean,
  options: ApolloOptions = {},
): Promise<ApolloServer<Context>> {
  const hardening = apolloHardening(production);
  const format = formatGraphQLError(log, { production });
  const apollo = new ApolloServer<Context>({
    schema,
    plugins: [
      errorsKnowTheirRequest,
      ...hardening.plugins,
      // Responses are per-user and never cached: skip cache-control work on every field.
      ApolloServerPluginLandingPageDisabled(),
      ApolloServerPluginCacheControlDisabled(),
      ...(options.plugins ?? []),
      // Last: every other plugin sees the request before a compiled query answers it.
      compiledQueries(schema) as ApolloServerPlugin<Context>,
    ],
    validationRules: hardening.validationRules,
    parseOptions: hardening.parseOptions,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The process owns shutdown order (HTTP, collaboration, database last).
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: (formatted, error) => {
      const requestLog = requestLogOf(error);
      return (requestLog ? formatGraphQLError(requestLog, { production }) : format)(formatted, error);
    },
    logger: {
      debug: (message) => log.debug(message),
      info: (message) => log.info(message),
      warn: (message) => log.warn(message),
      error: (message) => log.error(message),
    },
  });
  await apollo.start();
  return apollo;
}
