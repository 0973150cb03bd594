import { GraphQLID, GraphQLScalarType } from 'graphql';
import { canonicalId } from '../validation.js';

/**
 * The schema's `ID`, used for every id field and argument instead of graphql-js's own:
 * it reads exactly what GraphQL's `ID` reads and hands resolvers the one spelling of the
 * id (`canonicalId`), so every argument and every id inside an input is canonical before
 * any resolver, policy, room or topic sees it. Output is GraphQL's `ID` unchanged.
 * Keeping the name `ID` leaves the SDL and every client's documents as they were; a
 * schema that still used graphql-js's `ID` somewhere would fail to build (two types
 * named `ID`), so none can slip past.
 */
export const ID = new GraphQLScalarType<string, string>({
  name: 'ID',
  description: GraphQLID.description,
  specifiedByURL: GraphQLID.specifiedByURL,
  serialize: (value) => GraphQLID.serialize(value),
  parseValue: (value) => canonicalId(GraphQLID.parseValue(value)),
  parseLiteral: (ast, variables) => canonicalId(GraphQLID.parseLiteral(ast, variables)),
});
