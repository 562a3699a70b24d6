/**
 * The composition root: the only place that wires infrastructure. `openLedgerApp` puts the
 * ledger on a given event store (the built-in policy loaded, half-done approvals recovered), runs
 * the projections into the read stores and the approval sweep, and makes the services the API
 * serves; tests and benchmarks give it their store, so all of them run the same wiring.
 * `startLedgerApi` adds what a deployment configures: the store it names and the HTTP API.
 */
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import type { Logger } from 'pino';
import { type AuditService, createAuditService } from './audit/audit-service.js';
import { openHeadLog } from './audit/head-log.js';
import { loadSigningKey } from './audit/signing-key.js';
import { type ApprovalSweep, startApprovalSweep } from './commands/approval-sweep.js';
import { openSnapshotStore } from './commands/snapshots.js';
import type { Config } from './config.js';
import { openConfiguredStore } from './eventstore/open-store.js';
import { exportRoutes } from './export/http.js';
import { openDataRoutes } from './opendata/http.js';
import type { OpenDataSettings } from './opendata/settings.js';
import type { EventStore, Position } from './eventstore/port.js';
import { createTokenVerifier, type TokenVerifier } from './graphql/auth/verify-token.js';
import { type ApiServices, contextFor } from './graphql/context.js';
import { projectionReadiness } from './graphql/readiness.js';
import { buildLedgerSchema } from './graphql/schema.js';
import { type RunningApi, startApi } from './graphql/server.js';
import { type BudgetFigures, createLedger, type Ledger } from './ledger.js';
import { publicationRoutes } from './publication/http.js';
import { publicationSettings } from './publication/settings.js';
import { readModelProjections } from './readmodel/ledger-projections.js';
import type { ReadModelQueries } from './readmodel/queries/index.js';
import { createReadModelsRunner, openReadStores, readModelQueries, type ReadStores } from './readmodel/read-stores.js';
import { reconcile } from './readmodel/reconcile.js';
import type { ProjectionRunner } from './readmodel/runner.js';
import { type Clock, systemClock } from './shared/clock.js';
import { singleFlight } from './shared/single-flight.js';

export interface LedgerAppOptions {
  store: EventStore;
  /** The read store's file, or ':memory:'; the audit tree's is beside it (read-stores.ts). */
  readStoreFile: string;
  /** The command side's snapshots (a cache), or ':memory:'; absent, none are kept. */
  snapshotFile?: string;
  logger: Logger;
  clock?: Clock;
  /** Signed tree heads; absent: a key for this process only and heads kept in memory (tests, benchmarks). */
  audit?: LedgerAuditOptions;
}

export interface LedgerAuditOptions {
  signingKey: KeyObject;
  headsFile: string;
  publishDir?: string;
  intervalMs?: number;
}

export interface LedgerApp {
  ledger: Ledger;
  readStores: ReadStores;
  runner: ProjectionRunner;
  /** Completes or compensates approvals left half-done, every 30 s. */
  approvalSweep: ApprovalSweep;
  /** Signed tree heads and proofs; `signHead` is what a fiscal-year close calls. */
  audit: AuditService;
  services: ApiServices;
  /** Stops the projections and closes the read stores; the caller closes the event store it opened. */
  close(): Promise<void>;
}

/** Who loads the built-in catalog and recovers approvals at start. */
const SYSTEM = { actorId: 'system', actorRole: 'SYSTEM' };

/** How long a budget refusal waits for the read models to show the line as the refusal saw it. */
const FIGURES_WAIT_MS = 2_000;

/**
 * A budget line's figures as `budgetLine` serves them, once the projections reach `position`;
 * undefined before they run (recovery at start) or when they do not reach it in time.
 */
function budgetFiguresFrom(runner: ProjectionRunner, read: ReadModelQueries, running: () => boolean) {
  return async (budgetLineId: string, position: Position): Promise<BudgetFigures | undefined> => {
    if (!running()) return undefined;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), FIGURES_WAIT_MS)));
    const reached = await Promise.race([runner.waitFor(position).then(() => true, () => false), late]);
    clearTimeout(timer);
    return reached ? (read.budgetLinesById([budgetLineId])[0] ?? undefined) : undefined;
  };
}

/** The budget lines of a fiscal year for its close, from the read model once it has reached the head of the log. */
function budgetLinesOfYearFrom(store: EventStore, runner: ProjectionRunner, read: ReadModelQueries) {
  return async (fiscalYear: number) => {
    const head = await store.headPosition();
    if (head !== undefined) await runner.waitFor(head);
    return read.budgetLines({ fiscalYear }).map((line) => line.budgetLineId);
  };
}

/**
 * A signed tree head at every fiscal-year close, covering the close's last event. A head that
 * cannot be signed does not undo the close, which is booked: it is logged, and the schedule signs
 * the next one.
 */
function signHeadAtClose(audit: AuditService, logger: Logger) {
  return async ({ fiscalYear }: { fiscalYear: number }) => {
    await audit.signFiscalYearClose(fiscalYear).catch((error: Error) => logger.error({ err: error, fiscalYear }, 'signed tree head at the close: not signed'));
  };
}

export async function openLedgerApp({ store, readStoreFile, snapshotFile, logger, clock = systemClock, audit: auditOptions }: LedgerAppOptions): Promise<LedgerApp> {
  const readStores = openReadStores(readStoreFile);
  const snapshots = snapshotFile === undefined ? undefined : openSnapshotStore(snapshotFile);
  const runner = createReadModelsRunner(store, readStores, (error) => logger.error({ err: error }, 'projection runner'));
  const read = readModelQueries(readStores);
  let projecting = false;
  const { signingKey, headsFile, publishDir, intervalMs } = auditOptions ?? { signingKey: generateKeyPairSync('ed25519').privateKey, headsFile: ':memory:' };
  const heads = openHeadLog({ file: headsFile, ...(publishDir ? { publishDir } : {}) });
  const audit = createAuditService({
    read,
    catchUp: () => runner.catchUp(),
    heads,
    signingKey,
    clock,
    ...(intervalMs ? { intervalMs } : {}),
    onScheduleError: (error) => logger.error({ err: error }, 'signed tree head: not signed'),
  });
  const treasury = { catchUp: () => runner.catchUp(), matchingBasis: read.treasuryMatchingBasis, exception: read.treasuryException };
  const fiscalClose = { budgetLinesOfYear: budgetLinesOfYearFrom(store, runner, read), afterFiscalYearClosed: signHeadAtClose(audit, logger) };
  const ledger = createLedger({ store, clock, snapshots, budgetFigures: budgetFiguresFrom(runner, read, () => projecting), treasury, fiscalClose });
  await ledger.loadBuiltInCatalog(SYSTEM);
  await ledger.loadBuiltInCalendar(SYSTEM);
  await ledger.loadBuiltInMeasures(SYSTEM);
  // An approval that cannot be finished now is left to the sweep: one must not keep the API from starting.
  const recovered = await ledger.recoverPendingApprovals((applicationId, error) =>
    logger.warn({ applicationId, err: error }, 'recovery: approval not finished yet; the sweep will try again'),
  );
  if (recovered.length > 0) logger.warn({ recovered }, 'completed or compensated approvals a crash left half-done');
  await runner.start();
  projecting = true;
  const approvalSweep = startApprovalSweep({
    findUnfinished: read.applicationsWithUnfinishedApprovals,
    resume: ledger.resumeApproval,
    onError: (applicationId, error) => logger.warn({ applicationId, err: error }, 'approval sweep: not resumed yet'),
    clock,
  });
  return {
    ledger,
    readStores,
    runner,
    approvalSweep,
    audit,
    services: {
      ledger,
      store,
      runner,
      read,
      audit,
      // A full replay of the log: callers asking at the same time share one.
      reconcile: singleFlight(() => reconcile({ store, readStore: readStores.models, projections: readModelProjections })),
    },
    async close() {
      audit.stop();
      await approvalSweep.stop();
      await runner.stop();
      readStores.close();
      snapshots?.close();
      heads.close();
    },
  };
}

/** The routes beside GraphQL: the auditors' exports (the API's tokens and roles) and the open data (public). */
export function fileRoutes(services: ApiServices, verifyToken: TokenVerifier, openData: OpenDataSettings, publication = publicationSettings()) {
  return new Map([
    ...exportRoutes(services, verifyToken),
    ...openDataRoutes(services, openData),
    ...publicationRoutes({ read: services.read, verifyToken, settings: publication }),
  ]);
}

export interface RunningLedger {
  app: LedgerApp;
  api: RunningApi;
  store: EventStore;
  /** No new requests; those in flight finish; then the projections, the read stores and the event store close. */
  stop(): Promise<void>;
}

/**
 * The deployment: the event store the configuration names, the ledger application on it, and
 * the API. `beforeServing` runs once the application is open, before the API listens (the demo
 * loads its data there).
 */
export async function startLedgerApi(
  config: Config,
  logger: Logger,
  beforeServing: (app: LedgerApp) => Promise<void> = async () => {},
): Promise<RunningLedger> {
  // The key first: a production start without one stops before anything is opened.
  const signing = loadSigningKey(config.audit.signingKey);
  if (signing.warning) logger.warn(signing.warning);
  const store = await openConfiguredStore(config, logger.child({ module: 'esdb' }));
  const app = await openLedgerApp({
    store,
    readStoreFile: config.readStoreFile,
    snapshotFile: config.snapshotFile,
    logger,
    audit: { signingKey: signing.key, headsFile: config.headsFile, publishDir: config.audit.publishDir, intervalMs: config.audit.intervalMs },
  });
  await beforeServing(app);
  const verifyToken = createTokenVerifier(config.jwt);
  const api = await startApi(
    {
      schema: await buildLedgerSchema(),
      production: config.production,
      logger,
      maxBodyBytes: config.maxBodyBytes,
      verifyToken,
      contextFor: contextFor(app.services),
      readiness: () => projectionReadiness(app.runner),
      routes: fileRoutes(app.services, verifyToken, config.openData),
      ledgerHead: () => app.audit.newestHead(),
    },
    { port: config.port },
  );
  return {
    app,
    api,
    store,
    async stop() {
      await api.stop();
      await app.close();
      await store.close();
    },
  };
}
