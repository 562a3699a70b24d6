/**
 * Where the auditors' page spends its CPU: `tsx bench/page-profile.ts [--pages 600] [--clients 16]
 * [--out page.cpuprofile] [--graphql-js]`. Runs the `DisbursementPage` example (100 rows) in-process as
 * the server runs it (a context per request, the document parsed and validated once, executed by
 * compiled-execution.ts, the result stringified), or by graphql-js's `execute` with `--graphql-js`,
 * `clients` at a time as bench:api's clients load the server, under V8's sampling profiler; prints
 * the CPU per page and a text flame graph: the frames with the most self time and the most total
 * time, and self time by package. The .cpuprofile opens in Chrome DevTools or speedscope.
 */
import 'reflect-metadata';
import { randomUUID } from 'node:crypto';
import { execute } from 'graphql';
import { CompiledExecution } from '../src/graphql/compiled-execution.js';
import { pino } from 'pino';
import { contextFor } from '../src/graphql/context.js';
import { example } from '../src/graphql/examples.js';
import { buildLedgerSchema } from '../src/graphql/schema.js';
import { requestContextMaker } from '../src/graphql/server.js';
import { auditorToken, openBenchLedger, verifyToken } from './api-data.js';
import { prepareOperation } from './bare-graphql-server.js';
import { profiled } from './flame.js';
import { flagValue, hasFlag } from './support.js';

const PAGES = Number(flagValue('pages') ?? 600);
const CLIENTS = Number(flagValue('clients') ?? 16);
const OUT = flagValue('out');

const logger = pino({ level: 'silent' });
const { app, close } = await openBenchLedger(60, logger);
try {
  const schema = await buildLedgerSchema();
  const document = prepareOperation(schema, example('DisbursementPage'));
  const context = requestContextMaker({ verifyToken, contextFor: contextFor(app.services) });
  const authorization = `Bearer ${await auditorToken}`;
  const variableValues = { first: 100 };
  const execution = new CompiledExecution(schema);
  const executePage = hasFlag('graphql-js')
    ? (contextValue: unknown) => execute({ schema, document, contextValue, variableValues })
    : (contextValue: unknown) => execution.execute({ document, contextValue, variableValues });
  const page = async () => {
    const result = await executePage(await context(authorization, randomUUID()));
    if (result.errors) throw new Error(JSON.stringify(result.errors));
    JSON.stringify(result);
  };
  const run = async (pages: number) => {
    let left = pages;
    await Promise.all(Array.from({ length: CLIENTS }, async () => {
      while (left-- > 0) await page();
    }));
  };
  await run(PAGES / 3);
  if (!hasFlag('graphql-js') && !execution.runsCompiled(document)) throw new Error('the page does not run compiled');
  const { cpuMicros, flameGraph } = await profiled(() => run(PAGES), OUT);
  console.log(`${PAGES} pages, ${CLIENTS} at a time: ${Math.round(cpuMicros / PAGES)} µs of CPU per page (profiler included)`);
  console.log(flameGraph);
} finally {
  await close();
}
