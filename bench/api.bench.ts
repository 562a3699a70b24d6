/**
 * bench:api — the API over HTTP against the same operations run in-process by the API's own
 * executor (compiled-execution.ts: graphql-jit for these reads) on the same schema and data. Many
 * concurrent clients run the auditor's disbursement page (100 rows, each with its enterprise,
 * benefit line and approval) and a single-application query. Prints requests/s, p50/p99, read-store queries per request and the ratio HTTP/in-process.
 * The HTTP clients use automatic persisted queries as Apollo Client's persisted-query link does
 * (the query's SHA-256 in each request, the query itself once when the server asks for it);
 * `--no-apq` makes them send the full query every time. Every measurement is made in each of
 * `--rounds R` rounds (default 3), the servers in turn, and the figures are the medians of the
 * rounds. `--quick` (shorter runs) finishes in about a minute and a half.
 * Targets: HTTP ≥ 0.5× in-process throughput, queries per request independent of the page size,
 * and the page's server CPU per request at most a third of what it was (BASELINE_PAGE_CPU_MICROS).
 *
 * Two controls run in the same run, against the same clients: bare-graphql-server.ts (node:http and
 * the same executor, no Apollo), so the figures tell what HTTP costs on this machine from what
 * Apollo adds;
 * and, for the page, page-floor.ts (the same JSON built by hand from the same read-model queries,
 * no GraphQL at all), the floor the page's CPU per request is compared with.
 */
import 'reflect-metadata';
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';
import { contextFor } from '../src/graphql/context.js';
import { example } from '../src/graphql/examples.js';
import { execute, type GraphQLSchema } from 'graphql';
import { CompiledExecution } from '../src/graphql/compiled-execution.js';
import { compiledAnswer } from '../test/support/compiled.js';
import { projectionReadiness } from '../src/graphql/readiness.js';
import { buildLedgerSchema } from '../src/graphql/schema.js';
import { requestContextMaker, startApi } from '../src/graphql/server.js';
import type { LedgerApp } from '../src/app.js';
import { auditorToken, openBenchLedger, verifyToken } from './api-data.js';
import { prepareOperation, startBareGraphqlServer } from './bare-graphql-server.js';
import type { ClientsJob, ClientsMessage, ClientsResult } from './http-clients.js';
import { disbursementPageByHand, startPageFloorServer } from './page-floor.js';
import { flagValue, hasFlag, medians, perSecond, printResult, ratio, roundsFlag } from './support.js';

const quick = hasFlag('quick');
/**
 * The server is measured as it is deployed (the Dockerfile, `npm start`): NODE_ENV=production and
 * a 64 MiB young generation, which `npm run bench:api` passes to node.
 */
const RUNTIME = { nodeEnv: process.env.NODE_ENV ?? '(unset)', nodeFlags: process.execArgv.filter((a) => a.startsWith('--max')).join(' ') || '(none)' };
const GRANTS = Number(flagValue('grants') ?? (quick ? 60 : 300));
const CLIENTS = Number(flagValue('clients') ?? 16);
const SECONDS = Number(flagValue('seconds') ?? (quick ? 3 : 10));
/** Untimed load before each timed run, so that neither side is timed while the JIT warms up. */
const WARM_UP_SECONDS = Number(flagValue('warm-up') ?? (quick ? 1 : 2));
const PERSISTED_QUERIES = !hasFlag('no-apq');
/** Rounds of every measurement; the figures are their medians. */
const ROUNDS = roundsFlag();

/**
 * The page's server CPU per request before issue 13's work: `npm run bench:api -- --quick` at
 * commit bcaad65 (pageHttpCpuMicrosPerRequest, 16 clients, persisted queries), on the 2-core
 * benchmark machine. That run measured the page first, on a server just started, for one
 * interval: the target compares a third of it with the page's first round here, measured alike.
 */
const BASELINE_PAGE_CPU_MICROS = 9_853;

interface Operation {
  name: string;
  source: string;
  /** Requests take these in turn. */
  variables: Record<string, unknown>[];
}

interface Run {
  requests: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
  queriesPerRequest: number;
  /** CPU time of this process (user + system) per request: steadier than req/s on a shared machine. */
  cpuMicrosPerRequest: number;
  /** Of that, the kernel's share (system time): the sockets' reads and writes over HTTP. */
  systemCpuMicrosPerRequest: number;
}

/** What a run is measured against: the read store's query count and this process's CPU time. */
interface Counters {
  queries: number;
  cpu: NodeJS.CpuUsage;
}

const counters = (app: LedgerApp): Counters => ({ queries: app.readStores.models.stats.queries, cpu: process.cpuUsage() });

const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]! * 100) / 100;

/** Figures of one run from each request's latency. */
function summary(app: LedgerApp, before: Counters, latencies: number[], seconds: number): Run {
  latencies.sort((a, b) => a - b);
  const cpu = process.cpuUsage(before.cpu);
  return {
    requests: latencies.length,
    perSecond: perSecond(latencies.length, seconds),
    p50Ms: percentile(latencies, 0.5),
    p99Ms: percentile(latencies, 0.99),
    queriesPerRequest: ratio(app.readStores.models.stats.queries - before.queries, latencies.length),
    cpuMicrosPerRequest: Math.round((cpu.user + cpu.system) / latencies.length),
    systemCpuMicrosPerRequest: Math.round(cpu.system / latencies.length),
  };
}

function fail(name: string, errors: unknown): never {
  throw new Error(`${name} failed: ${JSON.stringify(errors)}`);
}

/** The operation over HTTP, from concurrent clients in another process (their CPU is not the server's). */
async function overHttp(app: LedgerApp, url: string, token: string, op: Operation): Promise<Run> {
  const job: ClientsJob = {
    url,
    token,
    query: op.source,
    persistedQueries: PERSISTED_QUERIES,
    variables: op.variables,
    clients: CLIENTS,
    warmUpSeconds: WARM_UP_SECONDS,
    seconds: SECONDS,
  };
  const clients = fork(fileURLToPath(new URL('./http-clients.ts', import.meta.url)), { execArgv: ['--import', 'tsx'] });
  let before: Counters | undefined;
  const { latencies, seconds } = await new Promise<ClientsResult>((resolve, reject) => {
    clients.on('message', (message: ClientsMessage) => {
      if ('latencies' in message) return resolve(message);
      // Warmed up, and no request in flight: the timed run starts now.
      before = counters(app);
      clients.send('go');
    });
    clients.once('error', reject);
    clients.once('exit', (code) => code !== 0 && reject(new Error(`the HTTP clients failed (exit ${code})`)));
    clients.send(job);
  });
  return summary(app, before!, latencies, seconds);
}

/**
 * The same operation in-process, with the same concurrency: parsed and validated once (as Apollo
 * caches a document), executed with a context made per request as the server makes it (the
 * token verified, a request id, fresh loaders); warmed up like the HTTP side.
 */
async function inProcess(schema: GraphQLSchema, app: LedgerApp, op: Operation, seconds = SECONDS, clients = CLIENTS): Promise<Run> {
  const document = prepareOperation(schema, op.source);
  const execution = new CompiledExecution(schema);
  const context = requestContextMaker({ verifyToken, contextFor: contextFor(app.services) });
  const authorization = `Bearer ${await auditorToken}`;
  let next = 0;
  const load = async (seconds: number) => {
    const latencies: number[] = [];
    const end = performance.now() + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        do {
          const t = performance.now();
          const contextValue = await context(authorization, randomUUID());
          const result = await execution.execute({ document, contextValue, variableValues: op.variables[next++ % op.variables.length] });
          if (result.errors) fail(op.name, result.errors);
          latencies.push(performance.now() - t);
        } while (performance.now() < end);
      }),
    );
    return latencies;
  };
  await compiledAnswer(() => load(0));
  if (!execution.runsCompiled(document)) throw new Error(`${op.name} does not run compiled: the benchmark measures the compiled reads`);
  if (seconds > 0) await load(WARM_UP_SECONDS);
  const before = counters(app);
  const start = performance.now();
  const latencies = await load(seconds);
  return summary(app, before, latencies, (performance.now() - start) / 1000);
}

/**
 * The floor must answer exactly what the API answers, or it is no floor; and the compiled page
 * must answer exactly what graphql-js answers, or it is not the same page.
 */
async function sameAnswer(schema: GraphQLSchema, app: LedgerApp, op: Operation): Promise<void> {
  const context = requestContextMaker({ verifyToken, contextFor: contextFor(app.services) });
  const variableValues = op.variables[0]!;
  const document = prepareOperation(schema, op.source);
  const answer = async (executeWith: (contextValue: unknown) => unknown) =>
    JSON.stringify(await executeWith(await context(`Bearer ${await auditorToken}`, randomUUID())));
  const execution = new CompiledExecution(schema);
  const compiled = await answer((contextValue) => compiledAnswer(() => execution.execute({ document, contextValue, variableValues })));
  if (!execution.runsCompiled(document)) throw new Error(`${op.name} does not run compiled`);
  const interpreted = await answer((contextValue) => execute({ schema, document, contextValue, variableValues }));
  const byHand = JSON.stringify(disbursementPageByHand(app.services.read, Number(variableValues.first)));
  if (compiled !== interpreted) throw new Error(`the compiled page differs from graphql-js's:\n${interpreted.slice(0, 300)}\n${compiled.slice(0, 300)}`);
  if (compiled !== byHand) throw new Error(`the floor's page differs from the API's:\n${byHand.slice(0, 300)}\n${compiled.slice(0, 300)}`);
}

type Measure = (op: Operation) => Promise<Run>;
interface RoundRuns {
  apollo: Run;
  bare: Run;
  inProcess: Run;
  /** The page only. */
  floor?: Run;
}

/**
 * Every operation on every server, round after round, the servers in another order each round
 * (Apollo first in the first, as the baseline was measured: the first run on a server just
 * started): a server measured once can meet a slow spell of the machine that the others miss.
 */
async function rounds(operations: Operation[], measure: Record<keyof RoundRuns, Measure>): Promise<Map<string, RoundRuns[]>> {
  const measured = new Map<string, RoundRuns[]>(operations.map((op) => [op.name, []]));
  for (let round = 0; round < ROUNDS; round++) {
    for (const [i, op] of operations.entries()) {
      const servers = (Object.keys(measure) as (keyof RoundRuns)[]).filter((server) => server !== 'floor' || i === 0);
      const turn = round % servers.length;
      const runs: Partial<RoundRuns> = {};
      for (const server of [...servers.slice(turn), ...servers.slice(0, turn)]) runs[server] = await measure[server](op);
      measured.get(op.name)!.push(runs as RoundRuns);
      const cpu = servers.map((server) => `${server} ${runs[server]!.cpuMicrosPerRequest}`).join(', ');
      console.log(`round ${round + 1}, ${op.name}: server CPU µs/req ${cpu}`);
    }
  }
  return measured;
}

/** A round's ratios for an operation, each from runs of that round. */
const ratiosOf = (runs: RoundRuns) => ({
  ratio: ratio(runs.apollo.perSecond, runs.inProcess.perSecond),
  bareRatio: ratio(runs.bare.perSecond, runs.inProcess.perSecond),
  apolloOverBare: ratio(runs.apollo.perSecond, runs.bare.perSecond),
});

async function main(): Promise<void> {
  const logger = pino({ level: 'silent' });
  const { app, close } = await openBenchLedger(GRANTS, logger);
  try {
    const schema = await buildLedgerSchema();
    const api = await startApi(
      {
        schema,
        production: true,
        logger,
        maxBodyBytes: 100_000,
        verifyToken,
        contextFor: contextFor(app.services),
        readiness: () => projectionReadiness(app.runner),
      },
      { port: 0, host: '127.0.0.1' },
    );
    const token = await auditorToken;
    const ids = app.services.read.applications({}, { limit: 1_000, offset: 0 }).rows.map((a) => a.applicationId);
    const disbursements = app.services.read.disbursements({}, { limit: 1, offset: 0 }).totalCount;
    const operations: Operation[] = [
      { name: 'disbursement page (100 rows)', source: example('DisbursementPage'), variables: [{ first: 100 }] },
      { name: 'single application', source: example('ApplicationDetail'), variables: ids.map((id) => ({ id })) },
    ];
    console.log(
      `data: ${ids.length} applications, ${disbursements} disbursements; ${CLIENTS} clients ` +
        `(${PERSISTED_QUERIES ? 'persisted queries' : 'full queries'}), ${SECONDS} s per run after ${WARM_UP_SECONDS} s of warm-up; ` +
        `server run with NODE_ENV=${RUNTIME.nodeEnv}, node flags ${RUNTIME.nodeFlags}`,
    );

    const bare = await startBareGraphqlServer({
      schema,
      sources: operations.map((op) => op.source),
      context: requestContextMaker({ verifyToken, contextFor: contextFor(app.services) }),
    });
    await sameAnswer(schema, app, operations[0]!);
    const floor = await startPageFloorServer({ read: app.services.read, verifyToken });
    const measured = await rounds(operations, {
      apollo: (op) => overHttp(app, api.url, token, op),
      bare: (op) => overHttp(app, bare.url, token, op),
      inProcess: (op) => inProcess(schema, app, op),
      floor: (op) => overHttp(app, floor.url, token, op),
    });
    await bare.stop();
    await floor.stop();
    console.log(`medians of ${ROUNDS} rounds (each ratio within its round):`);
    const results: Record<string, { http: Run; bare: Run; inProcess: Run; ratios: ReturnType<typeof ratiosOf> }> = {};
    for (const op of operations) {
      const runs = measured.get(op.name)!;
      const [http, bareHttp, local] = [medians(runs.map((r) => r.apollo)), medians(runs.map((r) => r.bare)), medians(runs.map((r) => r.inProcess))];
      const ratios = medians(runs.map(ratiosOf));
      results[op.name] = { http, bare: bareHttp, inProcess: local, ratios };
      console.log(
        `${op.name}: HTTP ${http.perSecond} req/s (p50 ${http.p50Ms} ms, p99 ${http.p99Ms} ms, ${http.queriesPerRequest} queries/req, ` +
          `server CPU ${http.cpuMicrosPerRequest} µs/req, ${http.systemCpuMicrosPerRequest} of it in the kernel); in-process ${local.perSecond} req/s ` +
          `(p50 ${local.p50Ms} ms, p99 ${local.p99Ms} ms, CPU ${local.cpuMicrosPerRequest} µs/req, ${local.systemCpuMicrosPerRequest} in the kernel); ` +
          `HTTP/in-process ${ratios.ratio}`,
      );
      console.log(
        `  control, node:http + the same executor without Apollo: ${bareHttp.perSecond} req/s (server CPU ${bareHttp.cpuMicrosPerRequest} µs/req, ` +
          `${bareHttp.systemCpuMicrosPerRequest} in the kernel); bare HTTP/in-process ${ratios.bareRatio}, Apollo/bare ${ratios.apolloOverBare}`,
      );
    }
    const page = results[operations[0]!.name]!;
    const pageRuns = measured.get(operations[0]!.name)!;
    const pageFloor = medians(pageRuns.map((r) => r.floor!));
    const pageCpuToFloor = medians(pageRuns.map((r) => ({ cpu: ratio(r.apollo.cpuMicrosPerRequest, r.floor!.cpuMicrosPerRequest) }))).cpu;
    // Like for like: the baseline was the page's first run on a server just started, so is this one.
    const pageCpuFirstRound = pageRuns[0]!.apollo.cpuMicrosPerRequest;
    const pageCpuToBaseline = ratio(pageCpuFirstRound, BASELINE_PAGE_CPU_MICROS);
    console.log(
      `  floor, the page's JSON built from the same queries without GraphQL: ${pageFloor.perSecond} req/s (server CPU ${pageFloor.cpuMicrosPerRequest} µs/req); ` +
        `page/floor CPU ${pageCpuToFloor}; page/baseline (${BASELINE_PAGE_CPU_MICROS} µs at bcaad65, the first run on its server) CPU ${pageCpuToBaseline} ` +
        `(the first round's ${pageCpuFirstRound} µs; the median's ${page.http.cpuMicrosPerRequest} would give ${ratio(page.http.cpuMicrosPerRequest, BASELINE_PAGE_CPU_MICROS)})`,
    );
    const queriesAt = async (first: number) =>
      (await inProcess(schema, app, { name: `page of ${first}`, source: example('DisbursementPage'), variables: [{ first }] }, 0, 1)).queriesPerRequest;
    const queriesByPageSize = { 10: await queriesAt(10), 100: await queriesAt(100) };
    console.log(`read-store queries for a disbursement page: ${queriesByPageSize[10]} for 10 rows, ${queriesByPageSize[100]} for 100 rows`);
    await api.stop();
    const single = results[operations[1]!.name]!;
    const targets = {
      httpAtLeastHalfOfInProcess: page.ratios.ratio >= 0.5 && single.ratios.ratio >= 0.5,
      queriesIndependentOfPageSize: queriesByPageSize[10] === queriesByPageSize[100],
      pageCpuAtMostAThirdOfBaseline: pageCpuFirstRound * 3 <= BASELINE_PAGE_CPU_MICROS,
    };
    printResult({
      bench: 'api',
      quick,
      runtime: RUNTIME,
      applications: ids.length,
      disbursements,
      clients: CLIENTS,
      persistedQueries: PERSISTED_QUERIES,
      rounds: ROUNDS,
      secondsPerRun: SECONDS,
      warmUpSecondsPerRun: WARM_UP_SECONDS,
      pageHttpPerSecond: page.http.perSecond,
      pageInProcessPerSecond: page.inProcess.perSecond,
      pageHttpP50Ms: page.http.p50Ms,
      pageHttpP99Ms: page.http.p99Ms,
      pageRatio: page.ratios.ratio,
      singleHttpPerSecond: single.http.perSecond,
      singleInProcessPerSecond: single.inProcess.perSecond,
      singleHttpP50Ms: single.http.p50Ms,
      singleHttpP99Ms: single.http.p99Ms,
      singleRatio: single.ratios.ratio,
      pageBareHttpPerSecond: page.bare.perSecond,
      singleBareHttpPerSecond: single.bare.perSecond,
      pageBareRatio: page.ratios.bareRatio,
      singleBareRatio: single.ratios.bareRatio,
      singleBareHttpCpuMicrosPerRequest: single.bare.cpuMicrosPerRequest,
      pageHttpCpuMicrosPerRequest: page.http.cpuMicrosPerRequest,
      pageHttpCpuMicrosPerRequestFirstRound: pageCpuFirstRound,
      pageInProcessCpuMicrosPerRequest: page.inProcess.cpuMicrosPerRequest,
      singleHttpCpuMicrosPerRequest: single.http.cpuMicrosPerRequest,
      singleInProcessCpuMicrosPerRequest: single.inProcess.cpuMicrosPerRequest,
      singleHttpSystemCpuMicrosPerRequest: single.http.systemCpuMicrosPerRequest,
      singleInProcessSystemCpuMicrosPerRequest: single.inProcess.systemCpuMicrosPerRequest,
      queriesPerPageRequest: page.http.queriesPerRequest,
      queriesPerSingleRequest: single.http.queriesPerRequest,
      queriesForPageOf10: queriesByPageSize[10],
      queriesForPageOf100: queriesByPageSize[100],
      pageFloorHttpPerSecond: pageFloor.perSecond,
      pageFloorHttpCpuMicrosPerRequest: pageFloor.cpuMicrosPerRequest,
      pageCpuToFloor,
      baselinePageCpuMicrosPerRequest: BASELINE_PAGE_CPU_MICROS,
      pageCpuToBaseline,
      targets,
      targetsMet: Object.values(targets).every(Boolean),
    });
  } finally {
    await close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
