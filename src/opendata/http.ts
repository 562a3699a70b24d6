/**
 * Open data over HTTP, for anyone (no token: it is published): `GET /open-data/360giving.json`
 * (the data package) and `GET /open-data/360giving.csv` (flattened), `?fiscalYear=Y` for one year.
 */
import type { ServerResponse } from 'node:http';
import type { ExportSources } from '../export/exports.js';
import { ExportRefused, fiscalYearOf, paramsOfQuery } from '../export/filters.js';
import type { RouteHandler } from '../graphql/http-server.js';
import { giving360Package, writeFlattenedCsv } from './package.js';
import type { OpenDataSettings } from './settings.js';

export const OPEN_DATA_PATH = '/open-data';

export function openDataRoutes(sources: ExportSources, settings: OpenDataSettings, now: () => Date = () => new Date()): Map<string, RouteHandler> {
  const serve =
    (format: 'json' | 'csv'): RouteHandler =>
    async (req, res, search) => {
      let fiscalYear: number | undefined;
      try {
        if (req.method !== 'GET') throw new ExportRefused(405, 'open data is read with GET');
        fiscalYear = fiscalYearOf(paramsOfQuery(search));
      } catch (error) {
        if (error instanceof ExportRefused) return refuse(res, error.status, error.message);
        throw error;
      }
      const pkg = await giving360Package(sources, settings, { fiscalYear, issued: now().toISOString() });
      if (!pkg) return refuse(res, 404, `no grant is approved${fiscalYear === undefined ? '' : ` in fiscal year ${fiscalYear}`}: a 360Giving package holds at least one`);
      const name = `360giving-${pkg.identifier}.${format}`;
      if (format === 'json') {
        res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'content-disposition': `inline; filename="${name}"` });
        return void res.end(JSON.stringify(pkg));
      }
      res.writeHead(200, { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': `attachment; filename="${name}"` });
      await writeFlattenedCsv(pkg, res);
    };
  return new Map([
    [`${OPEN_DATA_PATH}/360giving.json`, serve('json')],
    [`${OPEN_DATA_PATH}/360giving.csv`, serve('csv')],
  ]);
}

function refuse(res: ServerResponse, status: number, message: string): void {
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...(status === 405 ? { allow: 'GET' } : {}) });
  res.end(JSON.stringify({ error: message }));
}
