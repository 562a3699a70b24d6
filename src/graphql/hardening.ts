/**
 * Limits every operation must pass before it runs: depth, aliases, cost and directives
 * (graphql-armor validation rules), and tokens (graphql-js's own parser limit). The same rules
 * serve the HTTP server and in-process execution (tests, benchmarks), so both refuse the same
 * operations.
 */
import { ApolloArmor } from '@escape.tech/graphql-armor';
import type { ParseOptions } from 'graphql';

export const LIMITS = {
  /** The deepest example operation (an enterprise's balance lines with their benefit line) is 8. */
  maxDepth: 10,
  maxAliases: 10,
  /**
   * graphql-armor's estimate grows with depth and with literal page sizes: a page of 100 rows with
   * three nested objects costs about 13,000; a list nested in a list of 100 goes far beyond.
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
    costLimit: { maxCost: LIMITS.maxCost },
    maxTokens: { enabled: false },
    maxDirectives: { n: LIMITS.maxDirectives },
    // Field suggestions are formatError's to hide in production.
    blockFieldSuggestion: { enabled: false },
  }).protect();
}
