/**
 * The API server: Apollo behind the HTTP server, the per-request context (token verified, fresh
 * loaders), graceful stop (no new connections, requests in flight finish, then the caller closes
 * the stores).
 */
import type { BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import type { GraphQLSchema } from 'graphql';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApolloServer } from './apollo.js';
import type { Principal } from './auth/principal.js';
import type { TokenVerifier } from './auth/verify-token.js';
import { explorerRoutes } from './explorer/explorer.js';
import { createHttpServer, GRAPHQL_PATH, type Readiness, type RouteHandler } from './http-server.js';

/** What every request's context holds, whatever else the application adds. */
export interface RequestContext extends BaseContext {
  requestId: string;
  principal: Principal | null;
}

export interface ApiOptions<Context extends RequestContext> {
  schema: GraphQLSchema;
  production: boolean;
  logger: Logger;
  maxBodyBytes: number;
  verifyToken: TokenVerifier;
  /** The rest of a request's context: services and fresh DataLoaders. */
  contextFor(principal: Principal | null, requestId: string): Omit<Context, keyof RequestContext>;
  readiness(): Promise<Readiness>;
  /** The newest signed tree head, served at `GET /ledger/head`. */
  ledgerHead?(): unknown;
  /** How long in-flight requests may take to finish on stop. */
  stopGracePeriodMs?: number;
  /** Routes beside /graphql (exports, open data, published lists), by exact path. */
  routes?: ReadonlyMap<string, RouteHandler>;
}

export interface RunningApi {
  /** e.g. http://127.0.0.1:4000/graphql */
  url: string;
  port: number;
  /** Stops taking connections, lets requests in flight finish, then resolves. */
  stop(): Promise<void>;
}

/**
 * How every request's context is made: the caller from the `Authorization` header, then the
 * application's part. The server and the in-process benchmark both make it this way.
 */
export function requestContextMaker<Context extends RequestContext>(options: Pick<ApiOptions<Context>, 'verifyToken' | 'contextFor'>) {
  return async (authorization: string | undefined, requestId: string): Promise<Context> => {
    const principal = await options.verifyToken(authorization);
    return { ...options.contextFor(principal, requestId), principal, requestId } as Context;
  };
}

export async function startApi<Context extends RequestContext>(
  options: ApiOptions<Context>,
  listen: { port: number; host?: string },
): Promise<RunningApi> {
  const apollo = createApolloServer<Context>(options);
  const context = requestContextMaker(options);
  const httpServer = createHttpServer<Context>({
    apollo,
    maxBodyBytes: options.maxBodyBytes,
    logger: options.logger,
    readiness: options.readiness,
    routes: new Map([...(options.production ? [] : explorerRoutes()), ...(options.routes ?? [])]),
    ...(options.ledgerHead ? { ledgerHead: options.ledgerHead } : {}),
    context: (req, requestId) => context(req.headers.authorization, requestId),
  });
  apollo.addPlugin(
    ApolloServerPluginDrainHttpServer({ httpServer, stopGracePeriodMillis: options.stopGracePeriodMs ?? 10_000 }),
  );
  await apollo.start();
  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(listen.port, listen.host, resolve);
  });
  const { port } = httpServer.address() as AddressInfo;
  const host = listen.host && listen.host !== '0.0.0.0' && listen.host !== '::' ? listen.host : 'localhost';
  return { url: `http://${host}:${port}${GRAPHQL_PATH}`, port, stop: () => apollo.stop() };
}
