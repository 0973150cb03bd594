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
}

/** Apollo plugins and validation rules enforcing `armorConfig`. */
export function apolloHardening(production: boolean): Hardening {
  const { plugins, validationRules } = new ApolloArmor(armorConfig(production)).protect();
  // graphql-armor's plugin type comes from its own @apollo/server copy.
  return { plugins: plugins as unknown as ApolloServerPlugin[], validationRules };
}
