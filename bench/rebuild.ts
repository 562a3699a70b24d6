/**
 * What bench:projections and bench:scale share: loading generated lifecycles through the port,
 * a raw scan of the log, a full rebuild of every projection, the single-thread bound that the
 * write floor (write-floor.ts) sets on that rebuild, and a rebuild without the audit tree, all
 * measured on the same log.
 */
import { rmSync } from 'node:fs';
import type { AppendResult, EventStore } from '../src/eventstore/port.js';
import { auditTreeProjections, readModelProjections } from '../src/readmodel/ledger-projections.js';
import type { AnyProjection } from '../src/readmodel/projection.js';
import { openReadStore } from '../src/readmodel/read-store.js';
import { auditTreeFileBeside, createReadModelsRunner, openReadStores } from '../src/readmodel/read-stores.js';
import { createProjectionRunner, type ProjectionRunner } from '../src/readmodel/runner.js';
import type { History } from '../test/readmodel/support/lifecycle.js';
import { measureWriteFloor, type WriteFloor } from './write-floor.js';
import { peakRss, ratio, timed } from './support.js';

/**
 * Appends every event of `history` through the port, handing each result back. Appends are not
 * awaited one by one: those sent in one turn of the event loop share a group commit, as the
 * ledger's concurrent commands do; a late append (a command's record) waits for what it quotes
 * and for every append before it. Returns how many events were written.
 */
export async function loadLog(store: EventStore, history: History): Promise<number> {
  let events = 0;
  let inFlight: Promise<AppendResult>[] = [];
  for (let next = history.next(); !next.done; ) {
    const step = next.value;
    if ('build' in step) await Promise.all(inFlight.splice(0));
    const append = 'build' in step ? step.build(await step.after) : step;
    const written = store.append(append.stream, append.events, { expectedRevision: append.expectedRevision });
    inFlight.push(written);
    events += append.events.length;
    if (events % 100_000 < append.events.length) console.log(`  loaded ${events.toLocaleString('en')} events`);
    next = history.next(written);
  }
  await Promise.all(inFlight);
  return events;
}

/** Reads the whole log through the port's subscription, as the runner does, and drops each event. */
export async function rawScan(store: EventStore): Promise<number> {
  const head = await store.headPosition();
  let count = 0;
  const subscription = store.subscribeAll();
  for await (const event of subscription) {
    count += 1;
    if (event.position >= head!) break;
  }
  await subscription.close();
  return count;
}

/** Starts `runner`, waits until it has reached the head of the log, and stops it. */
export async function toHead(runner: ProjectionRunner): Promise<void> {
  await runner.start();
  await runner.catchUp();
  await runner.stop();
}

/** Every projection rebuilt from the start of the log as the application keeps them: the read store in `readStoreFile`, the audit tree in its file beside it. */
export async function rebuild(store: EventStore, readStoreFile: string): Promise<void> {
  const readStores = openReadStores(readStoreFile);
  try {
    await toHead(createReadModelsRunner(store, readStores, (e) => console.error(e)));
  } finally {
    readStores.close();
  }
}

/** `projections` rebuilt from the start of the log into the one read store of `file`. */
export async function rebuildInOneFile(store: EventStore, file: string, projections: AnyProjection[]): Promise<void> {
  const readStore = openReadStore({ file });
  try {
    await toHead(createProjectionRunner({ store, readStore, projections, onError: (e) => console.error(e) }));
  } finally {
    readStore.close();
  }
}

/** The files a rebuild into `readStoreFile` writes, and the projections in each. */
export const rebuiltFiles = (readStoreFile: string) => [
  { file: readStoreFile, projections: readModelProjections },
  { file: auditTreeFileBeside(readStoreFile), projections: auditTreeProjections },
];

/** Times `work` and samples the peak RSS while it runs. */
export async function measured<T>(work: () => Promise<T> | T) {
  const rss = peakRss();
  const run = await timed(work);
  return { ...run, peakRssMiB: rss.stop() };
}

export interface RebuildFigures {
  scanSeconds: number;
  rebuildSeconds: number;
  floor: WriteFloor;
  /** The best ratio rebuild/raw scan a rebuild on one thread could reach: it reads the log and writes these rows. */
  singleThreadBound: number;
  /**
   * A control: every read model but the audit tree rebuilt, on the runner's thread as in the full
   * rebuild. The tree's own work (canonical text, hashes, its rows) can at best hide on another
   * thread, so no full rebuild is faster than this while the other read models cost what they do.
   */
  withoutTreeSeconds: number;
  peakRssMiB: { rawScan: number; rebuild: number };
}

/** A raw scan, a full rebuild into `readStoreFile`, and the write floor of the rows it wrote (into `floorFile`). */
export async function rebuildAgainstBound(store: EventStore, readStoreFile: string, floorFile: string): Promise<RebuildFigures> {
  const scan = await measured(() => rawScan(store));
  const build = await measured(() => rebuild(store, readStoreFile));
  const floor = measureWriteFloor(rebuiltFiles(readStoreFile), floorFile);
  const withoutTreeFile = `${readStoreFile}.without-tree`;
  const withoutTree = await timed(() => rebuildInOneFile(store, withoutTreeFile, readModelProjections));
  rmSync(withoutTreeFile, { force: true });
  return {
    scanSeconds: scan.seconds,
    rebuildSeconds: build.seconds,
    floor,
    singleThreadBound: ratio(scan.seconds, scan.seconds + floor.seconds),
    withoutTreeSeconds: withoutTree.seconds,
    peakRssMiB: { rawScan: scan.peakRssMiB, rebuild: build.peakRssMiB },
  };
}
