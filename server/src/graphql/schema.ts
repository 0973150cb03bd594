import { lexicographicSortSchema, printSchema, type GraphQLSchema } from 'graphql';
import { buildSchema } from 'type-graphql';
import { AccountResolver } from '../modules/accounts/account.resolver.js';
import { DraftResolver } from '../modules/briefs/draft.resolver.js';
import { ParticipantResolver } from '../modules/proposals/participant.resolver.js';
import { ProposalResolver } from '../modules/proposals/proposal.resolver.js';

export const RESOLVERS = [AccountResolver, ProposalResolver, ParticipantResolver, DraftResolver] as const;

/** Builds the executable schema from the resolvers (no file is written at run time). */
export function buildAppSchema(): Promise<GraphQLSchema> {
  return buildSchema({ resolvers: RESOLVERS, validate: false, emitSchemaFile: false });
}

/** The SDL as committed in `schema/schema.graphql`: sorted so that diffs stay small. */
export function printSortedSchema(schema: GraphQLSchema): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}
