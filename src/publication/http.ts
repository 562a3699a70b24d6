/**
 * `GET /publication/list?kind=notice|award&lineCode=…&fiscalYear=…&format=csv|xlsx|html`: a
 * published list over HTTP, with the API's bearer tokens and the roles that read notices.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RouteHandler } from '../graphql/http-server.js';
import { CONTENT_TYPE, TABLE_FORMATS, type TableFormat } from '../export/table.js';
import { MAY } from '../graphql/access/roles.js';
import type { TokenVerifier } from '../graphql/auth/verify-token.js';
import type { ReadModelQueries } from '../readmodel/queries/index.js';
import { DomainError } from '../shared/errors.js';
import { listHtml } from './html.js';
import { LIST_KINDS, type ListKind, publishedList } from './lists.js';
import { type ListSettings, writeListTable } from './table-output.js';

export const PUBLICATION_PATH = '/publication/list';

export interface PublicationDeps {
  read: ReadModelQueries;
  verifyToken: TokenVerifier;
  settings: ListSettings;
}

type Format = TableFormat | 'html';

interface ListRequest {
  kind: ListKind;
  lineCode: string;
  fiscalYear: number;
  format: Format;
}

class BadRequest extends Error {}

function parse(search: string): ListRequest {
  const params = new URLSearchParams(search);
  const kind = params.get('kind') as ListKind;
  if (!LIST_KINDS.includes(kind)) throw new BadRequest('kind must be notice or award');
  const lineCode = params.get('lineCode') ?? '';
  if (!/^[a-z0-9]+(-[a-z0-9]+)*$/.test(lineCode)) throw new BadRequest('lineCode must be a benefit line\'s code');
  const fiscalYear = Number(params.get('fiscalYear'));
  if (!Number.isInteger(fiscalYear) || fiscalYear < 2000 || fiscalYear > 2100) throw new BadRequest('fiscalYear must be a year');
  const format = (params.get('format') ?? 'html') as Format;
  if (format !== 'html' && !TABLE_FORMATS.includes(format)) throw new BadRequest('format must be csv, xlsx or html');
  return { kind, lineCode, fiscalYear, format };
}

const refuse = (res: ServerResponse, status: number, code: string, message: string) => {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8' });
  res.end(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
};

/** Who may read it: a valid token of a role that reads notices; no token or a bad one, 401. */
async function authorized(deps: PublicationDeps, req: IncomingMessage, res: ServerResponse): Promise<boolean> {
  let principal;
  try {
    principal = await deps.verifyToken(req.headers.authorization);
  } catch (error) {
    refuse(res, 401, 'UNAUTHENTICATED', error instanceof Error ? error.message : 'bad token');
    return false;
  }
  if (!principal) refuse(res, 401, 'UNAUTHENTICATED', 'this endpoint needs a bearer token');
  else if (!MAY.readNotices.includes(principal.role)) refuse(res, 403, 'FORBIDDEN', `the ${principal.role} role may not read published lists`);
  else return true;
  return false;
}

export function publicationRoute(deps: PublicationDeps): RouteHandler {
  return async (req: IncomingMessage, res: ServerResponse, search: string): Promise<void> => {
    if (req.method !== 'GET') return refuse(res, 405, 'METHOD_NOT_ALLOWED', 'published lists are read with GET');
    if (!(await authorized(deps, req, res))) return;
    let request: ListRequest;
    let list;
    try {
      request = parse(search);
      list = publishedList(deps.read, request.kind, request.lineCode, request.fiscalYear);
    } catch (error) {
      if (error instanceof BadRequest) return refuse(res, 400, 'BAD_USER_INPUT', error.message);
      if (error instanceof DomainError && error.code === 'NOT_FOUND') return refuse(res, 404, 'NOT_FOUND', error.message);
      throw error;
    }
    const file = `${request.kind}-list-${request.lineCode}-${request.fiscalYear}`;
    if (request.format === 'html') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      return void res.end(listHtml(list, deps.settings));
    }
    res.writeHead(200, { 'content-type': CONTENT_TYPE[request.format], 'content-disposition': `attachment; filename="${file}.${request.format}"` });
    await writeListTable(list, request.format, res, deps.settings);
  };
}

/** The endpoints the API serves beside /graphql for the published lists. */
export const publicationRoutes = (deps: PublicationDeps) => new Map([[PUBLICATION_PATH, publicationRoute(deps)]]);
