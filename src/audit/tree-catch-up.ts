/**
 * The audit tree caught up on a thread of its own while the runner catches up the other read
 * models: on a rebuild or a restart behind the head, on the embedded store, the tree costs the
 * runner's thread nothing (in its own file, audit-tree.db) or the moments it waits for the tree's
 * commits (in a read store holding every projection, as some tests keep them).
 *
 * A worker (tree-catch-up-worker.ts) opens the tree's read store and the ledger file (read only) on
 * connections of its own and applies the log to the tree projection exactly as the runner would
 * (`applyBatch`: its rows and checkpoint in one transaction). Each page's leaves are hashed before
 * the transaction, so the file's write lock is held only to grow the tree and write it; where the
 * runner writes the same file and holds the lock, the worker hashes on instead of waiting. At the head of the log it
 * makes the tree's indexes and ends; the runner follows the log for the tree from the checkpoint it
 * left (`CatchingUpApart`), as it does when the worker fails or cannot start.
 *
 * Only for a store and a read store in files: EventStoreDB and `:memory:` get none (undefined).
 */
import { Worker } from 'node:worker_threads';
import type { EventStore } from '../eventstore/port.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import type { CatchingUpApart } from '../readmodel/projection.js';
import type { ReadStore } from '../readmodel/read-store.js';
import type { ProjectionFailure } from '../readmodel/schema.js';

/** What the worker is started with. */
export interface TreeCatchUpStart {
  ledgerFile: string;
  readStoreFile: string;
  /** Element 0 is set to 1 to stop the worker at its next page. */
  stop: Int32Array;
  /** The version of the tree projection the runner runs: the worker applies its own, and refuses another. */
  version: number;
  /** Events read at a time (1,000 unless given). */
  page?: number;
}

/** What the worker reports as it ends: the handler failure it stopped at, or the error that stopped it. */
export interface TreeCatchUpEnd {
  failure: ProjectionFailure | undefined;
  error?: string;
}

/** After `stop`, how long the worker may take to end by itself (a lock wait, an index being made) before it is terminated. */
const STOP_GRACE_MS = 1_000;

/** Version `version` of the tree caught up apart, for a store and read store in files; undefined for any other. */
export function startTreeCatchUp(store: EventStore, readStore: ReadStore, version: number): CatchingUpApart | undefined {
  if (!(store instanceof SqliteEventStore) || store.file === ':memory:' || readStore.db.memory) return undefined;
  return new TreeCatchUp({ ledgerFile: store.file, readStoreFile: readStore.db.name, version, stop: new Int32Array(new SharedArrayBuffer(4)) });
}

export class TreeCatchUp implements CatchingUpApart {
  /** Settles once the thread has reported, which it does after closing its connections, or has failed or exited without a report. */
  readonly done: Promise<ProjectionFailure | undefined>;
  private readonly stopFlag: Int32Array;
  private readonly worker: Worker;

  constructor(start: TreeCatchUpStart) {
    this.stopFlag = start.stop;
    this.worker = spawnWorker(start);
    // The first of these settles it: a thread winding down after its report is not waited for.
    this.done = new Promise((resolve, reject) => {
      this.worker.on('message', ({ failure, error }: TreeCatchUpEnd) =>
        error ? reject(new Error(`the audit tree's catch-up thread stopped: ${error}`)) : resolve(failure),
      );
      this.worker.on('error', (error) => reject(new Error(`the audit tree's catch-up thread failed: ${error.message}`, { cause: error })));
      this.worker.on('exit', (code) => reject(new Error(`the audit tree's catch-up thread ended (exit code ${code}) before reporting`)));
    });
  }

  /**
   * Asks the worker to stop at its next page, and terminates it if it has not ended within
   * STOP_GRACE_MS: what it has not committed is dropped either way, and its checkpoint stays
   * consistent with its rows.
   */
  async stop(): Promise<void> {
    Atomics.store(this.stopFlag, 0, 1);
    const ended = this.done.then(
      () => true,
      () => true,
    );
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), STOP_GRACE_MS)));
    if (!(await Promise.race([ended, late]))) await this.worker.terminate();
    clearTimeout(timer);
    await ended;
  }
}

const WORKER = new URL(`./tree-catch-up-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * The worker, from the compiled .js file as it is, or, run from source (tsx, vitest), through
 * tsx's API: a worker does not apply the parent's `--import tsx` before loading its own entry.
 */
function spawnWorker(workerData: TreeCatchUpStart): Worker {
  if (WORKER.pathname.endsWith('.js')) return new Worker(WORKER, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(entry, { eval: true, workerData });
}
