/**
 * The explorer served in development at `GET /graphql` (a browser asks for text/html): GraphiQL
 * from its npm package, with React from theirs, every file served by this server under
 * /explorer/, so it works on a closed network (an intranet, or where Apollo's CDN and Google's
 * fonts cannot be reached: GraphiQL's stylesheet carries its fonts inline). A token field above
 * it sends `Authorization: Bearer <token>` with every operation.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { RouteHandler } from '../http-server.js';
import { PAGE_SCRIPT, PAGE_STYLE } from './explorer-page.js';

export const EXPLORER_PATH = '/explorer';

/** A file of an installed package, found from its package.json (their "exports" do not list the UMD builds). */
const packageFile = (pkg: string, file: string) => () => readFileSync(join(dirname(createRequire(import.meta.url).resolve(`${pkg}/package.json`)), file));

/** What the page loads, by the name it is served under: the packages' production builds, and its own script and style. */
const ASSETS: Record<string, { body: () => Buffer; type: string }> = {
  'react.js': { body: packageFile('react', 'umd/react.production.min.js'), type: 'text/javascript' },
  'react-dom.js': { body: packageFile('react-dom', 'umd/react-dom.production.min.js'), type: 'text/javascript' },
  'graphiql.js': { body: packageFile('graphiql', 'graphiql.min.js'), type: 'text/javascript' },
  'graphiql.css': { body: packageFile('graphiql', 'graphiql.min.css'), type: 'text/css' },
  'explorer.js': { body: () => Buffer.from(PAGE_SCRIPT), type: 'text/javascript' },
  'explorer.css': { body: () => Buffer.from(PAGE_STYLE), type: 'text/css' },
};

const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Grants ledger · GraphQL explorer</title>
<link rel="stylesheet" href="${EXPLORER_PATH}/graphiql.css">
<link rel="stylesheet" href="${EXPLORER_PATH}/explorer.css">
</head>
<body>
<form id="token-bar" autocomplete="off">
<label for="token">Bearer token</label>
<input id="token" name="token" type="password" spellcheck="false" placeholder="paste a development token: npm run token -- --role AUDITOR">
<span id="token-state"></span>
</form>
<div id="graphiql">Loading the explorer…</div>
<script src="${EXPLORER_PATH}/react.js"></script>
<script src="${EXPLORER_PATH}/react-dom.js"></script>
<script src="${EXPLORER_PATH}/graphiql.js"></script>
<script src="${EXPLORER_PATH}/explorer.js"></script>
</body>
</html>
`;

/** Apollo's landing page, replaced: Apollo serves it where it would serve its own. */
export function explorerLandingPage(): ApolloServerPlugin {
  return {
    async serverWillStart() {
      return { renderLandingPage: async () => ({ html: PAGE }) };
    },
  };
}

let routes: Map<string, RouteHandler> | undefined;

/** The page's files, read once, at the first start (a missing package fails the start, not a browser). */
export function explorerRoutes(): Map<string, RouteHandler> {
  return (routes ??= new Map(
    Object.entries(ASSETS).map(([name, asset]) => {
      const body = asset.body();
      const type = asset.type;
      const handler: RouteHandler = async (req, res) => {
        res.writeHead(req.method === 'GET' || req.method === 'HEAD' ? 200 : 405, {
          'content-type': `${type}; charset=utf-8`,
          'content-length': body.length,
          'cache-control': 'no-cache',
        });
        res.end(req.method === 'GET' ? body : undefined);
      };
      return [`${EXPLORER_PATH}/${name}`, handler];
    }),
  ));
}
