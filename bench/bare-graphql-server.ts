/**
 * The benchmark's control for the HTTP side: the least a GraphQL server over HTTP can do for the
 * benchmark's operations, without Apollo. Plain `node:http`, the body read and parsed, the context
 * made as the API makes it (token verified, request id, fresh loaders), the operation executed by
 * the API's executor (compiled-execution.ts) from a document parsed and validated once (looked up
 * by the SHA-256 of its source, as the clients' persisted-query hashes name it), the result
 * stringified with its Content-Length.
 * No CSRF check, no content negotiation, no plugins, no error formatting: only for these known,
 * valid operations, never a product server. What it costs over in-process execution is what HTTP
 * itself costs on this machine.
 */
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DocumentNode, type GraphQLSchema, parse, specifiedRules, validate } from 'graphql';
import { CompiledExecution } from '../src/graphql/compiled-execution.js';
import { armor } from '../src/graphql/hardening.js';
import { readBody } from '../src/graphql/read-body.js';
import type { RequestContext } from '../src/graphql/server.js';
import { type JsonServer, startJsonServer } from './json-server.js';

/** An operation parsed and validated once, as Apollo keeps a document it has seen. */
export function prepareOperation(schema: GraphQLSchema, source: string): DocumentNode {
  const document = parse(source);
  const invalid = validate(schema, document, [...specifiedRules, ...armor().validationRules]);
  if (invalid.length) throw new Error(`the operation is not valid: ${invalid.map((e) => e.message).join('; ')}`);
  return document;
}

interface Body {
  query?: string;
  variables?: Record<string, unknown>;
  extensions?: { persistedQuery?: { sha256Hash?: string } };
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

export async function startBareGraphqlServer(options: {
  schema: GraphQLSchema;
  sources: string[];
  context(authorization: string | undefined, requestId: string): Promise<RequestContext>;
}): Promise<JsonServer> {
  const documents = new Map(options.sources.map((source) => [sha256(source), prepareOperation(options.schema, source)]));
  const execution = new CompiledExecution(options.schema);
  const answer = async (req: IncomingMessage): Promise<[status: number, result: unknown]> => {
    const body = JSON.parse(await readBody(req, 100_000)) as Body;
    const document = documents.get(body.extensions?.persistedQuery?.sha256Hash ?? sha256(body.query ?? ''));
    if (!document) return [400, { errors: [{ message: 'the bare server knows only the benchmark operations' }] }];
    const contextValue = await options.context(req.headers.authorization, randomUUID());
    return [200, await execution.execute({ document, contextValue, variableValues: body.variables })];
  };
  return startJsonServer(answer);
}
