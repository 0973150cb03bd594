import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginCacheControlDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from '../logger.js';
import type { Context } from './context.js';
import { formatGraphQLError } from './errors.js';
import { apolloHardening } from './hardening.js';

/** Apollo Server with the shared hardening, CSRF prevention, no batching and masked errors. */
export async function createApollo(schema: GraphQLSchema, log: Logger, production: boolean): Promise<ApolloServer<Context>> {
  const hardening = apolloHardening(production);
  const apollo = new ApolloServer<Context>({
    schema,
    // Responses are per-user and never cached: skip cache-control work on every field.
    plugins: [...hardening.plugins, ApolloServerPluginLandingPageDisabled(), ApolloServerPluginCacheControlDisabled()],
    validationRules: hardening.validationRules,
    parseOptions: hardening.parseOptions,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The process owns shutdown order (HTTP, collaboration, database last).
    stopOnTerminationSignals: false,
    introspection: !production,
    includeStacktraceInErrorResponses: false,
    formatError: formatGraphQLError(log),
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
