/**
 * The ledger application on a given event store: the ledger facade with the built-in policy
 * loaded and half-done approvals recovered, the projections running into a read store, and the
 * services the API serves. main.ts gives it the configured store; tests and benchmarks give it
 * theirs, so all of them run the same wiring.
 */
import type { Logger } from 'pino';
import type { EventStore } from '../eventstore/port.js';
import { createLedger, type Ledger } from '../ledger.js';
import { ledgerProjections } from '../readmodel/ledger-projections.js';
import { createReadModelQueries } from '../readmodel/queries/index.js';
import { openReadStore, type ReadStore } from '../readmodel/read-store.js';
import { reconcile } from '../readmodel/reconcile.js';
import { createProjectionRunner, type ProjectionRunner } from '../readmodel/runner.js';
import { type Clock, systemClock } from '../shared/clock.js';
import { singleFlight } from '../shared/single-flight.js';
import type { ApiServices } from './context.js';
import { type ApprovalSweep, startApprovalSweep } from '../commands/approval-sweep.js';

export interface LedgerAppOptions {
  store: EventStore;
  /** The read store's file, or ':memory:'. */
  readStoreFile: string;
  logger: Logger;
  clock?: Clock;
}

export interface LedgerApp {
  ledger: Ledger;
  readStore: ReadStore;
  runner: ProjectionRunner;
  /** Completes or compensates approvals left half-done, every 30 s. */
  approvalSweep: ApprovalSweep;
  services: ApiServices;
  /** Stops the projections and closes the read store; the caller closes the event store it opened. */
  close(): Promise<void>;
}

/** Who loads the built-in catalog and recovers approvals at start. */
const SYSTEM = { actorId: 'system', actorRole: 'SYSTEM' };

export async function openLedgerApp({ store, readStoreFile, logger, clock = systemClock }: LedgerAppOptions): Promise<LedgerApp> {
  const ledger = createLedger({ store, clock });
  await ledger.loadBuiltInCatalog(SYSTEM);
  const recovered = await ledger.recoverPendingApprovals();
  if (recovered.length > 0) logger.warn({ recovered }, 'completed or compensated approvals a crash left half-done');
  const readStore = openReadStore({ file: readStoreFile });
  const runner = createProjectionRunner({
    store,
    readStore,
    projections: ledgerProjections,
    onError: (error) => logger.error({ err: error }, 'projection runner'),
  });
  await runner.start();
  const read = createReadModelQueries(readStore);
  const approvalSweep = startApprovalSweep({
    findUnfinished: read.applicationsWithUnfinishedApprovals,
    resume: ledger.resumeApproval,
    onError: (applicationId, error) => logger.warn({ applicationId, err: error }, 'approval sweep: not resumed yet'),
    clock,
  });
  return {
    ledger,
    readStore,
    runner,
    approvalSweep,
    services: {
      ledger,
      store,
      runner,
      read,
      // A full replay of the log: callers asking at the same time share one.
      reconcile: singleFlight(() => reconcile({ store, readStore, projections: ledgerProjections })),
    },
    async close() {
      await approvalSweep.stop();
      await runner.stop();
      readStore.close();
    },
  };
}
