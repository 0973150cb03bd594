import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ApolloServerPlugin } from '@apollo/server';
import type { ValidationRule } from 'graphql';
import { LIMITS } from '@brieflock/schema';

/**
 * The one definition of what a GraphQL operation may cost, shared by every
 * transport (HTTP now, WebSocket subscriptions too) so they refuse the same queries.
 */
type GraphQLArmorConfig = NonNullable<ConstructorParameters<typeof ApolloArmor>[0]>;

export function armorConfig(production: boolean): GraphQLArmorConfig {
  return {
    maxDepth: { n: LIMITS.graphqlMaxDepth, exposeLimits: true, flattenFragments: true },
    maxAliases: { n: LIMITS.graphqlMaxAliases, exposeLimits: true },
    costLimit: { maxCost: LIMITS.graphqlMaxCost, exposeLimits: true },
    maxTokens: { n: LIMITS.graphqlMaxTokens, exposeLimits: true },
    maxDirectives: { n: LIMITS.graphqlMaxDirectives, exposeLimits: true },
    blockFieldSuggestion: { enabled: production },
  };
}

export interface Hardening {
  plugins: ApolloServerPlugin[];
  validationRules: ValidationRule[];
  /** Options for Apollo's `parse`: the token limit is enforced while parsing. */
  parseOptions: { maxTokens: number };
}

/** Apollo plugins, validation rules and parse options enforcing `armorConfig`. */
export function apolloHardening(production: boolean): Hardening {
  // graphql-armor's Apollo token plugin throws from `parsingDidStart`, which Apollo
  // answers with a 500 and which re-labels every unexpected error as a validation
  // error. graphql-js counts tokens the same way in `parse`, and Apollo answers its
  // syntax errors with a 400 GRAPHQL_PARSE_FAILED.
  const config: GraphQLArmorConfig = { ...armorConfig(production), maxTokens: { enabled: false } };
  const { plugins, validationRules } = new ApolloArmor(config).protect();
  // graphql-armor's plugin type comes from its own @apollo/server copy.
  return {
    plugins: plugins as unknown as ApolloServerPlugin[],
    validationRules,
    parseOptions: { maxTokens: LIMITS.graphqlMaxTokens },
  };
}
