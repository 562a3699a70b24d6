/**
 * The auditors' exports over HTTP: `GET /exports/<name>.<csv|xlsx>?<filter>` with the API's
 * bearer token and roles, streamed to the client at the pace it reads. A refusal (no token, a
 * role without the export, a bad or forbidden filter) is a JSON answer with its reason, sent
 * before any row.
 */
import { GraphQLError } from 'graphql';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Principal } from '../graphql/auth/principal.js';
import type { TokenVerifier } from '../graphql/auth/verify-token.js';
import type { RouteHandler } from '../graphql/http-server.js';
import { type Export, type ExportSources, EXPORTS } from './exports.js';
import { ExportRefused, paramsOfQuery } from './filters.js';
import { writeRows } from './rows.js';
import { CONTENT_TYPE, openTable, TABLE_FORMATS, type TableFormat } from './table.js';

export const EXPORTS_PATH = '/exports';

/** One route per export and format: `/exports/disbursements.csv`, …. */
export function exportRoutes(sources: ExportSources, verifyToken: TokenVerifier): Map<string, RouteHandler> {
  const routes = new Map<string, RouteHandler>();
  for (const exported of EXPORTS) {
    for (const format of TABLE_FORMATS) {
      routes.set(`${EXPORTS_PATH}/${exported.name}.${format}`, (req, res, search) => serve(exported, format, sources, verifyToken, req, res, search));
    }
  }
  return routes;
}

async function serve(
  exported: Export,
  format: TableFormat,
  sources: ExportSources,
  verifyToken: TokenVerifier,
  req: IncomingMessage,
  res: ServerResponse,
  search: string,
): Promise<void> {
  let plan;
  try {
    if (req.method !== 'GET') throw new ExportRefused(405, 'exports are read with GET');
    const caller = await callerOf(verifyToken, req);
    if (!exported.roles.includes(caller.role)) {
      throw new ExportRefused(403, `the ${exported.name} export is for ${exported.roles.join(', ')}; not for ${caller.role}`);
    }
    plan = exported.plan(sources, paramsOfQuery(search), caller);
  } catch (error) {
    if (!(error instanceof ExportRefused)) throw error;
    res.writeHead(error.status, { 'content-type': 'application/json; charset=utf-8', ...(error.status === 405 ? { allow: 'GET' } : {}) });
    return void res.end(JSON.stringify({ error: error.message }));
  }
  res.writeHead(200, {
    'content-type': CONTENT_TYPE[format],
    'content-disposition': `attachment; filename="${plan.baseName}.${format}"`,
    'cache-control': 'no-store',
  });
  // Through a pipeline: a client that goes away fails the writer's next wait instead of leaving it waiting for good.
  const body = new PassThrough();
  try {
    await Promise.all([writeRows(plan.rows, openTable(format, body, plan.table), plan.cellsOf), pipeline(body, res)]);
  } catch (error) {
    if (!res.destroyed) throw error;
  }
}

async function callerOf(verifyToken: TokenVerifier, req: IncomingMessage): Promise<Principal> {
  let caller: Principal | null;
  try {
    caller = await verifyToken(req.headers.authorization);
  } catch (error) {
    if (error instanceof GraphQLError && error.extensions.code === 'UNAUTHENTICATED') throw new ExportRefused(401, error.message);
    throw error;
  }
  if (!caller) throw new ExportRefused(401, 'exports need "Authorization: Bearer <token>"');
  return caller;
}
