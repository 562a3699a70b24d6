/**
 * Limits every operation must pass before it runs: depth, aliases and directives (graphql-armor
 * validation rules), tokens (graphql-js's own parser limit), and an operation type the schema has
 * (no subscriptions). The same rules serve the HTTP server and in-process execution (tests,
 * benchmarks), so both refuse the same operations. The cost needs the request's variables:
 * cost-limit.ts counts it for each request the server runs.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';

export const LIMITS = {
  /** The deepest example operation (an enterprise's balance lines with their benefit line) is 8. */
  maxDepth: 10,
  maxAliases: 10,
  /**
   * cost-limit.ts counts a page of 100 rows with three nested objects at about 1,000; a list of 100
   * nested in a list of 100 at about 50,000.
   */
  maxCost: 25_000,
  maxTokens: 2_000,
  maxDirectives: 20,
} as const;

/**
 * The parser stops at the token limit itself; armor's token plugin would hook every request and
 * parse a new document a second time.
 */
export const parseOptions: ParseOptions = { maxTokens: LIMITS.maxTokens };

/**
 * Refuses an operation whose type the schema does not have (a subscription): graphql-js 16 would
 * only find out when executing it, and fail as an internal error. graphql-js 17's KnownOperationTypesRule.
 */
const knownOperationType: ValidationRule = (context) => ({
  OperationDefinition(operation) {
    if (!context.getSchema().getRootType(operation.operation)) {
      context.reportError(new GraphQLError(`The ${operation.operation} operation is not supported by this API.`, { nodes: operation }));
    }
  },
});

/**
 * Reports armor's refusal as a validation error that names the limit, in place of its
 * "Syntax Error: Query depth limit of 10 exceeded, found 12.": the operation parsed well.
 */
function refusal(sentence: (found: string, limit: string) => string) {
  const ARMOR = /^Syntax Error: .* limit of (\d+) exceeded, found (\d+)\.$/;
  const report = (context: ValidationContext | null, error: GraphQLError) => {
    const message = error.message.replace(ARMOR, (_, limit: string, found: string) => sentence(found, limit));
    context?.reportError(new GraphQLError(message));
  };
  return { propagateOnRejection: false, onReject: [report] };
}

export function armor() {
  const { validationRules } = new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth, ...refusal((found, limit) => `query depth ${found} exceeds the limit of ${limit}`) },
    maxAliases: { n: LIMITS.maxAliases, ...refusal((found, limit) => `${found} aliases exceed the limit of ${limit}`) },
    // The cost is counted with the request's variables, by cost-limit.ts.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives, ...refusal((found, limit) => `${found} directives exceed the limit of ${limit}`) },
    // Field suggestions are formatError's to hide in production.
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return { validationRules: [knownOperationType, ...validationRules] };
}
