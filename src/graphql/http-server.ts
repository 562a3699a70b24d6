/**
 * The HTTP face: `POST|GET /graphql` through Apollo, `GET /healthz` (the process answers),
 * `GET /readyz` (the store answers and the projections have caught up), `GET /ledger/head` (the
 * newest signed tree head, as the offline verifier reads it). Every response carries
 * an `x-request-id`, the id the logs use.
 */
import { type ApolloServer, type BaseContext, HeaderMap, type HTTPGraphQLRequest } from '@apollo/server';
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { BodyTooLargeError, readBody } from './read-body.js';

export const GRAPHQL_PATH = '/graphql';

export interface Readiness {
  ready: boolean;
  /** What was checked, for the operator: e.g. the store's head and the projections' position. */
  details: Record<string, unknown>;
}

/** A route served beside GraphQL (an export, the explorer's files): it answers the request itself. */
export type RouteHandler = (req: IncomingMessage, res: ServerResponse, search: string) => Promise<void>;

export interface HttpServerOptions<Context extends BaseContext> {
  apollo: ApolloServer<Context>;
  /** Builds the per-request context (verifies the token, makes fresh loaders). */
  context(req: IncomingMessage, requestId: string): Promise<Context>;
  readiness(): Promise<Readiness>;
  /** The newest signed tree head (public: a head discloses a count and a hash), or undefined before the first. */
  ledgerHead?(): unknown;
  maxBodyBytes: number;
  logger: Logger;
  /** Routes by exact path, beside /graphql and the probes: each checks the method and the caller's token itself. */
  routes?: ReadonlyMap<string, RouteHandler>;
}

export function createHttpServer<Context extends BaseContext>(options: HttpServerOptions<Context>): Server {
  return createServer((req, res) => {
    const requestId = requestIdOf(req);
    res.setHeader('x-request-id', requestId);
    route(options, req, res, requestId).catch((error: unknown) => {
      options.logger.error({ requestId, err: error }, 'request failed');
      if (!res.headersSent) sendJson(res, 500, { error: 'internal server error', requestId });
      else res.destroy();
    });
  });
}

/** A caller's own id when it is a sane token (a proxy's trace id), else a fresh one. */
function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && /^[\w.:-]{1,128}$/.test(given) ? given : randomUUID();
}

async function route<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
  req: IncomingMessage,
  res: ServerResponse,
  requestId: string,
): Promise<void> {
  const url = targetOf(req);
  if (req.method === 'GET' && url.pathname === '/healthz') return sendJson(res, 200, { status: 'ok' });
  if (req.method === 'GET' && url.pathname === '/readyz') {
    const { ready, details } = await options.readiness();
    return sendJson(res, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', ...details });
  }
  if (req.method === 'GET' && url.pathname === '/ledger/head' && options.ledgerHead) {
    const head = options.ledgerHead();
    return head ? sendJson(res, 200, head) : sendJson(res, 404, { error: 'no tree head has been signed yet' });
  }
  if (url.pathname === GRAPHQL_PATH) return graphql(options, req, res, url, requestId);
  const handler = options.routes?.get(url.pathname);
  if (handler) return handler(req, res, url.search);
  sendJson(res, 404, { error: `no such endpoint: ${url.pathname}` });
}

interface Target {
  pathname: string;
  /** `?…` or empty, as Apollo expects it. */
  search: string;
}

/**
 * The request target split at `?`; a full `new URL` per request costs more than the routing needs.
 * An absolute-form target (`http://host/graphql`, sent to proxies) is still parsed as a URL.
 */
function targetOf(req: IncomingMessage): Target {
  const target = req.url ?? '/';
  if (!target.startsWith('/')) return new URL(target, 'http://localhost');
  const query = target.indexOf('?');
  return query < 0 ? { pathname: target, search: '' } : { pathname: target.slice(0, query), search: target.slice(query) };
}

async function graphql<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
  req: IncomingMessage,
  res: ServerResponse,
  url: Target,
  requestId: string,
): Promise<void> {
  const parsed = await parseBody(req, options.maxBodyBytes);
  if ('status' in parsed) return sendJson(res, parsed.status, { errors: [{ message: parsed.message }] });
  const response = await options.apollo.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: req.method!.toUpperCase(), headers: headerMap(req), search: url.search, body: parsed.body },
    context: contextOf(options, req, requestId),
  });
  for (const [key, value] of response.headers) res.setHeader(key, value);
  res.statusCode = response.status ?? 200;
  if (response.body.kind === 'complete') return void res.end(response.body.string);
  for await (const chunk of response.body.asyncIterator) res.write(chunk);
  res.end();
}

/** Apollo makes the context only once the request has passed its own checks (CSRF first). */
function contextOf<Context extends BaseContext>(options: HttpServerOptions<Context>, req: IncomingMessage, requestId: string) {
  // A returned arrow: tsx (esbuild's keepNames) names an arrow written as a property on every request.
  return () => options.context(req, requestId);
}

type ParsedBody = { body: HTTPGraphQLRequest['body'] } | { status: number; message: string };

/** JSON bodies are parsed here; Apollo refuses other content types itself (and CSRF checks them). */
async function parseBody(req: IncomingMessage, limit: number): Promise<ParsedBody> {
  let text: string;
  try {
    text = await readBody(req, limit);
  } catch (error) {
    if (error instanceof BodyTooLargeError) return { status: 413, message: error.message };
    throw error;
  }
  if (!/^application\/json\b/i.test(req.headers['content-type'] ?? '') || text === '') return { body: text || undefined };
  try {
    return { body: JSON.parse(text) as unknown };
  } catch {
    return { status: 400, message: 'the request body is not valid JSON' };
  }
}

function headerMap(req: IncomingMessage): HeaderMap {
  const headers = new HeaderMap();
  // Node gives the names in lower case already; a plain loop spares an entries array per request.
  for (const key in req.headers) {
    const value = req.headers[key];
    if (value !== undefined) headers.set(key, Array.isArray(value) ? value.join(', ') : value);
  }
  return headers;
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify(body));
}
