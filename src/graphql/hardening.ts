/**
 * Limits every operation must pass before it runs: depth, aliases and directives (graphql-armor
 * validation rules), and tokens (graphql-js's own parser limit). The same rules serve the HTTP
 * server and in-process execution (tests, benchmarks), so both refuse the same operations. The
 * cost needs the request's variables: cost-limit.ts counts it for each request the server runs.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions } from 'graphql';

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

export function armor() {
  return new ApolloArmor({
    maxDepth: { n: LIMITS.maxDepth },
    maxAliases: { n: LIMITS.maxAliases },
    // The cost is counted with the request's variables, by cost-limit.ts.
    costLimit: { enabled: false },
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    // Field suggestions are formatError's to hide in production.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}
