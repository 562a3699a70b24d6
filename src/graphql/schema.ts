/** The ledger's GraphQL schema, built from the resolvers' decorators. */
import 'reflect-metadata';
import { type GraphQLSchema, lexicographicSortSchema, printSchema } from './graphql-js.js';
import { buildSchema } from 'type-graphql';
import { authChecker } from './auth/auth-checker.js';
import { ViewerResolver } from './viewer/viewer.resolver.js';

export async function buildLedgerSchema(): Promise<GraphQLSchema> {
  return buildSchema({
    resolvers: [ViewerResolver],
    authChecker,
    // No class-validator: inputs are checked by their scalars and by the domain.
    validate: false,
  });
}

/** The SDL as committed in schema/schema.graphql: sorted, so it changes only when the schema does. */
export async function ledgerSdl(): Promise<string> {
  const sdl = printSchema(lexicographicSortSchema(await buildLedgerSchema()));
  return `# Emitted from the resolvers by \`npm run schema:emit\`; never edit by hand.\n\n${sdl}\n`;
}
