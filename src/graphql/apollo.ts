/**
 * The Apollo server: one schema, its operations compiled, one formatError, the armor's limits and the cost limit, no batching, CSRF
 * prevention. Apollo awaits every plugin at each stage of every request, so only plugins with
 * work to do are installed (the disabled ones replace defaults Apollo would add otherwise).
 * Automatic persisted queries stay on (Apollo's default): a client that sends a query's SHA-256
 * instead of its text spares the server the body and the hashing; only validated queries are kept,
 * in Apollo's bounded in-memory cache.
 */
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import {
  ApolloServerPluginCacheControlDisabled,
  ApolloServerPluginInlineTraceDisabled,
  ApolloServerPluginLandingPageDisabled,
  ApolloServerPluginUsageReportingDisabled,
} from '@apollo/server/plugin/disabled';
import type { GraphQLSchema } from 'graphql';
import type { Logger } from 'pino';
import { errorLogger, formatErrorFor } from './errors/format-error.js';
import { compiledGateway } from './compiled-execution.js';
import { costLimitPlugin } from './cost-limit.js';
import { explorerLandingPage } from './explorer/explorer.js';
import { armor, parseOptions } from './hardening.js';

export interface ApolloOptions {
  schema: GraphQLSchema;
  /** Production: no introspection, no explorer, no field suggestions in errors. */
  production: boolean;
  logger: Logger;
  plugins?: ApolloServerPlugin[];
}

export function createApolloServer<Context extends BaseContext & { requestId: string }>(options: ApolloOptions) {
  const { validationRules } = armor();
  return new ApolloServer<Context>({
    // The schema, and graphql-jit's compiled operations to run on it (compiled-execution.ts).
    gateway: compiledGateway(options.schema),
    formatError: formatErrorFor(options),
    includeStacktraceInErrorResponses: false,
    introspection: !options.production,
    // formatError hides field suggestions in production, in validation and variable errors alike;
    // Apollo's own option hooks every request and reaches validation errors only.
    hideSchemaDetailsFromClientErrors: false,
    allowBatchedHttpRequests: false,
    csrfPrevention: true,
    // The process's owner (main.ts) stops the server, then the stores, in that order.
    stopOnTerminationSignals: false,
    parseOptions,
    validationRules,
    logger: options.logger,
    plugins: [
      errorLogger(options.logger),
      costLimitPlugin(options.schema),
      // No HTTP caching of answers about public money, and no per-field hooks on every resolver.
      ApolloServerPluginCacheControlDisabled(),
      ApolloServerPluginUsageReportingDisabled(),
      // Not a federated subgraph: no trace check on every request.
      ApolloServerPluginInlineTraceDisabled(),
      // Apollo's own explorer loads from its CDN: a blank page on a closed network; ours is served from here.
      options.production ? ApolloServerPluginLandingPageDisabled() : explorerLandingPage(),
      ...((options.plugins ?? []) as ApolloServerPlugin<Context>[]),
    ],
  });
}
