/**
 * The audit tree's leaf hashes, made ahead of the runner on another thread while it catches up on
 * the embedded store: a rebuild's one thread then only stores the leaves and grows the tree.
 *
 * A worker (leaf-hash-worker.ts) opens the ledger file read only, reads the log after the tree's
 * checkpoint (its first event is the leaf after the tree's last), makes each event's canonical
 * text as `canonicalText` does from the event as the store decodes it (the store's own reads),
 * hashes the leaf and puts it in a ring of shared memory with the leaf's index and the event's
 * position. The tree takes leaf i from its slot only if the slot holds leaf i of the same
 * position; otherwise (the worker is behind, failed, has stopped or is not started yet) it hashes
 * the leaf itself: `take` never waits, since hashing costs the tree less than waiting for a worker
 * whose thread is not running, and the tree's leaves are the same either way
 * (test/audit/leaf-hashes.int.spec.ts).
 *
 * Only for a store in a file: EventStoreDB and `:memory:` stores get none (`startLeafHashes` gives
 * undefined). The runner stops it when its reading of the log ends or catches up (ReadAhead).
 */
import { Worker } from 'node:worker_threads';
import type { EventStore, Position, RecordedEvent } from '../eventstore/port.js';
import { SqliteEventStore } from '../eventstore/sqlite/sqlite-event-store.js';
import type { ReadAhead } from '../readmodel/projection.js';
import { HASH_BYTES, type Hash } from './merkle.js';

/** Leaves the worker may be ahead of the tree: more than a batch of the runner (20,000), which the tree takes in one go. */
export const SLOTS = 32_768;

/**
 * control[READ]: the next leaf the tree takes, counted from the worker's first; control[STOP]: 1 to
 * stop; and now and then a leaf the tree has taken (HINT_LEAF) with its position, counted from the
 * worker's first (HINT_AT), under a sequence number odd while they are written (HINT_SEQ): a worker
 * that fell behind (its thread not scheduled) reads on from there rather than through what the tree
 * has passed.
 */
export const READ = 0;
export const STOP = 1;
export const HINT_SEQ = 2;
export const HINT_LEAF = 3;
export const HINT_AT = 4;
/** Takes between hints. */
const HINT_EVERY = 512;

/** The ring in shared memory. Slot k % SLOTS holds leaf k (counted from the worker's first) once published[slot] is k + 1. */
export interface Ring {
  control: Int32Array;
  published: Int32Array;
  /** Per slot: the leaf's index in the tree, and the event's position as a number. */
  places: Float64Array;
  hashes: Uint8Array;
}

/** What the worker is started with. */
export interface LeafHashesStart {
  file: string;
  /** The worker reads the log after this position (from the start when undefined)… */
  after: Position | undefined;
  /** …and the first event it reads is this leaf. */
  firstLeaf: number;
  ring: Ring;
}

function newRing(): Ring {
  const shared = (bytes: number) => new SharedArrayBuffer(bytes);
  return {
    control: new Int32Array(shared(5 * 4)),
    published: new Int32Array(shared(SLOTS * 4)),
    places: new Float64Array(shared(SLOTS * 2 * 8)),
    hashes: new Uint8Array(shared(SLOTS * HASH_BYTES)),
  };
}

/** The event's position as the slot holds it: the embedded store's positions are numbers. */
export const positionNumber = (event: RecordedEvent) => Number(event.position);

/** The position as a number, 0 for the start of the log. */
export const afterNumber = (after: Position | undefined) => (after === undefined ? 0 : Number(after));

/** Leaf hashes read ahead for a store in a file, from leaf `firstLeaf` after `after`; undefined for any other store. */
export function startLeafHashes(store: EventStore, after: Position | undefined, firstLeaf: number): LeafHashes | undefined {
  return store instanceof SqliteEventStore && store.file !== ':memory:' ? new LeafHashes({ file: store.file, after, firstLeaf }) : undefined;
}

export class LeafHashes implements ReadAhead {
  /** Hashes handed to the tree from the worker. */
  given = 0;
  /** What stopped the worker, if it failed. */
  error: Error | undefined;
  /** Shared with the worker. */
  readonly ring = newRing();
  private readonly worker: Worker;
  /** The tree's leaf of the worker's first event, and the next leaf the tree takes, counted from there. */
  private readonly first: number;
  private next = 0;
  /** The position the worker reads after, as a number. */
  private readonly firstAfter: number;
  private stopped = false;
  private stopping: Promise<void> | undefined;

  /** Starts the worker: it reads the log of `file` after `after`, whose first event is leaf `firstLeaf`. */
  constructor({ file, after, firstLeaf }: Omit<LeafHashesStart, 'ring'>) {
    this.first = firstLeaf;
    this.firstAfter = afterNumber(after);
    this.worker = spawnWorker({ file, after, firstLeaf, ring: this.ring });
    this.worker.on('error', (error) => (this.error = error));
    // Never what keeps a process alive: the runner stops it, and it ends at the head of the log.
    this.worker.unref();
  }

  /** The hash of leaf `leafIndex`, which is `event`, if the worker has made it; undefined when the caller must hash it. */
  take(event: RecordedEvent, leafIndex: number): Hash | undefined {
    if (this.stopped) return undefined;
    const k = leafIndex - this.first;
    if (k < this.next) return undefined; // applied again after a rollback: its slot may be reused
    this.next = k + 1;
    const { control, published, places, hashes } = this.ring;
    const slot = k % SLOTS;
    const ready =
      Atomics.load(published, slot) === k + 1 && places[2 * slot] === leafIndex && places[2 * slot + 1] === positionNumber(event);
    const hash = ready ? Buffer.from(hashes.subarray(slot * HASH_BYTES, (slot + 1) * HASH_BYTES)) : undefined;
    Atomics.store(control, READ, k + 1);
    if (k % HINT_EVERY === 0) this.hint(k, event);
    if (hash) this.given += 1;
    return hash;
  }

  private hint(k: number, event: RecordedEvent): void {
    const { control } = this.ring;
    Atomics.add(control, HINT_SEQ, 1);
    Atomics.store(control, HINT_LEAF, k);
    Atomics.store(control, HINT_AT, positionNumber(event) - this.firstAfter);
    Atomics.add(control, HINT_SEQ, 1);
    Atomics.notify(control, READ);
  }

  stop(): Promise<void> {
    this.stopping ??= this.end();
    return this.stopping;
  }

  private async end(): Promise<void> {
    this.stopped = true;
    Atomics.store(this.ring.control, STOP, 1);
    Atomics.notify(this.ring.control, READ);
    await this.worker.terminate();
  }
}

const WORKER = new URL(`./leaf-hash-worker${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url);

/**
 * The worker, from the compiled .js file as it is, or, run from source (tsx, vitest), through
 * tsx's API: a worker does not apply the parent's `--import tsx` before loading its own entry.
 */
function spawnWorker(workerData: LeafHashesStart): Worker {
  if (WORKER.pathname.endsWith('.js')) return new Worker(WORKER, { workerData });
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = `import(${JSON.stringify(tsx)}).then(({ tsImport }) => tsImport(${JSON.stringify(WORKER.href)}, ${JSON.stringify(import.meta.url)}))`;
  return new Worker(entry, { eval: true, workerData });
}
